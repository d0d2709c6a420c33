using NanoGate.Hal;

namespace NanoGate.Esp
{
    /// <summary>
    /// Drop counts by <see cref="DropReason"/>. One instance globally and one per SA. Written only by
    /// the data-path thread; the console reads them (a torn read of a long is harmless there).
    /// </summary>
    public sealed class DropCounters
    {
        /// <summary>One more than the highest <see cref="DropReason"/> value.</summary>
        public const int ReasonCount = (int)DropReason.EmptyDatagram + 1;

        // The global counters are 64-bit; an SA's are 32-bit and stop at the top (an SA is rekeyed
        // long before 4 billion drops matter, and 16 SAs per tunnel table on a board without PSRAM
        // save 84 bytes each).
        private readonly long[] _counts;
        private readonly uint[] _small;
        private long _total;

        /// <summary>Global counters, 64-bit.</summary>
        public DropCounters()
            : this(false)
        {
        }

        /// <summary>Counters; <paramref name="compact"/> (one SA's) keeps 32-bit counts that saturate.</summary>
        public DropCounters(bool compact)
        {
            if (compact)
            {
                _small = new uint[ReasonCount];
            }
            else
            {
                _counts = new long[ReasonCount];
            }
        }

        /// <summary>All drops counted so far.</summary>
        public long Total
        {
            get { return _total; }
        }

        /// <summary>Counts one drop. <see cref="DropReason.None"/> is not a drop and is ignored.</summary>
        [FastPath]
        public void Count(DropReason reason)
        {
            int i = (int)reason;
            if (i <= 0 || i >= ReasonCount)
            {
                return;
            }

            if (_counts != null)
            {
                _counts[i]++;
            }
            else if (_small[i] != uint.MaxValue)
            {
                _small[i]++;
            }

            _total++;
        }

        /// <summary>Drops counted for one reason.</summary>
        public long Get(DropReason reason)
        {
            int i = (int)reason;
            if (i <= 0 || i >= ReasonCount)
            {
                return 0;
            }

            return _counts != null ? _counts[i] : _small[i];
        }

        /// <summary>Sets every count back to zero (console "clear counters").</summary>
        public void Clear()
        {
            if (_counts != null)
            {
                System.Array.Clear(_counts, 0, ReasonCount);
            }
            else
            {
                System.Array.Clear(_small, 0, ReasonCount);
            }

            _total = 0;
        }

        /// <summary>Console name of a reason ("unknown-spi", "bad-icv", ...); allocates nothing (literals).</summary>
        public static string NameOf(DropReason reason)
        {
            switch (reason)
            {
                case DropReason.None: return "none";
                case DropReason.Truncated: return "truncated";
                case DropReason.BadLength: return "bad-length";
                case DropReason.UnknownSpi: return "unknown-spi";
                case DropReason.Replay: return "replay";
                case DropReason.ReplayTooOld: return "replay-too-old";
                case DropReason.BadIcv: return "bad-icv";
                case DropReason.BadPadding: return "bad-padding";
                case DropReason.BadNextHeader: return "bad-next-header";
                case DropReason.DummyPacket: return "dummy-packet";
                case DropReason.BadInnerPacket: return "bad-inner-packet";
                case DropReason.PolicyMismatch: return "policy-mismatch";
                case DropReason.NoPolicy: return "no-policy";
                case DropReason.PolicyDiscard: return "policy-discard";
                case DropReason.NoSa: return "no-sa";
                case DropReason.SequenceExhausted: return "sequence-exhausted";
                case DropReason.SaExpired: return "sa-expired";
                case DropReason.TooBig: return "too-big";
                case DropReason.NotEsp: return "not-esp";
                case DropReason.RingFull: return "ring-full";
                case DropReason.EmptyDatagram: return "empty-datagram";
                default: return "unknown";
            }
        }
    }
}
