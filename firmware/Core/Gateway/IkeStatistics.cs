using NanoGate.Firmware.Cli;
using NanoGate.Ike;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The counters of <c>display ike statistics</c> for <see cref="IkeKeyExchange"/>: its own
    /// (datagrams in, phase 1 starts, rekeys, failures by reason) beside those the current daemon
    /// and quick mode keep, which survive a rebuild of the daemon only where it matters (sent).
    /// </summary>
    public sealed class IkeStatistics : IIkeStatisticsView
    {
        private readonly ulong[] _failures = new ulong[ErrorRecord.ReasonCount];
        private IkeDaemon _daemon;
        private QuickMode _quick;
        private ulong _sentBefore;

        /// <summary>Follows <paramref name="daemon"/> and <paramref name="quick"/> (null: none); what the old daemon sent is kept.</summary>
        public void Follow(IkeDaemon daemon, QuickMode quick)
        {
            if (_daemon != null)
            {
                _sentBefore += (ulong)_daemon.Sent;
            }

            _daemon = daemon;
            _quick = quick;
        }

        /// <summary>Counts a failure of <paramref name="reason"/>.</summary>
        public void CountFailure(IkeErrorReason reason)
        {
            int i = (int)reason;
            if (i >= 0 && i < _failures.Length)
            {
                _failures[i]++;
            }
        }

        /// <inheritdoc/>
        public ulong PacketsReceived { get; set; }

        /// <inheritdoc/>
        public ulong PacketsSent
        {
            get { return _daemon == null ? _sentBefore : _sentBefore + (ulong)_daemon.Sent; }
        }

        /// <inheritdoc/>
        public ulong Retransmissions
        {
            get { return _daemon == null ? 0 : (ulong)(_daemon.Retransmissions + _quick.Retransmissions); }
        }

        /// <inheritdoc/>
        public ulong PacketsDropped
        {
            get { return _daemon == null ? 0 : (ulong)(_daemon.Dropped + _quick.Dropped); }
        }

        /// <inheritdoc/>
        public ulong Phase1Started { get; set; }

        /// <inheritdoc/>
        public ulong Phase1Established { get; set; }

        /// <inheritdoc/>
        public ulong Phase2Started
        {
            get { return _quick == null ? 0 : (ulong)_quick.Started; }
        }

        /// <inheritdoc/>
        public ulong Phase2Established
        {
            get { return _quick == null ? 0 : (ulong)_quick.Established; }
        }

        /// <inheritdoc/>
        public ulong DpdTimeouts { get; set; }

        /// <inheritdoc/>
        public ulong DpdSent
        {
            get { return _quick == null ? 0 : (ulong)_quick.DpdSent; }
        }

        /// <inheritdoc/>
        public ulong DpdAnswered
        {
            get { return _quick == null ? 0 : (ulong)_quick.DpdAnswered; }
        }

        /// <inheritdoc/>
        public ulong Rekeys { get; set; }

        /// <inheritdoc/>
        public ulong HalfOpenRefused
        {
            get { return _daemon == null ? 0 : (ulong)_daemon.HalfOpenRefused; }
        }

        /// <inheritdoc/>
        public ulong ResponderDhOperations
        {
            get { return _daemon == null ? 0 : (ulong)_daemon.ResponderDh.Taken; }
        }

        /// <inheritdoc/>
        public ulong ResponderDhRefused
        {
            get { return _daemon == null ? 0 : (ulong)_daemon.ResponderDh.Refused; }
        }

        /// <inheritdoc/>
        public ulong Failures(IkeErrorReason reason)
        {
            int i = (int)reason;
            return i >= 0 && i < _failures.Length ? _failures[i] : 0;
        }
    }
}
