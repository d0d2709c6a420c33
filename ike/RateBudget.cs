namespace NanoGate.Ike
{
    /// <summary>
    /// A token bucket: at most <see cref="PerSecond"/> operations in any one second, and no burst
    /// beyond that. Bounds what an unauthenticated peer can make the responder spend (Diffie-Hellman
    /// computations, answers to unverified sources): past the budget the work is refused, counted,
    /// and the peer's retransmission gets its turn later. Time comes in as nowMs.
    /// </summary>
    public sealed class RateBudget
    {
        private int _perSecond;
        private long _tokensMilli;
        private long _lastMs;
        private bool _started;

        /// <summary>A budget of <paramref name="perSecond"/> operations per second (0 or less: unlimited).</summary>
        public RateBudget(int perSecond)
        {
            PerSecond = perSecond;
        }

        /// <summary>Operations allowed per second (0 or less: no limit). Setting it refills the bucket.</summary>
        public int PerSecond
        {
            get { return _perSecond; }
            set
            {
                _perSecond = value;
                _tokensMilli = value > 0 ? (long)value * 1000 : 0;
            }
        }

        /// <summary>Operations allowed so far.</summary>
        public long Taken { get; private set; }

        /// <summary>Operations refused because the budget was spent.</summary>
        public long Refused { get; private set; }

        /// <summary>Takes one operation from the budget at <paramref name="nowMs"/>; false (and counted) when it is spent.</summary>
        public bool TryTake(long nowMs)
        {
            if (_perSecond <= 0)
            {
                Taken++;
                return true;
            }

            long capacity = (long)_perSecond * 1000;
            if (_started && nowMs > _lastMs)
            {
                // One token (1000 milli-tokens) per 1000 / perSecond ms: perSecond milli-tokens per ms.
                long elapsed = nowMs - _lastMs;
                _tokensMilli = elapsed >= 1000 ? capacity : _tokensMilli + (elapsed * _perSecond);
                if (_tokensMilli > capacity)
                {
                    _tokensMilli = capacity;
                }
            }

            if (!_started || nowMs > _lastMs)
            {
                _lastMs = nowMs;
                _started = true;
            }

            if (_tokensMilli < 1000)
            {
                Refused++;
                return false;
            }

            _tokensMilli -= 1000;
            Taken++;
            return true;
        }
    }
}
