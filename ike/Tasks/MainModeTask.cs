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
    /// Diffie-Hellman runs off the run loop: the initiator's key pair after message 2 and its g^xy
    /// after message 4, the responder's pair and g^xy after message 3 (<see cref="Phase1Task.Await"/>).
    /// </summary>
    internal sealed class MainModeTask : Phase1Task
    {
        private const int StepMm3 = 3;
        private const int StepMm4 = 4;
        private const int StepMm5 = 5;

        public MainModeTask(Phase1Payloads payloads, IkeSa sa)
            : base(payloads, sa)
        {
        }

        /// <summary>MM1.</summary>
        public override Phase1Outcome Start()
        {
            Payloads.Begin(Sa, ExchangeType.IdentityProtection);
            Payloads.AddSaOffer(Sa, false);
            Payloads.AddVendorIds(Sa);
            Sa.State = IkeSaState.MainSa;
            return Send(false, true);
        }

        public override Phase1Outcome Process(IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            if (Sa.IsInitiator)
            {
                switch (Sa.State)
                {
                    case IkeSaState.MainSa:
                        return ProcessMm2(m);
                    case IkeSaState.MainKe:
                        return ProcessMm4(m, source, sourcePort, localPort);
                    case IkeSaState.MainAuth:
                        return ProcessAuth(m, source, sourcePort, localPort);
                    default:
                        return Phase1Outcome.Ignored;
                }
            }

            switch (Sa.State)
            {
                case IkeSaState.New:
                    return ProcessMm1(m);
                case IkeSaState.MainSa:
                    return ProcessMm3(m, source, sourcePort, localPort);
                case IkeSaState.MainKe:
                    return ProcessAuth(m, source, sourcePort, localPort);
                default:
                    return Phase1Outcome.Ignored;
            }
        }

        // <-- HDR, SA, VID  (responder: choose by OUR order)
        private Phase1Outcome ProcessMm1(IsakmpMessage m)
        {
            byte[] b = m.PayloadBuffer;
            int sa = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            IkeProposal chosen;
            int transform = ProposalMatcher.Select(b, sa, Sa.Peer, Payloads.Crypto, out chosen);
            if (transform < 0)
            {
                return Phase1Outcome.Failed(Phase1FailureReason.ProposalMismatch, "peer offered: " + ProposalMatcher.DescribeOffer(b, sa, Payloads.Crypto)
                    + "; we accept: " + ProposalMatcher.DescribeConfig(Sa.Peer), NotifyType.NoProposalChosen);
            }

            Sa.Proposal = chosen;
            Sa.SaiB = Phase1Payloads.Copy(b, sa + GenericPayload.Size, GenericPayload.GetLength(b, sa) - GenericPayload.Size);
            Payloads.ReadVendorIds(Sa, m);
            Payloads.Begin(Sa, ExchangeType.IdentityProtection);
            Payloads.AddSaAnswer(b, sa, transform);
            Payloads.AddVendorIds(Sa);
            Sa.State = IkeSaState.MainSa;
            return Send(false, false);
        }

        // <-- HDR, SA, VID  (initiator: the answer must be one of ours)
        private Phase1Outcome ProcessMm2(IsakmpMessage m)
        {
            if (!Payloads.Rules.Check(m, MessageKind.MainMode2))
            {
                return Phase1Outcome.Ignored;
            }

            byte[] b = m.PayloadBuffer;
            int sa = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            IkeProposal chosen = ProposalMatcher.Accept(b, sa, Sa.Peer, Payloads.Crypto);
            if (chosen == null)
            {
                return Phase1Outcome.Failed(Phase1FailureReason.ProposalMismatch, "peer chose: " + ProposalMatcher.DescribeOffer(b, sa, Payloads.Crypto)
                    + "; we offered: " + ProposalMatcher.DescribeConfig(Sa.Peer), NotifyType.NoProposalChosen);
            }

            NanoGate.Hal.BigEndian.WriteUInt64(Sa.CookieR, 0, m.ResponderCookie);
            Sa.Proposal = chosen;
            Payloads.ReadVendorIds(Sa, m);
            Payloads.StartKeyPair(Sa, chosen.Group);
            return Await(StepMm3, null, 0, 0, 0);
        }

        protected override Phase1Outcome Continue(int step, IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            switch (step)
            {
                case StepMm3:
                    return SendMm3();
                case StepMm4:
                    return SendMm4(m, source, sourcePort, localPort);
                default:
                    return SendMm5(m, source, sourcePort, localPort);
            }
        }

        // --> HDR, KE, Ni, NAT-D, NAT-D  (our key pair is ready)
        private Phase1Outcome SendMm3()
        {
            if (!Payloads.TakeKeyPair(Sa))
            {
                return Phase1Outcome.Failed(Phase1FailureReason.ResourceLimit, "the Diffie-Hellman computation failed", 0);
            }

            Payloads.Begin(Sa, ExchangeType.IdentityProtection);
            Payloads.AddKe(Sa);
            Payloads.AddNonce(Sa);
            Payloads.AddNatD(Sa);
            Sa.State = IkeSaState.MainKe;
            return Send(false, true);
        }

        // <-- HDR, KE, Ni, NAT-D, NAT-D
        private Phase1Outcome ProcessMm3(IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            if (!Payloads.Rules.Check(m, MessageKind.MainMode3))
            {
                return Phase1Outcome.Ignored;
            }

            if (!Payloads.StartAgreement(Sa, m))
            {
                return InvalidKe(3);
            }

            return Await(StepMm4, m, source, sourcePort, localPort);
        }

        // --> HDR, KE, Nr, NAT-D, NAT-D  (our pair and g^xy are ready)
        private Phase1Outcome SendMm4(IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            if (!Payloads.TakeKeyPair(Sa) || !Payloads.DeriveKeys(Sa, m))
            {
                return InvalidKe(3);
            }

            Payloads.ProcessNatD(Sa, m, source, sourcePort, localPort);
            Payloads.Begin(Sa, ExchangeType.IdentityProtection);
            Payloads.AddKe(Sa);
            Payloads.AddNonce(Sa);
            Payloads.AddNatD(Sa);
            Sa.State = IkeSaState.MainKe;
            return Send(false, false);
        }

        // <-- HDR, KE, Nr, NAT-D, NAT-D; then --> HDR*, IDii, HASH_I (on 4500 when a NAT is seen)
        private Phase1Outcome ProcessMm4(IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            if (!Payloads.Rules.Check(m, MessageKind.MainMode4))
            {
                return Phase1Outcome.Ignored;
            }

            if (!Payloads.StartAgreement(Sa, m))
            {
                return InvalidKe(4);
            }

            return Await(StepMm5, m, source, sourcePort, localPort);
        }

        // --> HDR*, IDii, HASH_I  (g^xy is ready)
        private Phase1Outcome SendMm5(IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            if (!Payloads.DeriveKeys(Sa, m))
            {
                return InvalidKe(4);
            }

            Payloads.ProcessNatD(Sa, m, source, sourcePort, localPort);
            Sa.FloatIfNat();
            Payloads.Begin(Sa, ExchangeType.IdentityProtection);
            int id = Payloads.AddId(Sa);
            Payloads.AddAuthHash(Sa, id);
            if (Payloads.IsFirstContact(Sa.Peer))
            {
                Payloads.AddInitialContact(Sa);
            }

            Sa.State = IkeSaState.MainAuth;
            return Send(true, true);
        }

        // <-- HDR*, IDii, HASH_I; then --> HDR*, IDir, HASH_R   (responder, message 5)
        // <-- HDR*, IDir, HASH_R                               (initiator, message 6)
        private Phase1Outcome ProcessAuth(IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            if (!m.IsEncrypted)
            {
                return Phase1Outcome.Ignored;
            }

            bool decrypted = Payloads.Decrypt(Sa, m);
            if (!decrypted || !Payloads.Rules.Check(m, Sa.IsInitiator ? MessageKind.MainMode6 : MessageKind.MainMode5))
            {
                string what = decrypted ? Payloads.Rules.Error.Reason : "no valid payloads after decryption";
                if (Sa.IsInitiator)
                {
                    // The peer read our MM5, so its keys are ours: this is not a key mismatch.
                    return Phase1Outcome.Failed(Phase1FailureReason.MalformedPayload, "message 6: " + what, NotifyType.PayloadMalformed);
                }

                // Message 5 is the first under the key derived from the PSK: garbage here is almost
                // always a PSK mismatch (Libreswan says the same), the malformation is the detail.
                return Phase1Outcome.Failed(Phase1FailureReason.AuthenticationFailed, "authentication failed (probable pre-shared key mismatch): "
                    + "message 5 did not decrypt to valid payloads (" + what + ")", NotifyType.PayloadMalformed);
            }

            Phase1Outcome refused = CheckPeer(m);
            if (refused != null)
            {
                return refused;
            }

            Sa.Iv.Commit();
            Sa.FollowPeer(source, sourcePort, localPort);
            Payloads.ReadInitialContact(Sa, m);
            if (Sa.IsInitiator)
            {
                return Phase1Outcome.Done(null);
            }

            Payloads.Begin(Sa, ExchangeType.IdentityProtection);
            int id = Payloads.AddId(Sa);
            Payloads.AddAuthHash(Sa, id);
            return SendAndComplete(true);
        }

        private static Phase1Outcome InvalidKe(int message)
        {
            return Phase1Outcome.Failed(Phase1FailureReason.MalformedPayload, "invalid KE payload in message " + message.ToString(), NotifyType.InvalidKeyInformation);
        }

        /// <summary>The peer's ID must be the configured one, then its HASH must verify; null when both hold.</summary>
        private Phase1Outcome CheckPeer(IsakmpMessage m)
        {
            byte[] b = m.PayloadBuffer;
            int id = m.PayloadOffsetAt(m.Find(PayloadType.Identification, 0));
            Sa.RemoteIdentity = PeerIdentity.Format(b, id);
            if (!PeerIdentity.Matches(Sa.Peer.RemoteId, b, id))
            {
                return Phase1Outcome.Failed(Phase1FailureReason.ConfigIdMismatch, "peer identified as " + Sa.RemoteIdentity + ", configured remote ID is "
                    + Sa.Peer.RemoteId.ToString(), NotifyType.InvalidIdInformation);
            }

            if (!Payloads.VerifyAuthHash(Sa, m, b, id + GenericPayload.Size, GenericPayload.GetLength(b, id) - GenericPayload.Size))
            {
                return Phase1Outcome.Failed(Phase1FailureReason.AuthenticationFailed, (Sa.IsInitiator ? "HASH_R" : "HASH_I") + " of "
                    + Sa.RemoteIdentity + " did not verify", NotifyType.InvalidHashInformation);
            }

            return null;
        }
    }
}
