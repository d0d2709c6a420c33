using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tasks
{
    /// <summary>
    /// Main mode with pre-shared keys (RFC 2409 §5.4), both roles, with NAT-T (RFC 3947):
    /// <code>
    ///  Initiator                               Responder
    ///  HDR, SA, VID(NAT-T, DPD)          --&gt;
    ///                                    &lt;--   HDR, SA, VID
    ///  HDR, KE, Ni, NAT-D, NAT-D         --&gt;
    ///                                    &lt;--   HDR, KE, Nr, NAT-D, NAT-D
    ///  (float to 4500 when a NAT is seen)
    ///  HDR*, IDii, HASH_I [, N(INITIAL-CONTACT)] --&gt;
    ///                                    &lt;--   HDR*, IDir, HASH_R
    /// </code>
    /// The responder picks the PSK by the sender's address before it can decrypt the ID (the
    /// daemon did that when it created the SA); the ID is then checked against the configuration.
    /// </summary>
    internal sealed class MainModeTask : Phase1Task
    {
        public MainModeTask(Phase1 phase1, IkeSa sa)
            : base(phase1, sa)
        {
        }

        /// <summary>MM1.</summary>
        public override void Start(long nowMs)
        {
            P.Begin(Sa, ExchangeType.IdentityProtection);
            P.AddSaOffer(Sa, false);
            P.AddVendorIds(Sa);
            Sa.State = IkeSaState.MainSa;
            P.Send(Sa, false, true, nowMs);
        }

        public override bool Process(IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            if (Sa.IsInitiator)
            {
                switch (Sa.State)
                {
                    case IkeSaState.MainSa:
                        return ProcessMm2(m, nowMs);
                    case IkeSaState.MainKe:
                        return ProcessMm4(m, source, sourcePort, localPort, nowMs);
                    case IkeSaState.MainAuth:
                        return ProcessMm6(m, source, sourcePort, localPort, nowMs);
                    default:
                        return false;
                }
            }

            switch (Sa.State)
            {
                case IkeSaState.New:
                    return ProcessMm1(m, nowMs);
                case IkeSaState.MainSa:
                    return ProcessMm3(m, source, sourcePort, localPort, nowMs);
                case IkeSaState.MainKe:
                    return ProcessMm5(m, source, sourcePort, localPort, nowMs);
                default:
                    return false;
            }
        }

        // <-- HDR, SA, VID  (responder: choose by OUR order)
        private bool ProcessMm1(IsakmpMessage m, long nowMs)
        {
            byte[] b = m.PayloadBuffer;
            int sa = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            IkeProposal chosen;
            int transform = ProposalMatcher.Select(b, sa, Sa.Peer, P.Crypto, out chosen);
            if (transform < 0)
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.ProposalMismatch, "peer offered: " + ProposalMatcher.DescribeOffer(b, sa, P.Crypto)
                    + "; we accept: " + ProposalMatcher.DescribeConfig(Sa.Peer), NotifyType.NoProposalChosen, nowMs);
                return false;
            }

            Sa.Proposal = chosen;
            Sa.SaiB = Phase1.Copy(b, sa + GenericPayload.Size, GenericPayload.GetLength(b, sa) - GenericPayload.Size);
            P.ReadVendorIds(Sa, m);
            P.Begin(Sa, ExchangeType.IdentityProtection);
            P.AddSaAnswer(b, sa, transform);
            P.AddVendorIds(Sa);
            Sa.State = IkeSaState.MainSa;
            P.Send(Sa, false, false, nowMs);
            return true;
        }

        // <-- HDR, SA, VID  (initiator: the answer must be one of ours)
        private bool ProcessMm2(IsakmpMessage m, long nowMs)
        {
            if (!P.Rules.Check(m, MessageKind.MainMode2))
            {
                return false;
            }

            byte[] b = m.PayloadBuffer;
            int sa = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            IkeProposal chosen = ProposalMatcher.Accept(b, sa, Sa.Peer, P.Crypto);
            if (chosen == null)
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.ProposalMismatch, "peer chose: " + ProposalMatcher.DescribeOffer(b, sa, P.Crypto)
                    + "; we offered: " + ProposalMatcher.DescribeConfig(Sa.Peer), NotifyType.NoProposalChosen, nowMs);
                return false;
            }

            NanoGate.Hal.BigEndian.WriteUInt64(Sa.CookieR, 0, m.ResponderCookie);
            Sa.Proposal = chosen;
            P.ReadVendorIds(Sa, m);
            P.CreateDh(Sa, chosen.Group);
            P.PrepareKeAndNonce(Sa);
            P.Begin(Sa, ExchangeType.IdentityProtection);
            P.AddKe(Sa);
            P.AddNonce(Sa);
            P.AddNatD(Sa);
            Sa.State = IkeSaState.MainKe;
            P.Send(Sa, false, true, nowMs);
            return true;
        }

        // <-- HDR, KE, Ni, NAT-D, NAT-D
        private bool ProcessMm3(IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            if (!P.Rules.Check(m, MessageKind.MainMode3))
            {
                return false;
            }

            P.CreateDh(Sa, Sa.Proposal.Group);
            P.PrepareKeAndNonce(Sa);
            if (!P.DeriveKeys(Sa, m))
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.MalformedPayload, "invalid KE payload in message 3", NotifyType.InvalidKeyInformation, nowMs);
                return false;
            }

            P.ProcessNatD(Sa, m, source, sourcePort, localPort);
            P.Begin(Sa, ExchangeType.IdentityProtection);
            P.AddKe(Sa);
            P.AddNonce(Sa);
            P.AddNatD(Sa);
            Sa.State = IkeSaState.MainKe;
            P.Send(Sa, false, false, nowMs);
            return true;
        }

        // <-- HDR, KE, Nr, NAT-D, NAT-D; then --> HDR*, IDii, HASH_I (on 4500 when a NAT is seen)
        private bool ProcessMm4(IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            if (!P.Rules.Check(m, MessageKind.MainMode4))
            {
                return false;
            }

            if (!P.DeriveKeys(Sa, m))
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.MalformedPayload, "invalid KE payload in message 4", NotifyType.InvalidKeyInformation, nowMs);
                return false;
            }

            P.ProcessNatD(Sa, m, source, sourcePort, localPort);
            P.Daemon.FloatIfNat(Sa);
            P.Begin(Sa, ExchangeType.IdentityProtection);
            int id = P.AddId(Sa);
            P.AddAuthHash(Sa, id);
            if (P.Daemon.IsFirstContact(Sa.Peer))
            {
                P.AddInitialContact(Sa);
            }

            Sa.State = IkeSaState.MainAuth;
            P.Send(Sa, true, true, nowMs);
            return true;
        }

        // <-- HDR*, IDii, HASH_I; then --> HDR*, IDir, HASH_R
        private bool ProcessMm5(IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            if (!m.IsEncrypted)
            {
                return false;
            }

            if (!P.Decrypt(Sa, m) || !P.Rules.Check(m, MessageKind.MainMode5))
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.MalformedPayload,
                    "message 5 did not decrypt to valid payloads: the pre-shared keys probably differ", NotifyType.PayloadMalformed, nowMs);
                return false;
            }

            if (!CheckPeer(m, nowMs))
            {
                return false;
            }

            Sa.Iv.Commit();
            P.Daemon.NoteAuthenticated(Sa, source, sourcePort, localPort);
            P.ReadInitialContact(Sa, m);
            P.Begin(Sa, ExchangeType.IdentityProtection);
            int id = P.AddId(Sa);
            P.AddAuthHash(Sa, id);
            P.Send(Sa, true, false, nowMs);
            P.Daemon.Establish(Sa, nowMs);
            return true;
        }

        // <-- HDR*, IDir, HASH_R
        private bool ProcessMm6(IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            if (!m.IsEncrypted)
            {
                return false;
            }

            if (!P.Decrypt(Sa, m) || !P.Rules.Check(m, MessageKind.MainMode6))
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.MalformedPayload,
                    "message 6 did not decrypt to valid payloads: the pre-shared keys probably differ", NotifyType.PayloadMalformed, nowMs);
                return false;
            }

            if (!CheckPeer(m, nowMs))
            {
                return false;
            }

            Sa.Iv.Commit();
            P.Daemon.NoteAuthenticated(Sa, source, sourcePort, localPort);
            P.ReadInitialContact(Sa, m);
            P.Daemon.Establish(Sa, nowMs);
            return true;
        }

        /// <summary>The peer's ID must be the configured one, then its HASH must verify.</summary>
        private bool CheckPeer(IsakmpMessage m, long nowMs)
        {
            byte[] b = m.PayloadBuffer;
            int id = m.PayloadOffsetAt(m.Find(PayloadType.Identification, 0));
            Sa.RemoteIdentity = PeerIdentity.Format(b, id);
            if (!PeerIdentity.Matches(Sa.Peer.RemoteId, b, id))
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.ConfigIdMismatch, "peer identified as " + Sa.RemoteIdentity + ", configured remote ID is "
                    + Sa.Peer.RemoteId.ToString(), NotifyType.InvalidIdInformation, nowMs);
                return false;
            }

            if (!P.VerifyAuthHash(Sa, m, b, id + GenericPayload.Size, GenericPayload.GetLength(b, id) - GenericPayload.Size))
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.AuthenticationFailed, (Sa.IsInitiator ? "HASH_R" : "HASH_I") + " of "
                    + Sa.RemoteIdentity + " did not verify", NotifyType.InvalidHashInformation, nowMs);
                return false;
            }

            return true;
        }
    }
}
