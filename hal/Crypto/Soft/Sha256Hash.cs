using System;

namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>SHA-256 (FIPS 180-4 §6.2).</summary>
    public sealed class Sha256Hash : BlockHash
    {
        // First 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4 §4.2.2).
        private static readonly uint[] s_k =
        {
            0x428A2F98u, 0x71374491u, 0xB5C0FBCFu, 0xE9B5DBA5u, 0x3956C25Bu, 0x59F111F1u, 0x923F82A4u, 0xAB1C5ED5u,
            0xD807AA98u, 0x12835B01u, 0x243185BEu, 0x550C7DC3u, 0x72BE5D74u, 0x80DEB1FEu, 0x9BDC06A7u, 0xC19BF174u,
            0xE49B69C1u, 0xEFBE4786u, 0x0FC19DC6u, 0x240CA1CCu, 0x2DE92C6Fu, 0x4A7484AAu, 0x5CB0A9DCu, 0x76F988DAu,
            0x983E5152u, 0xA831C66Du, 0xB00327C8u, 0xBF597FC7u, 0xC6E00BF3u, 0xD5A79147u, 0x06CA6351u, 0x14292967u,
            0x27B70A85u, 0x2E1B2138u, 0x4D2C6DFCu, 0x53380D13u, 0x650A7354u, 0x766A0ABBu, 0x81C2C92Eu, 0x92722C85u,
            0xA2BFE8A1u, 0xA81A664Bu, 0xC24B8B70u, 0xC76C51A3u, 0xD192E819u, 0xD6990624u, 0xF40E3585u, 0x106AA070u,
            0x19A4C116u, 0x1E376C08u, 0x2748774Cu, 0x34B0BCB5u, 0x391C0CB3u, 0x4ED8AA4Au, 0x5B9CCA4Fu, 0x682E6FF3u,
            0x748F82EEu, 0x78A5636Fu, 0x84C87814u, 0x8CC70208u, 0x90BEFFFAu, 0xA4506CEBu, 0xBEF9A3F7u, 0xC67178F2u,
        };

        private readonly uint[] _h = new uint[8];
        // The message schedule as a rolling window of 16 words (W[t] needs only W[t-16..t-1],
        // FIPS 180-4 §6.2.2/§6.4.2), not all 64: a hash instance per HMAC key and direction is kept
        // per SA, so this is 192 bytes less each.
        private readonly uint[] _w = new uint[16];

        /// <summary>A fresh SHA-256.</summary>
        public Sha256Hash()
            : base(64, 8, false)
        {
            Reset();
        }

        /// <inheritdoc/>
        public override int HashSize
        {
            get { return 32; }
        }

        /// <inheritdoc/>
        public override int StateWords
        {
            get { return 8; }
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void InitState()
        {
            // Square roots of the first 8 primes (FIPS 180-4 §5.3.3).
            _h[0] = 0x6A09E667u;
            _h[1] = 0xBB67AE85u;
            _h[2] = 0x3C6EF372u;
            _h[3] = 0xA54FF53Au;
            _h[4] = 0x510E527Fu;
            _h[5] = 0x9B05688Cu;
            _h[6] = 0x1F83D9ABu;
            _h[7] = 0x5BE0CD19u;
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void Compress(byte[] data, int offset)
        {
            uint[] w = _w;
            uint[] k = s_k;
            for (int i = 0; i < 16; i++)
            {
                w[i] = BigEndian.ReadUInt32(data, offset + (i << 2));
            }

            uint a = _h[0];
            uint b = _h[1];
            uint c = _h[2];
            uint d = _h[3];
            uint e = _h[4];
            uint f = _h[5];
            uint g = _h[6];
            uint h = _h[7];
            for (int i = 0; i < 64; i++)
            {
                uint wi = w[i & 15];
                if (i >= 16)
                {
                    // w[i & 15] still holds W[i-16].
                    uint x = w[(i - 15) & 15];
                    uint y = w[(i - 2) & 15];
                    uint s0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                    uint s1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                    wi += s0 + w[(i - 7) & 15] + s1;
                    w[i & 15] = wi;
                }

                uint bigS1 = ((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7));
                uint ch = (e & f) ^ (~e & g);
                uint t1 = h + bigS1 + ch + k[i] + wi;
                uint bigS0 = ((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10));
                uint maj = (a & b) ^ (a & c) ^ (b & c);
                uint t2 = bigS0 + maj;
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            _h[0] += a;
            _h[1] += b;
            _h[2] += c;
            _h[3] += d;
            _h[4] += e;
            _h[5] += f;
            _h[6] += g;
            _h[7] += h;
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void WriteDigest(byte[] output, int offset)
        {
            for (int i = 0; i < 8; i++)
            {
                BigEndian.WriteUInt32(output, offset + (i << 2), _h[i]);
            }
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void ExportState(uint[] words)
        {
            Array.Copy(_h, 0, words, 0, 8);
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void ImportState(uint[] words)
        {
            Array.Copy(words, 0, _h, 0, 8);
        }

        /// <inheritdoc/>
        protected override void WipeState()
        {
            Array.Clear(_h, 0, 8);
            Array.Clear(_w, 0, 16);
        }
    }
}
