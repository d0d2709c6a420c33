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

        /// <summary>How many reasons can be charged to an SA (see s_saSlot).</summary>
        public const int SaReasonCount = 13;

        // The global counters are 64-bit; an SA's are 32-bit and stop at the top (an SA is rekeyed
        // long before 4 billion drops matter), and only for the reasons found after its SPI or
        // policy picked it (issue 17: 13 of the 20 reasons, 84 -> 52 bytes per SA).
        private readonly long[] _counts;
        private readonly uint[] _small;
        private long _total;

        // Reason -> 1 + its slot in an SA's counters; 0 = never charged to an SA (found before the
        // SA is known: unknown-spi, no-policy, policy-discard, no-sa, not-esp, ring-full, empty-datagram).
        private static readonly byte[] s_saSlot = new byte[]
        {
            0, // None
            1, // Truncated
            2, // BadLength
            0, // UnknownSpi
            3, // Replay
            4, // ReplayTooOld
            5, // BadIcv
            6, // BadPadding
            7, // BadNextHeader
            8, // DummyPacket
            9, // BadInnerPacket
            10, // PolicyMismatch
            0, // NoPolicy
            0, // PolicyDiscard
            0, // NoSa
            11, // SequenceExhausted
            12, // SaExpired
            13, // TooBig
            0, // NotEsp
            0, // RingFull
            0, // EmptyDatagram
        };

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
                _small = new uint[SaReasonCount];
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
            else
            {
                int slot = s_saSlot[i] - 1;
                if (slot >= 0 && _small[slot] != uint.MaxValue)
                {
                    _small[slot]++;
                }
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

            if (_counts != null)
            {
                return _counts[i];
            }

            int slot = s_saSlot[i] - 1;
            return slot >= 0 ? _small[slot] : 0;
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
                System.Array.Clear(_small, 0, SaReasonCount);
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
