using System;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// Quick mode as responder (RFC 2409 §5.5):
    /// <code>
    ///  Initiator                                   Responder
    ///  HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr] --&gt;
    ///                                         &lt;--  HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr]
    ///  HDR*, HASH(3)                           --&gt;
    /// </code>
    /// The client IDs choose the policy, our order chooses the transform; our inbound SA goes in
    /// before QM2 leaves (make-before-break), the outbound one after QM3. A QM1 we refuse stays as a
    /// finished exchange whose answer is the notify, so its retransmissions are answered, not counted.
    /// Each step returns a <see cref="QuickModeOutcome"/> that <see cref="QuickModeDispatcher"/> acts
    /// on (sends, retransmits QM2 until QM3, installs, refuses with a notify, reports). With PFS our
    /// key pair and g(qm)^xy are computed off the run loop: the exchange waits in
    /// <see cref="QuickModeExchange.ComputingQm2"/> (a copy of QM1 meanwhile gets no answer) until
    /// the dispatcher calls <see cref="Resume"/>.
    /// </summary>
    internal sealed class QuickModeResponder
    {
        private readonly uint _localAddress;
        private readonly ICryptoProvider _crypto;
        private readonly IRandomSource _random;
        private readonly IIpsecSaInstaller _installer;
        private readonly IQuickModeListener _listener;
        private readonly IpsecPolicyTable _policies;
        private readonly QuickModeExchangeTable _exchanges;
        private readonly ProtectedMessage _msg;
        private readonly QuickModePayloads _payloads;
        private readonly PairInstaller _install;
        private readonly byte[] _tx;
        private readonly byte[] _hash;
        private readonly MessageBuilder _builder;

        /// <summary>
        /// Answers quick modes for our WAN address <paramref name="localAddress"/> by the policies of
        /// <paramref name="policies"/>; <paramref name="install"/> makes the inbound SA that goes in before QM2.
        /// </summary>
        internal QuickModeResponder(uint localAddress, ICryptoProvider crypto, IRandomSource random, IIpsecSaInstaller installer, IQuickModeListener listener,
            IpsecPolicyTable policies, QuickModeExchangeTable exchanges, ProtectedMessage msg, QuickModePayloads payloads, PairInstaller install)
        {
            _localAddress = localAddress;
            _crypto = crypto;
            _random = random;
            _installer = installer;
            _listener = listener;
            _policies = policies;
            _exchanges = exchanges;
            _msg = msg;
            _payloads = payloads;
            _install = install;
            _tx = msg.Tx;
            _hash = msg.Hash;
            _builder = msg.Builder;
        }

        /// <summary>Quick modes answered (a policy matched the client IDs).</summary>
        internal int Started { get; private set; }

        /// <summary>Messages dropped (undecryptable, bad hash).</summary>
        internal int Dropped { get; private set; }

        /// <summary>QM1s dropped as replays of the peer's or as our own sent back to us.</summary>
        internal int ReplaysDropped { get; private set; }

        /// <summary>A QM1 (no exchange has its message ID): choose the policy and transform; QM2 follows (after the PFS values, if any).</summary>
        internal QuickModeOutcome HandleQm1(IkeSa sa, IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            QuickModeExchange x = QuickModeExchange.Create(sa, m.MessageId, false, null, null, _msg.NewIv(sa, m.MessageId));
            if (!_msg.Open(x.Iv, m, MessageKind.Quick1) || !_msg.VerifyHash(sa, m, null, null, false))
            {
                Dropped++;
                return QuickModeOutcome.Ignored;
            }

            // Our own QM1 sent back to us verifies too (HASH(1) does not say who sent it); a replay of
            // the peer's after its exchange was forgotten would start a second one and move the SA.
            if (sa.OwnMessageIds.Contains(m.MessageId) || !sa.QuickModeIds.TryAdd(m.MessageId))
            {
                ReplaysDropped++;
                Dropped++;
                return QuickModeOutcome.Ignored;
            }

            x.Iv.Commit();
            sa.NoteHeard(nowMs);
            x.StartedMs = nowMs;
            x.ReplyAddress = source;
            x.ReplyPort = sourcePort;
            x.ReplyLocalPort = localPort;
            x.LastReceivedHash = _msg.Fingerprint(m);
            byte[] b = m.PayloadBuffer;

            // The client IDs select the policy (RFC 2409 §5.5); without them, the gateways' addresses.
            uint ci = sa.PeerAddress, cr = _localAddress;
            int ciPrefix = 32, crPrefix = 32;
            int id1 = m.Find(PayloadType.Identification, 0);
            int id2 = id1 < 0 ? -1 : m.Find(PayloadType.Identification, id1 + 1);
            if (id1 >= 0 && (id2 < 0 || !QuickModePayloads.ReadSubnet(b, m.PayloadOffsetAt(id1), out ci, out ciPrefix)
                || !QuickModePayloads.ReadSubnet(b, m.PayloadOffsetAt(id2), out cr, out crPrefix)))
            {
                x.Policy = null;
            }

            int index = id1 >= 0 && id2 < 0 ? -1 : _policies.FindFor(sa.Peer, ci, ciPrefix, cr, crPrefix, id1 < 0);
            string flow = Ipv4.Format(ci) + "/" + ciPrefix.ToString() + " -> " + Ipv4.Format(cr) + "/" + crPrefix.ToString();
            if (index < 0)
            {
                return QuickModeOutcome.Refused(x, NotifyType.InvalidIdInformation, Phase2FailureReason.FlowMismatch, "the peer proposed " + flow
                    + " (its side -> ours); no ipsec policy of peer " + sa.Peer.Name + " has these subnets");
            }

            x.Policy = _policies.Get(index);
            x.Proposal = _policies.ProposalAt(index);
            _listener.OnPhase2Negotiating(sa, x.Policy.Name);
            Started++;

            int saAt = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            int chosenProposal = -1;
            int chosenTransform = -1;
            Agreed agreed = null;
            string offered = "";
            for (int p = SaPayload.GetFirstProposal(saAt); p >= 0 && agreed == null; p = SaPayload.GetNextChild(b, p))
            {
                for (int t = ProposalPayload.GetFirstTransform(b, p); t >= 0; t = SaPayload.GetNextChild(b, t))
                {
                    Agreed a = _payloads.ReadTransform(b, p, t);
                    offered += (offered.Length == 0 ? "" : ", ") + (a == null ? "unsupported" : a.Describe());
                    if (a != null && QuickModePayloads.Matches(a, x.Proposal, x.Policy))
                    {
                        agreed = a;
                        chosenProposal = p;
                        chosenTransform = t;
                        break;
                    }
                }
            }

            bool hasKe = m.Find(PayloadType.KeyExchange, 0) >= 0;
            if (agreed == null || hasKe != (x.Policy.Pfs != DhGroup.None))
            {
                return QuickModeOutcome.Refused(x, NotifyType.NoProposalChosen, Phase2FailureReason.ProposalMismatch, "policy " + x.Policy.Name
                    + ": the peer offered " + offered + (hasKe ? " with PFS" : " without PFS") + "; we accept " + QuickModePayloads.Describe(x.Proposal, x.Policy));
            }

            x.PeerSpi = ProposalPayload.GetSpi32(b, chosenProposal);
            x.Ni = _payloads.NonceOf(m);
            x.Nr = _payloads.NewNonce();
            x.EncapsulationMode = agreed.Mode;
            x.LifetimeSeconds = agreed.LifetimeSeconds;
            x.LifetimeKilobytes = agreed.LifetimeKilobytes;
            x.Agreed = agreed;
            x.ProposalNumber = ProposalPayload.GetNumber(b, chosenProposal);
            x.TransformNumber = TransformPayload.GetNumber(b, chosenTransform);
            if (id1 >= 0)
            {
                x.IdCi = ProtectedMessage.Copy(b, m.PayloadOffsetAt(id1), GenericPayload.GetLength(b, m.PayloadOffsetAt(id1)));
                x.IdCr = ProtectedMessage.Copy(b, m.PayloadOffsetAt(id2), GenericPayload.GetLength(b, m.PayloadOffsetAt(id2)));
            }

            if (!_payloads.StartPfs(x, m, _crypto))
            {
                return InvalidKe(x);
            }

            if (x.Job != null)
            {
                // Kept meanwhile, so a copy of QM1 finds it (and gets no answer yet).
                x.State = QuickModeExchange.ComputingQm2;
                x.NextTimerMs = nowMs + QuickModeDispatcher.KeepMs;
                _exchanges.Add(x);
                return QuickModeOutcome.Waiting(x);
            }

            return BuildQm2(x, nowMs);
        }

        /// <summary>The step after <paramref name="x"/>'s Diffie-Hellman job: QM2.</summary>
        internal QuickModeOutcome Resume(QuickModeExchange x, long nowMs)
        {
            _exchanges.Remove(x);
            return BuildQm2(x, nowMs);
        }

        private static QuickModeOutcome InvalidKe(QuickModeExchange x)
        {
            return QuickModeOutcome.Refused(x, NotifyType.InvalidKeyInformation, Phase2FailureReason.MalformedPayload, "invalid KE payload in quick mode");
        }

        /// <summary>
        /// QM2 of <paramref name="x"/> (not in the exchange table) once its PFS values (if any) are
        /// ready; our inbound SA goes in first.
        /// </summary>
        private QuickModeOutcome BuildQm2(QuickModeExchange x, long nowMs)
        {
            IkeSa sa = x.Sa;
            Agreed agreed = x.Agreed;
            if (!QuickModePayloads.TakePfs(x))
            {
                return InvalidKe(x);
            }

            x.OurSpi = _installer.ReserveSpi();
            if (x.OurSpi == 0)
            {
                return QuickModeOutcome.Failed(x, Phase2FailureReason.ResourceLimit, "no free inbound SPI for " + x.Policy.Name);
            }

            int hashAt = _msg.BeginProtected(sa, ExchangeType.QuickMode, x.MessageId);
            int rest = _builder.Position;
            _payloads.WriteSa(x.ProposalNumber, x.TransformNumber, x, agreed.LifetimeSeconds, agreed.LifetimeKilobytes);
            _payloads.AppendNonce(x.Nr);
            _payloads.AppendKe(x.Dh);
            if (x.IdCi != null)
            {
                _payloads.AppendCopy(PayloadType.Identification, x.IdCi, 0);
                _payloads.AppendCopy(PayloadType.Identification, x.IdCr, 0);
            }

            // RFC 2407 §4.6.3.1: our lifetime is shorter than the offered one.
            bool shorterSeconds = x.Policy.LifetimeSeconds > 0 && (agreed.LifetimeSeconds == 0 || x.Policy.LifetimeSeconds < agreed.LifetimeSeconds);
            bool shorterKb = x.Policy.LifetimeKilobytes > 0 && (agreed.LifetimeKilobytes == 0 || x.Policy.LifetimeKilobytes < agreed.LifetimeKilobytes);
            if (shorterSeconds || shorterKb)
            {
                _payloads.AppendResponderLifetime(x, shorterSeconds, shorterKb);
            }

            QuickModePayloads.Shorten(x, x.Policy.LifetimeSeconds, x.Policy.LifetimeKilobytes);
            _msg.ComputeHash(sa, x.MessageId, x.Ni, null, _tx, rest, _builder.Position - rest, false);
            Array.Copy(_hash, 0, _tx, hashAt, sa.Keys.PrfSize);
            x.LastSent = _msg.Seal(x.Iv);
            if (x.LastSent == null)
            {
                return QuickModeOutcome.Failed(x, Phase2FailureReason.ResourceLimit, "QM2 did not fit");
            }

            // Make-before-break: the initiator sends on the new pair as soon as QM2 is in, so our
            // inbound SA must exist before QM2 leaves; our outbound follows QM3 (it proves the
            // initiator has its inbound SA).
            IpsecSaInfo inbound = _install.NewInfo(x, true);
            bool installed = _installer.InstallInbound(inbound, nowMs);
            inbound.WipeKeys();
            if (!installed)
            {
                return QuickModeOutcome.Failed(x, Phase2FailureReason.ResourceLimit, "the data path refused the inbound SA of " + x.Policy.Name);
            }

            x.InboundInstalled = true;
            x.State = QuickModeExchange.WaitingQm3;
            x.NextTimerMs = nowMs + QuickModeDispatcher.FirstRetransmitMs;
            _exchanges.Add(x);
            return QuickModeOutcome.Send(x);
        }

        /// <summary>QM3 of our exchange <paramref name="x"/>: check it; then both SAs go in.</summary>
        internal QuickModeOutcome HandleQm3(QuickModeExchange x, IsakmpMessage m, long nowMs)
        {
            if (!_msg.Open(x.Iv, m, MessageKind.Quick3) || !_msg.VerifyHash(x.Sa, m, x.Ni, x.Nr, true))
            {
                Dropped++;
                return QuickModeOutcome.Ignored;
            }

            x.Iv.Commit();
            x.Sa.NoteHeard(nowMs);
            x.LastReceivedHash = _msg.Fingerprint(m);
            x.LastSent = null;
            return QuickModeOutcome.Done(x);
        }
    }
}
