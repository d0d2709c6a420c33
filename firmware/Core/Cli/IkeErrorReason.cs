namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// Why a negotiation failed, in the words operators know (ARCHITECTURE.md, "Errors people can
    /// act on"). The IKE side maps its notifies and checks to these.
    /// </summary>
    public enum IkeErrorReason
    {
        /// <summary>No phase 1 proposal in common (NO-PROPOSAL-CHOSEN in main/aggressive mode).</summary>
        Phase1ProposalMismatch = 0,

        /// <summary>HASH_I/HASH_R did not verify, or the decrypted ID was garbage: the keys differ.</summary>
        AuthenticationFailed = 1,

        /// <summary>The packet came from an address no peer is configured for.</summary>
        PeerAddressMismatch = 2,

        /// <summary>The peer presented an identity other than the configured remote-id.</summary>
        ConfigIdMismatch = 3,

        /// <summary>The quick mode client IDs match no policy (INVALID-ID-INFORMATION).</summary>
        FlowMismatch = 4,

        /// <summary>No phase 2 proposal in common, or a PFS group mismatch.</summary>
        Phase2ProposalOrPfsMismatch = 5,

        /// <summary>A payload did not parse (PAYLOAD-MALFORMED).</summary>
        MalformedPayload = 6,

        /// <summary>The peer stopped answering (retransmissions or DPD exhausted).</summary>
        PeerTimeout = 7,

        /// <summary>Dead peer detection (RFC 3706) got no R-U-THERE-ACK: the peer is declared dead.</summary>
        DpdTimeout = 8,

        /// <summary>
        /// A limit of ours refused the negotiation: the SA table was full, the half-open caps were
        /// reached, or the responder's Diffie-Hellman budget was spent (docs/SECURITY.md).
        /// </summary>
        ResourceLimit = 9,

        /// <summary>Main mode met aggressive mode (the peer for the address is configured for the other one).</summary>
        ExchangeModeMismatch = 10,
    }
}
