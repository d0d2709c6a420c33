using System;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// Quick mode as initiator (RFC 2409 §5.5):
    /// <code>
    ///  Initiator                                   Responder
    ///  HDR*, HASH(1), SA, Ni [, KE], IDci, IDcr    --&gt;
    ///                                         &lt;--  HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr]
    ///  HDR*, HASH(3)                           --&gt;
    /// </code>
    /// One proposal (the policy's), client IDs from the policy's subnets; the answer must be what we
    /// offered. QM1 is retransmitted by <see cref="QuickMode"/>'s timer; both SAs go in after QM2.
    /// With PFS the key pair (before QM1) and g(qm)^xy (after QM2) are computed off the run loop:
    /// the exchange waits in <see cref="QuickModeExchange.ComputingQm1"/> or
    /// <see cref="QuickModeExchange.ComputingQm3"/> and <see cref="QuickMode.Poll"/> resumes it.
    /// </summary>
    internal sealed class QuickModeInitiator
    {
        private readonly IkeDaemon _daemon;
        private readonly ICryptoProvider _crypto;
        private readonly IRandomSource _random;
        private readonly IIpsecSaInstaller _installer;
        private readonly IQuickModeListener _listener;
        private readonly QuickModeExchangeTable _exchanges;
        private readonly ProtectedMessage _msg;
        private readonly QuickModePayloads _payloads;
        private readonly PairInstaller _install;
        private readonly byte[] _tx;
        private readonly byte[] _hash;
        private readonly MessageBuilder _builder;

        /// <summary>Starts quick modes under the SAs of <paramref name="daemon"/>.</summary>
        internal QuickModeInitiator(IkeDaemon daemon, ICryptoProvider crypto, IRandomSource random, IIpsecSaInstaller installer, IQuickModeListener listener,
            QuickModeExchangeTable exchanges, ProtectedMessage msg, QuickModePayloads payloads, PairInstaller install)
        {
            _daemon = daemon;
            _crypto = crypto;
            _random = random;
            _installer = installer;
            _listener = listener;
            _exchanges = exchanges;
            _msg = msg;
            _payloads = payloads;
            _install = install;
            _tx = msg.Tx;
            _hash = msg.Hash;
            _builder = msg.Builder;
        }

        /// <summary>Quick modes started.</summary>
        internal int Started { get; private set; }

        /// <summary>Quick modes that rekeyed an existing pair.</summary>
        internal int Rekeys { get; private set; }

        /// <summary>Messages dropped (undecryptable, bad hash).</summary>
        internal int Dropped { get; private set; }

        /// <summary>Sends QM1 for <paramref name="policy"/> under <paramref name="sa"/>; <paramref name="replaces"/>: the pair a rekey renews.</summary>
        internal void Start(IkeSa sa, IpsecPolicy policy, IpsecProposal proposal, ChildSa replaces, long nowMs)
        {
            uint mid = _msg.NewMessageId(sa);
            QuickModeExchange x = QuickModeExchange.Create(sa, mid, true, policy, proposal, _msg.NewIv(sa, mid));
            x.Replaces = replaces;
            x.StartedMs = nowMs;
            x.OurSpi = _installer.ReserveSpi();
            if (x.OurSpi == 0)
            {
                ChildSa.Unmark(replaces);
                _listener.OnPhase2Failed(sa, sa.PeerAddress, Phase2FailureReason.ResourceLimit, "no free inbound SPI for " + policy.Name);
                return;
            }

            x.Ni = _payloads.NewNonce();
            x.EncapsulationMode = QuickModePayloads.EncapsulationFor(sa);
            x.LifetimeSeconds = policy.LifetimeSeconds;
            x.LifetimeKilobytes = policy.LifetimeKilobytes;
            x.State = QuickModeExchange.ComputingQm1;
            x.NextTimerMs = nowMs + QuickMode.KeepMs;
            _exchanges.Add(x);
            Started++;
            if (replaces != null)
            {
                Rekeys++;
            }

            _listener.OnPhase2Negotiating(sa, policy.Name);
            if (policy.Pfs != DhGroup.None)
            {
                x.Job = DhJob.NewPair(_crypto, policy.Pfs, _random);
                _daemon.Jobs.Start(x.Job);
                if (!x.Job.IsDone)
                {
                    return;
                }
            }

            SendQm1(x, nowMs);
        }

        /// <summary>QM1 of <paramref name="x"/>, once its PFS key pair (if any) is ready.</summary>
        internal void SendQm1(QuickModeExchange x, long nowMs)
        {
            IkeSa sa = x.Sa;
            IpsecPolicy policy = x.Policy;
            if (!QuickModePayloads.TakePfs(x))
            {
                _exchanges.Fail(x, Phase2FailureReason.ResourceLimit, "the PFS Diffie-Hellman computation failed");
                return;
            }

            int hashAt = _msg.BeginProtected(sa, ExchangeType.QuickMode, x.MessageId);
            int rest = _builder.Position;
            _payloads.WriteSa(1, 1, x, x.LifetimeSeconds, x.LifetimeKilobytes);
            _payloads.AppendNonce(x.Ni);
            _payloads.AppendKe(x.Dh);
            _payloads.AppendSubnetId(policy.LocalSubnet, policy.LocalPrefixLength);
            _payloads.AppendSubnetId(policy.RemoteSubnet, policy.RemotePrefixLength);
            _msg.ComputeHash(sa, x.MessageId, null, null, _tx, rest, _builder.Position - rest, false);
            Array.Copy(_hash, 0, _tx, hashAt, sa.Keys.PrfSize);
            x.LastSent = _msg.Seal(x.Iv);
            if (x.LastSent == null)
            {
                _exchanges.Fail(x, Phase2FailureReason.ResourceLimit, "QM1 did not fit");
                return;
            }

            x.State = QuickModeExchange.WaitingQm2;
            x.NextTimerMs = nowMs + QuickMode.FirstRetransmitMs;
            _daemon.Send(sa, x.LastSent, 0, x.LastSent.Length, nowMs);
        }

        /// <summary>QM2 of our exchange <paramref name="x"/>: check, answer with QM3, install.</summary>
        internal void HandleQm2(QuickModeExchange x, IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            IkeSa sa = x.Sa;
            if (!_msg.Open(x.Iv, m, MessageKind.Quick2) || !_msg.VerifyHash(sa, m, x.Ni, null, false))
            {
                Dropped++;
                return;
            }

            x.Iv.Commit();
            _daemon.NoteAuthenticated(sa, source, sourcePort, localPort);
            sa.NoteHeard(nowMs);
            byte[] b = m.PayloadBuffer;
            int saAt = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            int proposal = SaPayload.GetFirstProposal(saAt);
            int transform = ProposalPayload.GetFirstTransform(b, proposal);
            Agreed agreed = _payloads.ReadTransform(b, proposal, transform);
            if (agreed == null || !QuickModePayloads.Matches(agreed, x.Proposal, x.Policy))
            {
                _exchanges.Fail(x, Phase2FailureReason.ProposalMismatch, "the responder's answer is not what we offered: "
                    + (agreed == null ? "unreadable" : agreed.Describe()));
                return;
            }

            x.PeerSpi = ProposalPayload.GetSpi32(b, proposal);
            x.Nr = _payloads.NonceOf(m);
            x.EncapsulationMode = agreed.Mode;
            QuickModePayloads.Shorten(x, agreed.LifetimeSeconds, agreed.LifetimeKilobytes);
            _payloads.ReadResponderLifetime(x, m);
            x.LastReceivedHash = _msg.Fingerprint(m);
            if (!_payloads.StartPfs(x, m, _crypto, _daemon.Jobs))
            {
                InvalidKe(x);
                return;
            }

            // QM1 is answered: a copy of QM2 now must not make us send QM1 again.
            x.LastSent = null;
            x.State = QuickModeExchange.ComputingQm3;
            x.NextTimerMs = nowMs + QuickMode.KeepMs;
            if (x.Job == null || x.Job.IsDone)
            {
                SendQm3(x, nowMs);
            }
        }

        private void InvalidKe(QuickModeExchange x)
        {
            _exchanges.Fail(x, Phase2FailureReason.MalformedPayload, "invalid or missing KE payload (PFS " + ProposalMatcher.GroupName(x.Policy.Pfs) + ")");
        }

        /// <summary>QM3 of <paramref name="x"/> once g(qm)^xy (if any) is ready, then both SAs go in.</summary>
        internal void SendQm3(QuickModeExchange x, long nowMs)
        {
            IkeSa sa = x.Sa;
            if (!QuickModePayloads.TakePfs(x))
            {
                InvalidKe(x);
                return;
            }

            int hashAt = _msg.BeginProtected(sa, ExchangeType.QuickMode, x.MessageId);
            _msg.ComputeHash(sa, x.MessageId, x.Ni, x.Nr, null, 0, 0, true);
            Array.Copy(_hash, 0, _tx, hashAt, sa.Keys.PrfSize);
            x.LastSent = _msg.Seal(x.Iv);
            if (x.LastSent == null)
            {
                _exchanges.Fail(x, Phase2FailureReason.ResourceLimit, "QM3 did not fit");
                return;
            }

            _daemon.Send(sa, x.LastSent, 0, x.LastSent.Length, nowMs);
            _install.Install(x, nowMs);
        }
    }
}
