namespace NanoGate.Ike
{
    /// <summary>Why a quick mode negotiation failed (RFC 2409 §5.5; notify types of RFC 2408 §3.14.1).</summary>
    public enum Phase2FailureReason
    {
        /// <summary>No failure.</summary>
        None = 0,

        /// <summary>No ESP proposal in common, or the PFS groups differ (NO-PROPOSAL-CHOSEN).</summary>
        ProposalMismatch = 1,

        /// <summary>The client IDs match no policy (INVALID-ID-INFORMATION).</summary>
        FlowMismatch = 2,

        /// <summary>HASH(1), HASH(2) or HASH(3) did not verify.</summary>
        AuthenticationFailed = 3,

        /// <summary>A payload did not parse or a KE value was invalid.</summary>
        MalformedPayload = 4,

        /// <summary>No answer after the retransmissions.</summary>
        PeerTimeout = 5,

        /// <summary>No SPI or SA slot left in the data path.</summary>
        ResourceLimit = 6,
    }
}
