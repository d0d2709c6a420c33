using NanoGate.Esp;
using NanoGate.Firmware.Cli;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// <c>display ipsec statistics</c>: the gateway's delivered/sent totals, the ESP engine's drops by
    /// reason (DropCounters names), then the run loop's own failures.
    /// </summary>
    public sealed class EspStatisticsView : IEspStatisticsView
    {
        private const int EspReasons = DropCounters.ReasonCount - 1;
        private static readonly string[] s_ownNames = new string[] { "lan-send-failed", "wan-send-failed", "plain-esp-unsupported" };
        private readonly EspEngine _esp;
        private readonly GatewayCounters _counters;

        /// <summary>Counters of <paramref name="esp"/> and <paramref name="counters"/>.</summary>
        public EspStatisticsView(EspEngine esp, GatewayCounters counters)
        {
            _esp = esp;
            _counters = counters;
        }

        /// <inheritdoc/>
        public ulong InboundPackets
        {
            get { return (ulong)_counters.InboundDelivered; }
        }

        /// <inheritdoc/>
        public ulong OutboundPackets
        {
            get { return (ulong)_counters.OutboundSent; }
        }

        /// <inheritdoc/>
        public int DropReasonCount
        {
            get { return EspReasons + s_ownNames.Length; }
        }

        /// <inheritdoc/>
        public string DropReasonName(int index)
        {
            return index < EspReasons ? DropCounters.NameOf((DropReason)(index + 1)) : s_ownNames[index - EspReasons];
        }

        /// <inheritdoc/>
        public ulong DropCount(int index)
        {
            if (index < EspReasons)
            {
                return (ulong)_esp.Drops.Get((DropReason)(index + 1));
            }

            switch (index - EspReasons)
            {
                case 0: return (ulong)_counters.LanSendFailed;
                case 1: return (ulong)_counters.WanSendFailed;
                default: return (ulong)_counters.PlainEspUnsupported;
            }
        }
    }
}
