using NanoGate.Firmware.Cli;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// <c>display ike statistics</c> while no key exchange runs: the ISAKMP datagrams that arrived
    /// are counted as received and dropped (nobody processed them); nothing was negotiated.
    /// </summary>
    public sealed class NoKeyExchangeStatistics : IIkeStatisticsView
    {
        private readonly GatewayCounters _counters;

        /// <summary>Reads <paramref name="counters"/>.</summary>
        public NoKeyExchangeStatistics(GatewayCounters counters)
        {
            _counters = counters;
        }

        /// <inheritdoc/>
        public ulong PacketsReceived
        {
            get { return (ulong)_counters.IkeReceived; }
        }

        /// <inheritdoc/>
        public ulong PacketsSent
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong Retransmissions
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong PacketsDropped
        {
            get { return (ulong)_counters.IkeIgnored; }
        }

        /// <inheritdoc/>
        public ulong Phase1Started
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong Phase1Established
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong Phase2Started
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong Phase2Established
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong DpdTimeouts
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong DpdSent
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong DpdAcked
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong DpdAnswered
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong Rekeys
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong HalfOpenRefused
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong ResponderDhOperations
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong ResponderDhRefused
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public ulong Failures(IkeErrorReason reason)
        {
            return 0;
        }
    }
}
