namespace NanoGate.Firmware.Cli
{
    /// <summary>Counters of the IKE side for <c>display ike statistics</c>.</summary>
    public interface IIkeStatisticsView
    {
        /// <summary>ISAKMP packets received (ports 500 and 4500).</summary>
        ulong PacketsReceived { get; }

        /// <summary>ISAKMP packets sent.</summary>
        ulong PacketsSent { get; }

        /// <summary>Retransmissions sent.</summary>
        ulong Retransmissions { get; }

        /// <summary>Packets dropped before any exchange saw them (malformed, unknown cookie...).</summary>
        ulong PacketsDropped { get; }

        /// <summary>Phase 1 negotiations started (both roles).</summary>
        ulong Phase1Started { get; }

        /// <summary>Phase 1 negotiations that completed.</summary>
        ulong Phase1Established { get; }

        /// <summary>Phase 2 negotiations started.</summary>
        ulong Phase2Started { get; }

        /// <summary>Phase 2 negotiations that completed.</summary>
        ulong Phase2Established { get; }

        /// <summary>Dead peer detection declared a peer dead.</summary>
        ulong DpdTimeouts { get; }

        /// <summary>DPD R-U-THERE we sent (RFC 3706).</summary>
        ulong DpdSent { get; }

        /// <summary>The peers' R-U-THERE we answered.</summary>
        ulong DpdAnswered { get; }

        /// <summary>Our DPD R-U-THEREs the peer acknowledged.</summary>
        ulong DpdAcked { get; }

        /// <summary>Phase 2 rekeys, started by either side (a new pair that replaces a live one of the same policy).</summary>
        ulong Rekeys { get; }

        /// <summary>First messages refused by the half-open caps (docs/SECURITY.md).</summary>
        ulong HalfOpenRefused { get; }
        /// <summary>Diffie-Hellman computations for peers not yet authenticated (AM1, MM3 as responder).</summary>
        ulong ResponderDhOperations { get; }
        /// <summary>Messages dropped because the responder's Diffie-Hellman budget was spent.</summary>
        ulong ResponderDhRefused { get; }
        /// <summary>Negotiations that failed for <paramref name="reason"/>.</summary>
        ulong Failures(IkeErrorReason reason);
    }
}
