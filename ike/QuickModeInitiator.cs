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
    /// offered; both SAs go in after QM2. Each step builds or reads a message and returns a
    /// <see cref="QuickModeOutcome"/>: <see cref="QuickModeDispatcher"/> sends, retransmits QM1,
    /// installs and reports. With PFS the key pair (before QM1) and g(qm)^xy (after QM2) are
    /// computed off the run loop: the exchange waits in <see cref="QuickModeExchange.ComputingQm1"/>
    /// or <see cref="QuickModeExchange.ComputingQm3"/> until the dispatcher calls <see cref="Resume"/>.
    /// </summary>
    internal sealed class QuickModeInitiator
    {
        private readonly ICryptoProvider _crypto;
        private readonly IRandomSource _random;
        private readonly IIpsecSaInstaller _installer;
        private readonly IQuickModeListener _listener;
        private readonly QuickModeExchangeTable _exchanges;
        private readonly ProtectedMessage _msg;
        private readonly QuickModePayloads _payloads;
        private readonly byte[] _tx;
        private readonly byte[] _hash;
        private readonly MessageBuilder _builder;

        /// <summary>Quick modes whose SPIs come from <paramref name="installer"/>, kept in <paramref name="exchanges"/>.</summary>
        internal QuickModeInitiator(ICryptoProvider crypto, IRandomSource random, IIpsecSaInstaller installer, IQuickModeListener listener,
            QuickModeExchangeTable exchanges, ProtectedMessage msg, QuickModePayloads payloads)
        {
            _crypto = crypto;
            _random = random;
            _installer = installer;
            _listener = listener;
            _exchanges = exchanges;
            _msg = msg;
            _payloads = payloads;
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

        /// <summary>QM1 for <paramref name="policy"/> under <paramref name="sa"/> (after the PFS key pair, if any); <paramref name="replaces"/>: the pair a rekey renews.</summary>
        internal QuickModeOutcome Start(IkeSa sa, IpsecPolicy policy, IpsecProposal proposal, ChildSa replaces, long nowMs)
        {
            uint mid = _msg.NewMessageId(sa);
            QuickModeExchange x = QuickModeExchange.Create(sa, mid, true, policy, proposal, _msg.NewIv(sa, mid));
            x.Replaces = replaces;
            x.StartedMs = nowMs;
            x.OurSpi = _installer.ReserveSpi();
            if (x.OurSpi == 0)
            {
                ChildSa.Unmark(replaces);
                return QuickModeOutcome.Failed(x, Phase2FailureReason.ResourceLimit, "no free inbound SPI for " + policy.Name);
            }

            x.Ni = _payloads.NewNonce();
            x.EncapsulationMode = QuickModePayloads.EncapsulationFor(sa);
            x.LifetimeSeconds = policy.LifetimeSeconds;
            x.LifetimeKilobytes = policy.LifetimeKilobytes;
            x.State = QuickModeExchange.ComputingQm1;
            x.NextTimerMs = nowMs + QuickModeDispatcher.KeepMs;
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
                return QuickModeOutcome.Waiting(x);
            }

            return BuildQm1(x, nowMs);
        }

        /// <summary>The step after <paramref name="x"/>'s Diffie-Hellman job: QM1 or QM3.</summary>
        internal QuickModeOutcome Resume(QuickModeExchange x, long nowMs)
        {
            return x.State == QuickModeExchange.ComputingQm1 ? BuildQm1(x, nowMs) : BuildQm3(x);
        }

        /// <summary>QM1 of <paramref name="x"/>, once its PFS key pair (if any) is ready.</summary>
        private QuickModeOutcome BuildQm1(QuickModeExchange x, long nowMs)
        {
            IkeSa sa = x.Sa;
            IpsecPolicy policy = x.Policy;
            if (!QuickModePayloads.TakePfs(x))
            {
                return QuickModeOutcome.Failed(x, Phase2FailureReason.ResourceLimit, "the PFS Diffie-Hellman computation failed");
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
                return QuickModeOutcome.Failed(x, Phase2FailureReason.ResourceLimit, "QM1 did not fit");
            }

            x.State = QuickModeExchange.WaitingQm2;
            x.NextTimerMs = nowMs + QuickModeDispatcher.FirstRetransmitMs;
            return QuickModeOutcome.Send(x);
        }

        /// <summary>QM2 of our exchange <paramref name="x"/>: check it; QM3 follows (after g(qm)^xy, if any).</summary>
        internal QuickModeOutcome HandleQm2(QuickModeExchange x, IsakmpMessage m, long nowMs)
        {
            IkeSa sa = x.Sa;
            if (!_msg.Open(x.Iv, m, MessageKind.Quick2) || !_msg.VerifyHash(sa, m, x.Ni, null, false))
            {
                Dropped++;
                return QuickModeOutcome.Ignored;
            }

            x.Iv.Commit();
            sa.NoteHeard(nowMs);
            byte[] b = m.PayloadBuffer;
            int saAt = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            int proposal = SaPayload.GetFirstProposal(saAt);
            int transform = ProposalPayload.GetFirstTransform(b, proposal);
            Agreed agreed = _payloads.ReadTransform(b, proposal, transform);
            if (agreed == null || !QuickModePayloads.Matches(agreed, x.Proposal, x.Policy))
            {
                return QuickModeOutcome.Failed(x, Phase2FailureReason.ProposalMismatch, "the responder's answer is not what we offered: "
                    + (agreed == null ? "unreadable" : agreed.Describe()));
            }

            x.PeerSpi = ProposalPayload.GetSpi32(b, proposal);
            x.Nr = _payloads.NonceOf(m);
            x.EncapsulationMode = agreed.Mode;
            QuickModePayloads.Shorten(x, agreed.LifetimeSeconds, agreed.LifetimeKilobytes);
            _payloads.ReadResponderLifetime(x, m);
            x.LastReceivedHash = _msg.Fingerprint(m);
            if (!_payloads.StartPfs(x, m, _crypto))
            {
                return InvalidKe(x);
            }

            // QM1 is answered: a copy of QM2 now must not make us send QM1 again.
            x.LastSent = null;
            x.State = QuickModeExchange.ComputingQm3;
            x.NextTimerMs = nowMs + QuickModeDispatcher.KeepMs;
            return x.Job != null ? QuickModeOutcome.Waiting(x) : BuildQm3(x);
        }

        private static QuickModeOutcome InvalidKe(QuickModeExchange x)
        {
            return QuickModeOutcome.Failed(x, Phase2FailureReason.MalformedPayload, "invalid or missing KE payload (PFS " + ProposalMatcher.GroupName(x.Policy.Pfs) + ")");
        }

        /// <summary>QM3 of <paramref name="x"/> once g(qm)^xy (if any) is ready; then both SAs go in.</summary>
        private QuickModeOutcome BuildQm3(QuickModeExchange x)
        {
            IkeSa sa = x.Sa;
            if (!QuickModePayloads.TakePfs(x))
            {
                return InvalidKe(x);
            }

            int hashAt = _msg.BeginProtected(sa, ExchangeType.QuickMode, x.MessageId);
            _msg.ComputeHash(sa, x.MessageId, x.Ni, x.Nr, null, 0, 0, true);
            Array.Copy(_hash, 0, _tx, hashAt, sa.Keys.PrfSize);
            x.LastSent = _msg.Seal(x.Iv);
            if (x.LastSent == null)
            {
                return QuickModeOutcome.Failed(x, Phase2FailureReason.ResourceLimit, "QM3 did not fit");
            }

            return QuickModeOutcome.Done(x);
        }
    }
}
