using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tasks
{
    /// <summary>
    /// Aggressive mode with pre-shared keys (RFC 2409 §5.4), both roles, with NAT-T (RFC 3947):
    /// <code>
    ///  Initiator                               Responder
    ///  HDR, SA, KE, Ni, IDii, VID        --&gt;
    ///                                    &lt;--   HDR, SA, KE, Nr, IDir, HASH_R, VID, NAT-D, NAT-D
    ///  (float to 4500 when a NAT is seen)
    ///  HDR*, HASH_I, NAT-D, NAT-D [, N(INITIAL-CONTACT)] --&gt;
    /// </code>
    /// The responder picks the peer (and PSK) by the clear-text IDii. Message 3 is encrypted, as
    /// strongSwan does; a clear one is accepted too. One group only: the KE belongs to it.
    /// Diffie-Hellman runs off the run loop: the initiator's key pair before message 1 and its g^xy
    /// after message 2, the responder's pair and g^xy after message 1 (<see cref="Phase1Task.Await"/>).
    /// </summary>
    internal sealed class AggressiveModeTask : Phase1Task
    {
        private const int StepAm1 = 1;
        private const int StepAm2 = 2;
        private const int StepAm3 = 3;

        private int _transform;

        public AggressiveModeTask(Phase1Payloads payloads, IkeSa sa)
            : base(payloads, sa)
        {
        }

        /// <summary>AM1, once our key pair is ready.</summary>
        public override Phase1Outcome Start()
        {
            Payloads.StartKeyPair(Sa, Sa.Peer.GetProposal(0).Group);
            return Await(StepAm1, null, 0, 0, 0);
        }

        protected override Phase1Outcome Continue(int step, IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            switch (step)
            {
                case StepAm1:
                    return SendAm1();
                case StepAm2:
                    return SendAm2(m);
                default:
                    return SendAm3(m, source, sourcePort, localPort);
            }
        }

        // --> HDR, SA, KE, Ni, IDii, VID
        private Phase1Outcome SendAm1()
        {
            if (!Payloads.TakeKeyPair(Sa))
            {
                return Phase1Outcome.Failed(Phase1FailureReason.ResourceLimit, "the Diffie-Hellman computation failed", 0);
            }

            Payloads.Begin(Sa, ExchangeType.Aggressive);
            Payloads.AddSaOffer(Sa, true);
            Payloads.AddKe(Sa);
            Payloads.AddNonce(Sa);
            int id = Payloads.AddId(Sa);
            Sa.IdiB = Phase1Payloads.Copy(Payloads.Tx, id + GenericPayload.Size, GenericPayload.GetLength(Payloads.Tx, id) - GenericPayload.Size);
            Payloads.AddVendorIds(Sa);
            Sa.State = IkeSaState.AggressiveSent;
            return Send(false, true);
        }

        public override Phase1Outcome Process(IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            if (Sa.State == IkeSaState.New && !Sa.IsInitiator)
            {
                return ProcessAm1(m, source, sourcePort, localPort);
            }

            if (Sa.State == IkeSaState.AggressiveSent)
            {
                return Sa.IsInitiator ? ProcessAm2(m, source, sourcePort, localPort) : ProcessAm3(m, source, sourcePort, localPort);
            }

            return Phase1Outcome.Ignored;
        }

        // <-- HDR, SA, KE, Ni, IDii; then --> HDR, SA, KE, Nr, IDir, HASH_R, VID, NAT-D, NAT-D
        private Phase1Outcome ProcessAm1(IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            byte[] b = m.PayloadBuffer;
            int sa = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            int idi = m.PayloadOffsetAt(m.Find(PayloadType.Identification, 0));
            Sa.RemoteIdentity = PeerIdentity.Format(b, idi);
            IkeProposal chosen;
            int transform = ProposalMatcher.Select(b, sa, Sa.Peer, Payloads.Crypto, out chosen);
            if (transform < 0)
            {
                return Phase1Outcome.Failed(Phase1FailureReason.ProposalMismatch, "peer offered: " + ProposalMatcher.DescribeOffer(b, sa, Payloads.Crypto)
                    + "; we accept: " + ProposalMatcher.DescribeConfig(Sa.Peer), NotifyType.NoProposalChosen);
            }

            Sa.Proposal = chosen;
            Sa.SaiB = Phase1Payloads.Copy(b, sa + GenericPayload.Size, GenericPayload.GetLength(b, sa) - GenericPayload.Size);
            Sa.IdiB = Phase1Payloads.Copy(b, idi + GenericPayload.Size, GenericPayload.GetLength(b, idi) - GenericPayload.Size);
            Payloads.ReadVendorIds(Sa, m);
            _transform = transform;
            if (!Payloads.StartAgreement(Sa, m))
            {
                return InvalidAm1Ke();
            }

            return Await(StepAm2, m, source, sourcePort, localPort);
        }

        // --> HDR, SA, KE, Nr, IDir, HASH_R, VID, NAT-D, NAT-D  (our pair and g^xy are ready)
        private Phase1Outcome SendAm2(IsakmpMessage m)
        {
            if (!Payloads.TakeKeyPair(Sa) || !Payloads.DeriveKeys(Sa, m))
            {
                return InvalidAm1Ke();
            }

            byte[] b = m.PayloadBuffer;
            int sa = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            Payloads.Begin(Sa, ExchangeType.Aggressive);
            Payloads.AddSaAnswer(b, sa, _transform);
            Payloads.AddKe(Sa);
            Payloads.AddNonce(Sa);
            int idr = Payloads.AddId(Sa);
            Payloads.AddAuthHash(Sa, idr);
            Payloads.AddVendorIds(Sa);
            Payloads.AddNatD(Sa);
            Sa.State = IkeSaState.AggressiveSent;
            // One answer to a source nobody verified (issue 13: AM2 retransmitted by timer turned 462
            // bytes in into 3,264 out): repeated only for a repeated AM1, or once the peer shows it
            // has our cookie (IkeDaemon.HandleDatagram), so a lost AM3 is still recovered.
            return Send(false, false);
        }

        // <-- HDR, SA, KE, Nr, IDir, HASH_R, NAT-D, NAT-D; then --> HDR*, HASH_I, NAT-D, NAT-D
        private Phase1Outcome ProcessAm2(IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            if (!Payloads.Rules.Check(m, MessageKind.Aggressive2))
            {
                return Phase1Outcome.Ignored;
            }

            byte[] b = m.PayloadBuffer;
            int sa = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            IkeProposal chosen = ProposalMatcher.Accept(b, sa, Sa.Peer, Payloads.Crypto);
            if (chosen == null || chosen.Group != Sa.Dh.Group)
            {
                return Phase1Outcome.Failed(Phase1FailureReason.ProposalMismatch, "peer chose: " + ProposalMatcher.DescribeOffer(b, sa, Payloads.Crypto)
                    + "; we offered: " + ProposalMatcher.DescribeConfig(Sa.Peer), NotifyType.NoProposalChosen);
            }

            NanoGate.Hal.BigEndian.WriteUInt64(Sa.CookieR, 0, m.ResponderCookie);
            Sa.Proposal = chosen;
            Payloads.ReadVendorIds(Sa, m);
            if (!Payloads.StartAgreement(Sa, m))
            {
                return InvalidAm2Ke();
            }

            return Await(StepAm3, m, source, sourcePort, localPort);
        }

        // --> HDR*, HASH_I, NAT-D, NAT-D  (g^xy is ready: check the responder, then answer)
        private Phase1Outcome SendAm3(IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            if (!Payloads.DeriveKeys(Sa, m))
            {
                return InvalidAm2Ke();
            }

            byte[] b = m.PayloadBuffer;
            int idr = m.PayloadOffsetAt(m.Find(PayloadType.Identification, 0));
            Sa.RemoteIdentity = PeerIdentity.Format(b, idr);
            if (!PeerIdentity.Matches(Sa.Peer.RemoteId, b, idr))
            {
                return Phase1Outcome.Failed(Phase1FailureReason.ConfigIdMismatch, "peer identified as " + Sa.RemoteIdentity + ", configured remote ID is "
                    + Sa.Peer.RemoteId.ToString(), NotifyType.InvalidIdInformation);
            }

            if (!Payloads.VerifyAuthHash(Sa, m, b, idr + GenericPayload.Size, GenericPayload.GetLength(b, idr) - GenericPayload.Size))
            {
                return Phase1Outcome.Failed(Phase1FailureReason.AuthenticationFailed, "HASH_R of " + Sa.RemoteIdentity + " did not verify",
                    NotifyType.InvalidHashInformation);
            }

            Payloads.ProcessNatD(Sa, m, source, sourcePort, localPort);
            Sa.FollowPeer(source, sourcePort, localPort);
            Payloads.ReadInitialContact(Sa, m);
            Sa.FloatIfNat();
            Payloads.Begin(Sa, ExchangeType.Aggressive);
            Payloads.AddAuthHash(Sa, Sa.IdiB);
            Payloads.AddNatD(Sa);
            if (Payloads.IsFirstContact(Sa.Peer))
            {
                Payloads.AddInitialContact(Sa);
            }

            return SendAndComplete(true);
        }

        private Phase1Outcome InvalidAm1Ke()
        {
            return Phase1Outcome.Failed(Phase1FailureReason.MalformedPayload, "invalid KE payload in message 1 (group "
                + ProposalMatcher.GroupName(Sa.Proposal.Group) + ")", NotifyType.InvalidKeyInformation);
        }

        private static Phase1Outcome InvalidAm2Ke()
        {
            return Phase1Outcome.Failed(Phase1FailureReason.MalformedPayload, "invalid KE payload in message 2", NotifyType.InvalidKeyInformation);
        }

        // <-- HDR*, HASH_I, NAT-D, NAT-D
        private Phase1Outcome ProcessAm3(IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            if (m.IsEncrypted && !Payloads.Decrypt(Sa, m))
            {
                return Phase1Outcome.Failed(Phase1FailureReason.MalformedPayload,
                    "message 3 did not decrypt to valid payloads: the pre-shared keys probably differ", NotifyType.PayloadMalformed);
            }

            if (!Payloads.Rules.Check(m, MessageKind.Aggressive3))
            {
                if (!m.WasDecrypted)
                {
                    return Phase1Outcome.Ignored;
                }

                return Phase1Outcome.Failed(Phase1FailureReason.MalformedPayload, Payloads.Rules.Error.Reason, NotifyType.PayloadMalformed);
            }

            if (!Payloads.VerifyAuthHash(Sa, m, Sa.IdiB, 0, Sa.IdiB.Length))
            {
                return Phase1Outcome.Failed(Phase1FailureReason.AuthenticationFailed, "HASH_I of " + Sa.RemoteIdentity + " did not verify",
                    NotifyType.InvalidHashInformation);
            }

            if (m.WasDecrypted)
            {
                Sa.Iv.Commit();
            }

            Payloads.ProcessNatD(Sa, m, source, sourcePort, localPort);
            Sa.FollowPeer(source, sourcePort, localPort);
            Payloads.ReadInitialContact(Sa, m);
            return Phase1Outcome.Done(null);
        }
    }
}
