namespace NanoGate.Ike
{
    /// <summary>Events of quick mode (phase 2) for the firmware: LEDs, error records, displays.</summary>
    public interface IQuickModeListener
    {
        /// <summary>A quick mode negotiation started (either role).</summary>
        void OnPhase2Negotiating(IkeSa sa, string policyName);

        /// <summary>Both SAs of a tunnel are installed.</summary>
        void OnPhase2Established(IkeSa sa, IpsecSaInfo inbound, IpsecSaInfo outbound);

        /// <summary>A quick mode negotiation failed; <paramref name="detail"/> says what each side had.</summary>
        void OnPhase2Failed(IkeSa sa, uint peerAddress, Phase2FailureReason reason, string detail);

        /// <summary>
        /// An IPsec SA pair was deleted: <paramref name="why"/> says by whom (peer's Delete, lifetime,
        /// rekey, reset, INITIAL-CONTACT, dead peer).
        /// </summary>
        void OnPhase2Deleted(ChildSa child, string why);

        /// <summary>
        /// Dead peer detection (RFC 3706) declared <paramref name="sa"/>'s peer dead: its SAs are about to
        /// be removed, and its tunnels restarted when the peer's DPD action says so.
        /// </summary>
        void OnPeerDead(IkeSa sa, string detail);
    }
}
