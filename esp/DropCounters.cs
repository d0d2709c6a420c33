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

        private readonly long[] _counts = new long[ReasonCount];
        private long _total;

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

            _counts[i]++;
            _total++;
        }

        /// <summary>Drops counted for one reason.</summary>
        public long Get(DropReason reason)
        {
            int i = (int)reason;
            return i > 0 && i < ReasonCount ? _counts[i] : 0;
        }

        /// <summary>Sets every count back to zero (console "clear counters").</summary>
        public void Clear()
        {
            for (int i = 0; i < ReasonCount; i++)
            {
                _counts[i] = 0;
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
