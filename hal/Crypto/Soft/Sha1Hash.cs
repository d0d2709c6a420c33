using System;

namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>SHA-1 (FIPS 180-4 §6.1). Collision-weak, still fine inside HMAC (RFC 2404).</summary>
    public sealed class Sha1Hash : BlockHash
    {
        private readonly uint[] _h = new uint[5];
        private readonly uint[] _w = new uint[80];

        /// <summary>A fresh SHA-1.</summary>
        public Sha1Hash()
            : base(64, 8, false)
        {
            Reset();
        }

        /// <inheritdoc/>
        public override int HashSize
        {
            get { return 20; }
        }

        /// <inheritdoc/>
        public override int StateWords
        {
            get { return 5; }
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void InitState()
        {
            // FIPS 180-4 §5.3.1.
            _h[0] = 0x67452301u;
            _h[1] = 0xEFCDAB89u;
            _h[2] = 0x98BADCFEu;
            _h[3] = 0x10325476u;
            _h[4] = 0xC3D2E1F0u;
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void Compress(byte[] data, int offset)
        {
            uint[] w = _w;
            for (int i = 0; i < 16; i++)
            {
                w[i] = BigEndian.ReadUInt32(data, offset + (i << 2));
            }

            for (int i = 16; i < 80; i++)
            {
                uint v = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
                w[i] = (v << 1) | (v >> 31);
            }

            uint a = _h[0];
            uint b = _h[1];
            uint c = _h[2];
            uint d = _h[3];
            uint e = _h[4];
            for (int i = 0; i < 80; i++)
            {
                uint f;
                uint k;
                if (i < 20)
                {
                    f = (b & c) | (~b & d);
                    k = 0x5A827999u;
                }
                else if (i < 40)
                {
                    f = b ^ c ^ d;
                    k = 0x6ED9EBA1u;
                }
                else if (i < 60)
                {
                    f = (b & c) | (b & d) | (c & d);
                    k = 0x8F1BBCDCu;
                }
                else
                {
                    f = b ^ c ^ d;
                    k = 0xCA62C1D6u;
                }

                uint temp = ((a << 5) | (a >> 27)) + f + e + k + w[i];
                e = d;
                d = c;
                c = (b << 30) | (b >> 2);
                b = a;
                a = temp;
            }

            _h[0] += a;
            _h[1] += b;
            _h[2] += c;
            _h[3] += d;
            _h[4] += e;
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void WriteDigest(byte[] output, int offset)
        {
            for (int i = 0; i < 5; i++)
            {
                BigEndian.WriteUInt32(output, offset + (i << 2), _h[i]);
            }
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void ExportState(uint[] words)
        {
            Array.Copy(_h, 0, words, 0, 5);
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void ImportState(uint[] words)
        {
            Array.Copy(words, 0, _h, 0, 5);
        }

        /// <inheritdoc/>
        protected override void WipeState()
        {
            Array.Clear(_h, 0, 5);
            Array.Clear(_w, 0, 80);
        }
    }
}
