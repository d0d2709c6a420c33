using System;

namespace NanoGate.Hal.Crypto
{
    /// <summary>
    /// Random bytes drawn ahead from the board's source, on the run loop, for a computation that
    /// runs on another thread (<see cref="DhJob"/>): the board's source is never used from two
    /// threads, and a seeded source gives the same bytes whatever thread consumes them. Running
    /// out throws (the job then faults and its negotiation fails); wiped after use.
    /// </summary>
    public sealed class DrawnRandom : IRandomSource
    {
        private readonly byte[] _bytes;
        private readonly bool _secure;
        private int _used;

        /// <summary>Draws <paramref name="count"/> bytes from <paramref name="source"/> now.</summary>
        public DrawnRandom(IRandomSource source, int count)
        {
            _bytes = new byte[count];
            source.Fill(_bytes, 0, count);
            _secure = source.IsCryptographicallySecure;
        }

        /// <inheritdoc/>
        public bool IsCryptographicallySecure
        {
            get { return _secure; }
        }

        /// <inheritdoc/>
        public void Fill(byte[] buffer, int offset, int count)
        {
            if (count > _bytes.Length - _used)
            {
                throw new InvalidOperationException("random bytes drawn ahead ran out");
            }

            Array.Copy(_bytes, _used, buffer, offset, count);
            Array.Clear(_bytes, _used, count);
            _used += count;
        }

        /// <summary>Zeroes what is left.</summary>
        public void Wipe()
        {
            Array.Clear(_bytes, 0, _bytes.Length);
            _used = _bytes.Length;
        }
    }
}
