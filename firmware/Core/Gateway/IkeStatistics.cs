using NanoGate.Firmware.Cli;
using NanoGate.Ike;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The counters of <c>display ike statistics</c> for <see cref="IkeKeyExchange"/>: its own
    /// (datagrams in, phase 1 starts, rekeys, failures by reason) beside those the current daemon
    /// and quick mode keep. Every counter runs from the last <c>reset ike statistics</c> (or the
    /// start), across configuration changes: what a daemon counted is kept when a new configuration
    /// replaces it (issue 16: phase 2, DPD and rekey counters used to restart at every apply).
    /// </summary>
    public sealed class IkeStatistics : IIkeStatisticsView
    {
        private const int Sent = 0;
        private const int Retransmitted = 1;
        private const int Dropped = 2;
        private const int P2Started = 3;
        private const int P2Established = 4;
        private const int DpdOut = 5;
        private const int DpdIn = 6;
        private const int DpdAcks = 7;
        private const int HalfOpen = 8;
        private const int DhDone = 9;
        private const int DhRefused = 10;
        private const int Followed = 11;

        private readonly ulong[] _failures = new ulong[ErrorRecord.ReasonCount];

        // Counted by earlier daemons (since the last reset), and the current ones' values at the
        // last reset (their counters only grow; a reset moves this baseline instead of theirs).
        private readonly ulong[] _before = new ulong[Followed];
        private readonly ulong[] _baseline = new ulong[Followed];
        private IkeDaemon _daemon;
        private QuickMode _quick;

        /// <summary>Follows <paramref name="daemon"/> and <paramref name="quick"/> (null: none); what the old ones counted is kept.</summary>
        public void Follow(IkeDaemon daemon, QuickMode quick)
        {
            for (int i = 0; i < Followed; i++)
            {
                _before[i] += Live(i) - _baseline[i];
                _baseline[i] = 0;
            }

            _daemon = daemon;
            _quick = quick;
            for (int i = 0; i < Followed; i++)
            {
                _baseline[i] = Live(i);
            }
        }

        /// <summary><c>reset ike statistics</c>: every counter starts again from 0.</summary>
        public void Reset()
        {
            for (int i = 0; i < Followed; i++)
            {
                _before[i] = 0;
                _baseline[i] = Live(i);
            }

            for (int i = 0; i < _failures.Length; i++)
            {
                _failures[i] = 0;
            }

            PacketsReceived = 0;
            Phase1Started = 0;
            Phase1Established = 0;
            DpdTimeouts = 0;
            Rekeys = 0;
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

        /// <summary>Counter <paramref name="which"/> as the current daemon and quick mode keep it (0 without them).</summary>
        private ulong Live(int which)
        {
            if (_daemon == null || _quick == null)
            {
                return 0;
            }

            switch (which)
            {
                case Sent: return (ulong)_daemon.Sent;
                case Retransmitted: return (ulong)(_daemon.Retransmissions + _quick.Retransmissions);
                case Dropped: return (ulong)(_daemon.Dropped + _quick.Dropped);
                case P2Started: return (ulong)_quick.Started;
                case P2Established: return (ulong)_quick.Established;
                case DpdOut: return (ulong)_quick.DpdSent;
                case DpdIn: return (ulong)_quick.DpdAnswered;
                case DpdAcks: return (ulong)_quick.DpdAcked;
                case HalfOpen: return (ulong)_daemon.HalfOpenRefused;
                case DhDone: return (ulong)_daemon.ResponderDh.Taken;
                default: return (ulong)_daemon.ResponderDh.Refused;
            }
        }

        private ulong Total(int which)
        {
            return _before[which] + Live(which) - _baseline[which];
        }

        /// <inheritdoc/>
        public ulong PacketsReceived { get; set; }

        /// <inheritdoc/>
        public ulong PacketsSent
        {
            get { return Total(Sent); }
        }

        /// <inheritdoc/>
        public ulong Retransmissions
        {
            get { return Total(Retransmitted); }
        }

        /// <inheritdoc/>
        public ulong PacketsDropped
        {
            get { return Total(Dropped); }
        }

        /// <inheritdoc/>
        public ulong Phase1Started { get; set; }

        /// <inheritdoc/>
        public ulong Phase1Established { get; set; }

        /// <inheritdoc/>
        public ulong Phase2Started
        {
            get { return Total(P2Started); }
        }

        /// <inheritdoc/>
        public ulong Phase2Established
        {
            get { return Total(P2Established); }
        }

        /// <inheritdoc/>
        public ulong DpdTimeouts { get; set; }

        /// <inheritdoc/>
        public ulong DpdSent
        {
            get { return Total(DpdOut); }
        }

        /// <inheritdoc/>
        public ulong DpdAnswered
        {
            get { return Total(DpdIn); }
        }

        /// <inheritdoc/>
        public ulong DpdAcked
        {
            get { return Total(DpdAcks); }
        }

        /// <inheritdoc/>
        public ulong Rekeys { get; set; }

        /// <inheritdoc/>
        public ulong HalfOpenRefused
        {
            get { return Total(HalfOpen); }
        }

        /// <inheritdoc/>
        public ulong ResponderDhOperations
        {
            get { return Total(DhDone); }
        }

        /// <inheritdoc/>
        public ulong ResponderDhRefused
        {
            get { return Total(DhRefused); }
        }

        /// <inheritdoc/>
        public ulong Failures(IkeErrorReason reason)
        {
            int i = (int)reason;
            return i >= 0 && i < _failures.Length ? _failures[i] : 0;
        }
    }
}
