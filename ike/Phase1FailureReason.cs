namespace NanoGate.Ike
{
    /// <summary>
    /// Why a phase 1 negotiation failed, with the meanings the console prints (the firmware maps
    /// these onto its own error reasons; ike never references the firmware).
    /// <see cref="Phase1Failure.Text"/> gives the human text.
    /// </summary>
    public enum Phase1FailureReason
    {
        /// <summary>No failure.</summary>
        None = 0,

        /// <summary>No proposal of one side was acceptable to the other (NO-PROPOSAL-CHOSEN, RFC 2408 §3.14.1).</summary>
        ProposalMismatch = 1,

        /// <summary>HASH_I/HASH_R did not verify (INVALID-HASH-INFORMATION / AUTHENTICATION-FAILED).</summary>
        AuthenticationFailed = 2,

        /// <summary>No peer is configured for the sender's address (main mode), or the ID's peer has another address.</summary>
        PeerAddressMismatch = 3,

        /// <summary>The peer's identity is not the configured remote ID (INVALID-ID-INFORMATION).</summary>
        ConfigIdMismatch = 4,

        /// <summary>A message did not parse; after decryption this usually means the pre-shared keys differ.</summary>
        MalformedPayload = 5,

        /// <summary>The peer stopped answering (retransmissions exhausted).</summary>
        PeerTimeout = 6,

        /// <summary>Our tables are full (half-open or total cap).</summary>
        ResourceLimit = 7,

        /// <summary>The peer uses the other exchange mode than the one configured for its address (main against aggressive).</summary>
        ExchangeModeMismatch = 8,
    }
}
