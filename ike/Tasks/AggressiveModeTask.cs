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
    /// </summary>
    internal sealed class AggressiveModeTask : Phase1Task
    {
        public AggressiveModeTask(Phase1 phase1, IkeSa sa)
            : base(phase1, sa)
        {
        }

        /// <summary>AM1.</summary>
        public override void Start(long nowMs)
        {
            P.CreateDh(Sa, Sa.Peer.GetProposal(0).Group);
            P.PrepareKeAndNonce(Sa);
            P.Begin(Sa, ExchangeType.Aggressive);
            P.AddSaOffer(Sa, true);
            P.AddKe(Sa);
            P.AddNonce(Sa);
            int id = P.AddId(Sa);
            Sa.IdiB = Phase1.Copy(P.Tx, id + GenericPayload.Size, GenericPayload.GetLength(P.Tx, id) - GenericPayload.Size);
            P.AddVendorIds(Sa);
            Sa.State = IkeSaState.AggressiveSent;
            P.Send(Sa, false, true, nowMs);
        }

        public override bool Process(IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            if (Sa.State == IkeSaState.New && !Sa.IsInitiator)
            {
                return ProcessAm1(m, source, sourcePort, localPort, nowMs);
            }

            if (Sa.State == IkeSaState.AggressiveSent)
            {
                return Sa.IsInitiator ? ProcessAm2(m, source, sourcePort, localPort, nowMs) : ProcessAm3(m, source, sourcePort, localPort, nowMs);
            }

            return false;
        }

        // <-- HDR, SA, KE, Ni, IDii; then --> HDR, SA, KE, Nr, IDir, HASH_R, VID, NAT-D, NAT-D
        private bool ProcessAm1(IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            byte[] b = m.PayloadBuffer;
            int sa = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            int idi = m.PayloadOffsetAt(m.Find(PayloadType.Identification, 0));
            Sa.RemoteIdentity = PeerIdentity.Format(b, idi);
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
            Sa.IdiB = Phase1.Copy(b, idi + GenericPayload.Size, GenericPayload.GetLength(b, idi) - GenericPayload.Size);
            P.ReadVendorIds(Sa, m);
            P.CreateDh(Sa, chosen.Group);
            P.PrepareKeAndNonce(Sa);
            if (!P.DeriveKeys(Sa, m))
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.MalformedPayload, "invalid KE payload in message 1 (group "
                    + ProposalMatcher.GroupName(chosen.Group) + ")", NotifyType.InvalidKeyInformation, nowMs);
                return false;
            }

            P.Begin(Sa, ExchangeType.Aggressive);
            P.AddSaAnswer(b, sa, transform);
            P.AddKe(Sa);
            P.AddNonce(Sa);
            int idr = P.AddId(Sa);
            P.AddAuthHash(Sa, idr);
            P.AddVendorIds(Sa);
            P.AddNatD(Sa);
            Sa.State = IkeSaState.AggressiveSent;
            // One answer to a source nobody verified (issue 13: AM2 retransmitted by timer turned 462
            // bytes in into 3,264 out): repeated only for a repeated AM1, or once the peer shows it
            // has our cookie (IkeDaemon.HandleDatagram), so a lost AM3 is still recovered.
            P.Send(Sa, false, false, nowMs);
            return true;
        }

        // <-- HDR, SA, KE, Nr, IDir, HASH_R, NAT-D, NAT-D; then --> HDR*, HASH_I, NAT-D, NAT-D
        private bool ProcessAm2(IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            if (!P.Rules.Check(m, MessageKind.Aggressive2))
            {
                return false;
            }

            byte[] b = m.PayloadBuffer;
            int sa = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            IkeProposal chosen = ProposalMatcher.Accept(b, sa, Sa.Peer, P.Crypto);
            if (chosen == null || chosen.Group != Sa.Dh.Group)
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.ProposalMismatch, "peer chose: " + ProposalMatcher.DescribeOffer(b, sa, P.Crypto)
                    + "; we offered: " + ProposalMatcher.DescribeConfig(Sa.Peer), NotifyType.NoProposalChosen, nowMs);
                return false;
            }

            NanoGate.Hal.BigEndian.WriteUInt64(Sa.CookieR, 0, m.ResponderCookie);
            Sa.Proposal = chosen;
            P.ReadVendorIds(Sa, m);
            if (!P.DeriveKeys(Sa, m))
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.MalformedPayload, "invalid KE payload in message 2", NotifyType.InvalidKeyInformation, nowMs);
                return false;
            }

            int idr = m.PayloadOffsetAt(m.Find(PayloadType.Identification, 0));
            Sa.RemoteIdentity = PeerIdentity.Format(b, idr);
            if (!PeerIdentity.Matches(Sa.Peer.RemoteId, b, idr))
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.ConfigIdMismatch, "peer identified as " + Sa.RemoteIdentity + ", configured remote ID is "
                    + Sa.Peer.RemoteId.ToString(), NotifyType.InvalidIdInformation, nowMs);
                return false;
            }

            if (!P.VerifyAuthHash(Sa, m, b, idr + GenericPayload.Size, GenericPayload.GetLength(b, idr) - GenericPayload.Size))
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.AuthenticationFailed, "HASH_R of " + Sa.RemoteIdentity + " did not verify",
                    NotifyType.InvalidHashInformation, nowMs);
                return false;
            }

            P.ProcessNatD(Sa, m, source, sourcePort, localPort);
            P.Daemon.NoteAuthenticated(Sa, source, sourcePort, localPort);
            P.ReadInitialContact(Sa, m);
            P.Daemon.FloatIfNat(Sa);
            P.Begin(Sa, ExchangeType.Aggressive);
            P.AddAuthHash(Sa, Sa.IdiB);
            P.AddNatD(Sa);
            if (P.Daemon.IsFirstContact(Sa.Peer))
            {
                P.AddInitialContact(Sa);
            }

            P.Send(Sa, true, false, nowMs);
            P.Daemon.Establish(Sa, nowMs);
            return true;
        }

        // <-- HDR*, HASH_I, NAT-D, NAT-D
        private bool ProcessAm3(IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            if (m.IsEncrypted && !P.Decrypt(Sa, m))
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.MalformedPayload,
                    "message 3 did not decrypt to valid payloads: the pre-shared keys probably differ", NotifyType.PayloadMalformed, nowMs);
                return false;
            }

            if (!P.Rules.Check(m, MessageKind.Aggressive3))
            {
                if (!m.WasDecrypted)
                {
                    return false;
                }

                P.Daemon.Fail(Sa, Phase1FailureReason.MalformedPayload, P.Rules.Error.Reason, NotifyType.PayloadMalformed, nowMs);
                return false;
            }

            if (!P.VerifyAuthHash(Sa, m, Sa.IdiB, 0, Sa.IdiB.Length))
            {
                P.Daemon.Fail(Sa, Phase1FailureReason.AuthenticationFailed, "HASH_I of " + Sa.RemoteIdentity + " did not verify",
                    NotifyType.InvalidHashInformation, nowMs);
                return false;
            }

            if (m.WasDecrypted)
            {
                Sa.Iv.Commit();
            }

            P.ProcessNatD(Sa, m, source, sourcePort, localPort);
            P.Daemon.NoteAuthenticated(Sa, source, sourcePort, localPort);
            P.ReadInitialContact(Sa, m);
            P.Daemon.Establish(Sa, nowMs);
            return true;
        }
    }
}
