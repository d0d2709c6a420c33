namespace NanoGate.Hal
{
    /// <summary>
    /// A seeded, repeatable random source (xoshiro128**) for tests and the demo.
    /// NOT SAFE for keys: <see cref="IsCryptographicallySecure"/> is false and
    /// <see cref="Warning"/> says so wherever it is used.
    /// </summary>
    public sealed class DeterministicRandom : IRandomSource
    {
        /// <summary>Printed by whoever wires this source into a gateway.</summary>
        public const string Warning = "random source is DETERMINISTIC (seeded, for tests): not safe for real keys";

        private uint _s0;
        private uint _s1;
        private uint _s2;
        private uint _s3;

        /// <summary>Creates a source whose whole output is fixed by <paramref name="seed"/>.</summary>
        public DeterministicRandom(uint seed)
        {
            // SplitMix32-style expansion so that nearby seeds give unrelated streams.
            _s0 = Mix(seed + 0x9E3779B9u);
            _s1 = Mix(seed + 0x3C6EF372u);
            _s2 = Mix(seed + 0xDAA66D2Bu);
            _s3 = Mix(seed + 0x78DDE6E4u);
            if ((_s0 | _s1 | _s2 | _s3) == 0)
            {
                _s0 = 1;
            }
        }

        /// <inheritdoc/>
        public bool IsCryptographicallySecure
        {
            get { return false; }
        }

        /// <inheritdoc/>
        public void Fill(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            while (offset < end)
            {
                uint r = Next();
                for (int i = 0; i < 4 && offset < end; i++)
                {
                    buffer[offset++] = (byte)r;
                    r >>= 8;
                }
            }
        }

        /// <summary>Next 32-bit output of xoshiro128**.</summary>
        public uint Next()
        {
            uint result = RotateLeft(_s1 * 5, 7) * 9;
            uint t = _s1 << 9;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = RotateLeft(_s3, 11);
            return result;
        }

        private static uint RotateLeft(uint x, int k)
        {
            return (x << k) | (x >> (32 - k));
        }

        private static uint Mix(uint z)
        {
            z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
            z = (z ^ (z >> 13)) * 0xC2B2AE35u;
            return z ^ (z >> 16);
        }
    }
}
