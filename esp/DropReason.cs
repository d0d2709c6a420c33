namespace NanoGate.Esp
{
    /// <summary>
    /// Why the data path dropped a packet. Every drop has exactly one reason; it is counted per SA
    /// (when the SA is known) and globally (<see cref="DropCounters"/>), and the console prints the
    /// names. <see cref="None"/> means the packet was processed and is ready to send or deliver.
    /// </summary>
    public enum DropReason
    {
        /// <summary>Not dropped.</summary>
        None = 0,

        /// <summary>Shorter than the smallest packet the format allows (RFC 4303 §2).</summary>
        Truncated = 1,

        /// <summary>Ciphertext not a whole number of blocks (RFC 3602 §3) or 4-byte words (RFC 4106 §3).</summary>
        BadLength = 2,

        /// <summary>No inbound SA has this SPI (RFC 4303 §3.4.2).</summary>
        UnknownSpi = 3,

        /// <summary>Sequence number already received (RFC 4303 §3.4.3).</summary>
        Replay = 4,

        /// <summary>Sequence number left of the replay window (RFC 4303 §3.4.3).</summary>
        ReplayTooOld = 5,

        /// <summary>Integrity check value did not verify (RFC 4303 §3.4.4).</summary>
        BadIcv = 6,

        /// <summary>Pad length too long or padding bytes not 1, 2, 3, ... (RFC 4303 §2.4).</summary>
        BadPadding = 7,

        /// <summary>Next header is not IPv4 (4) in tunnel mode (RFC 4303 §2.6).</summary>
        BadNextHeader = 8,

        /// <summary>Next header 59: a dummy (traffic flow confidentiality) packet, discarded by design (RFC 4303 §2.6).</summary>
        DummyPacket = 9,

        /// <summary>The inner (or LAN) packet is not a well-formed IPv4 packet.</summary>
        BadInnerPacket = 10,

        /// <summary>Inbound: the decrypted packet is outside the SA's traffic selectors (RFC 4301 §5.2 step 4).</summary>
        PolicyMismatch = 11,

        /// <summary>Outbound: no policy matches the packet (RFC 4301 §5.1: discard).</summary>
        NoPolicy = 12,

        /// <summary>Outbound: the matching policy says discard.</summary>
        PolicyDiscard = 13,

        /// <summary>Outbound: the policy says protect but no SA is installed yet; an acquire event was raised.</summary>
        NoSa = 14,

        /// <summary>Outbound: the sequence number would wrap (RFC 4303 §3.3.3); rekey.</summary>
        SequenceExhausted = 15,

        /// <summary>The SA reached its hard lifetime (bytes, packets or time; RFC 4301 §4.4.2.1).</summary>
        SaExpired = 16,

        /// <summary>Outbound: the result would not fit the slot (headroom or tailroom too small).</summary>
        TooBig = 17,

        /// <summary>Port 4500: neither IKE, keepalive nor ESP (RFC 3948 §2.2); counted by the caller.</summary>
        NotEsp = 18,

        /// <summary>A ring was full; the slot could not be handed on.</summary>
        RingFull = 19,

        /// <summary>Port 4500: a zero-length datagram (neither IKE, keepalive nor ESP; RFC 3948 §2.2).</summary>
        EmptyDatagram = 20,
    }
}
