using NanoGate.Hal;

namespace NanoGate.Esp
{
    /// <summary>
    /// Anti-replay sliding window (RFC 4303 §3.4.3, Appendix A), 32 to 4096 packets wide, with
    /// 64-bit extended sequence numbers (RFC 4303 §2.2.1, Appendix A2.2) when negotiated.
    /// <para>
    /// Use: <see cref="InferSequence"/> turns the 32 bits on the wire into the full number,
    /// <see cref="Check"/> rejects duplicates and packets left of the window BEFORE the ICV is
    /// verified, and <see cref="Update"/> advances the window only AFTER the ICV verified
    /// (RFC 4303 §3.4.3: "the receive window is updated only if the integrity verification succeeds").
    /// </para>
    /// <para>
    /// The bitmap is a ring: the bit for sequence number s is bit (s mod Bits), Bits being the width
    /// rounded up to 32. Moving the right edge clears the bits it passes over.
    /// </para>
    /// </summary>
    public sealed class ReplayWindow
    {
        /// <summary>Narrowest window (RFC 4303 §3.4.3: "a minimum window size of 32 packets MUST be supported").</summary>
        public const int MinSize = 32;

        /// <summary>Widest window we offer (our choice: 512 bytes of bitmap).</summary>
        public const int MaxSize = 4096;

        /// <summary>Default width (RFC 4303 §3.4.3: "a window size of 64 SHOULD be the default"; we choose 128 for reordering links).</summary>
        public const int DefaultSize = 128;

        private readonly uint[] _bits;
        private readonly int _bitCount;
        private readonly ulong _size;
        private readonly bool _extended;
        private ulong _top;

        /// <summary>A window of <paramref name="size"/> packets (clamped to 32..4096).</summary>
        public ReplayWindow(int size, bool extendedSequenceNumbers)
        {
            if (size < MinSize)
            {
                size = MinSize;
            }

            if (size > MaxSize)
            {
                size = MaxSize;
            }

            _size = (ulong)size;
            _bitCount = (size + 31) & ~31;
            _bits = new uint[_bitCount / 32];
            _extended = extendedSequenceNumbers;
        }

        /// <summary>Window width in packets.</summary>
        public int Size
        {
            get { return (int)_size; }
        }

        /// <summary>Highest sequence number accepted so far (0 = none yet).</summary>
        public ulong Top
        {
            get { return _top; }
        }

        /// <summary>True when 64-bit extended sequence numbers are in use.</summary>
        public bool Extended
        {
            get { return _extended; }
        }

        /// <summary>
        /// The full sequence number for the low 32 bits seen on the wire: the low bits themselves
        /// without ESN; with ESN the high half is guessed from the window (RFC 4303 Appendix A2.2).
        /// Returns 0 (never a valid number) when the guess would fall below zero.
        /// </summary>
        [FastPath]
        public ulong InferSequence(uint low)
        {
            if (!_extended)
            {
                return low;
            }

            uint th = (uint)(_top >> 32);
            uint tl = (uint)_top;
            uint w1 = (uint)_size - 1;
            uint high;
            if (tl >= w1)
            {
                // Case A: the window lies within one 2^32 subspace.
                high = low >= tl - w1 ? th : th + 1;
            }
            else
            {
                // Case B: the window spans two subspaces; low bits above the wrapped left edge
                // belong to the previous subspace.
                if (low >= unchecked(tl - w1))
                {
                    if (th == 0)
                    {
                        return 0;
                    }

                    high = th - 1;
                }
                else
                {
                    high = th;
                }
            }

            return ((ulong)high << 32) | low;
        }

        /// <summary>
        /// Whether a packet with this full sequence number may be processed:
        /// <see cref="DropReason.None"/>, <see cref="DropReason.Replay"/> (seen) or
        /// <see cref="DropReason.ReplayTooOld"/> (left of the window, or 0).
        /// Changes nothing.
        /// </summary>
        [FastPath]
        public DropReason Check(ulong sequence)
        {
            if (sequence == 0)
            {
                // The first packet of an SA has number 1 (RFC 4303 §3.3.3); 0 is never sent.
                return DropReason.ReplayTooOld;
            }

            if (sequence > _top)
            {
                return DropReason.None;
            }

            if (_top - sequence >= _size)
            {
                return DropReason.ReplayTooOld;
            }

            int bit = (int)(sequence % (ulong)_bitCount);
            return (_bits[bit >> 5] & (1u << (bit & 31))) != 0 ? DropReason.Replay : DropReason.None;
        }

        /// <summary>
        /// Records an authenticated packet: moves the right edge when it is ahead, marks it seen.
        /// Call only after <see cref="Check"/> returned <see cref="DropReason.None"/> and the ICV verified.
        /// </summary>
        [FastPath]
        public void Update(ulong sequence)
        {
            if (sequence == 0)
            {
                return;
            }

            if (sequence > _top)
            {
                ulong ahead = sequence - _top;
                if (ahead >= (ulong)_bitCount)
                {
                    for (int i = 0; i < _bits.Length; i++)
                    {
                        _bits[i] = 0;
                    }
                }
                else
                {
                    // Clear the bits of the numbers passed over (_top+1 .. sequence), a word at a time where possible.
                    ulong s = _top + 1;
                    while (s <= sequence)
                    {
                        int bit = (int)(s % (ulong)_bitCount);
                        if ((bit & 31) == 0 && sequence - s >= 31)
                        {
                            _bits[bit >> 5] = 0;
                            s += 32;
                        }
                        else
                        {
                            _bits[bit >> 5] &= ~(1u << (bit & 31));
                            s++;
                        }
                    }
                }

                _top = sequence;
            }

            int b = (int)(sequence % (ulong)_bitCount);
            _bits[b >> 5] |= 1u << (b & 31);
        }

        /// <summary>Forgets everything (a fresh SA).</summary>
        public void Reset()
        {
            for (int i = 0; i < _bits.Length; i++)
            {
                _bits[i] = 0;
            }

            _top = 0;
        }
    }
}
