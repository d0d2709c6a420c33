namespace NanoGate.Nat
{
    /// <summary>
    /// When to send the next NAT-keepalive to one peer (RFC 3948 §2.3, §4): only the side behind
    /// the NAT sends them, to keep the NAT mapping alive, so any other packet sent to the peer on
    /// port 4500 postpones the next one. Default interval 20 s (strongSwan's default).
    /// Time comes in as nowMs; <see cref="NextDueMs"/> lets the run loop sleep until it is due.
    /// </summary>
    public sealed class KeepaliveSchedule
    {
        /// <summary>Default interval (our choice, as strongSwan: 20 s).</summary>
        public const long DefaultIntervalMs = 20000;

        private long _intervalMs;
        private long _lastSentMs;
        private bool _enabled;

        /// <summary>A disabled schedule with the default interval.</summary>
        public KeepaliveSchedule()
        {
            _intervalMs = DefaultIntervalMs;
        }

        /// <summary>Interval in ms (at least 1000).</summary>
        public long IntervalMs
        {
            get { return _intervalMs; }
            set { _intervalMs = value < 1000 ? 1000 : value; }
        }

        /// <summary>True while we are behind a NAT towards this peer (NAT-D said so, or encapsulation is forced).</summary>
        public bool Enabled
        {
            get { return _enabled; }
        }

        /// <summary>Starts sending (we are behind a NAT): the first keepalive is due one interval from now.</summary>
        public void Enable(long nowMs)
        {
            _enabled = true;
            _lastSentMs = nowMs;
        }

        /// <summary>Stops (no NAT, or the peer is gone).</summary>
        public void Disable()
        {
            _enabled = false;
        }

        /// <summary>Anything sent to the peer on port 4500 (ESP or IKE) postpones the keepalive.</summary>
        [NanoGate.Hal.FastPath]
        public void NoteSent(long nowMs)
        {
            if (nowMs > _lastSentMs)
            {
                _lastSentMs = nowMs;
            }
        }

        /// <summary>When the next keepalive is due (ms); long.MaxValue when disabled.</summary>
        public long NextDueMs
        {
            get { return _enabled ? _lastSentMs + _intervalMs : long.MaxValue; }
        }

        /// <summary>True when a keepalive should go out now; the caller sends it and calls <see cref="NoteSent"/>.</summary>
        [NanoGate.Hal.FastPath]
        public bool IsDue(long nowMs)
        {
            return _enabled && nowMs - _lastSentMs >= _intervalMs;
        }
    }
}
