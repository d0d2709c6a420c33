namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// Counters of the ESP data path for <c>display ipsec statistics</c>: totals and the drop
    /// counters by reason. Reasons are listed by index so the CLI needs no ESP types.
    /// </summary>
    public interface IEspStatisticsView
    {
        /// <summary>Packets decrypted and delivered.</summary>
        ulong InboundPackets { get; }

        /// <summary>Packets encrypted and sent.</summary>
        ulong OutboundPackets { get; }

        /// <summary>Number of drop reasons.</summary>
        int DropReasonCount { get; }

        /// <summary>Name of the i-th reason ("replay", "icv mismatch", "no sa", ...).</summary>
        string DropReasonName(int index);

        /// <summary>Packets dropped for the i-th reason.</summary>
        ulong DropCount(int index);
    }
}
