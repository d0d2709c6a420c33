using System;

namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>MD5 (RFC 1321). Legacy: collisions are practical; kept for old peers' HMAC-MD5 and prf.</summary>
    public sealed class Md5Hash : BlockHash
    {
        // T[i] = floor(2^32 * |sin(i + 1)|) (RFC 1321 §3.4).
        private static readonly uint[] s_t =
        {
            0xD76AA478u, 0xE8C7B756u, 0x242070DBu, 0xC1BDCEEEu, 0xF57C0FAFu, 0x4787C62Au, 0xA8304613u, 0xFD469501u,
            0x698098D8u, 0x8B44F7AFu, 0xFFFF5BB1u, 0x895CD7BEu, 0x6B901122u, 0xFD987193u, 0xA679438Eu, 0x49B40821u,
            0xF61E2562u, 0xC040B340u, 0x265E5A51u, 0xE9B6C7AAu, 0xD62F105Du, 0x02441453u, 0xD8A1E681u, 0xE7D3FBC8u,
            0x21E1CDE6u, 0xC33707D6u, 0xF4D50D87u, 0x455A14EDu, 0xA9E3E905u, 0xFCEFA3F8u, 0x676F02D9u, 0x8D2A4C8Au,
            0xFFFA3942u, 0x8771F681u, 0x6D9D6122u, 0xFDE5380Cu, 0xA4BEEA44u, 0x4BDECFA9u, 0xF6BB4B60u, 0xBEBFBC70u,
            0x289B7EC6u, 0xEAA127FAu, 0xD4EF3085u, 0x04881D05u, 0xD9D4D039u, 0xE6DB99E5u, 0x1FA27CF8u, 0xC4AC5665u,
            0xF4292244u, 0x432AFF97u, 0xAB9423A7u, 0xFC93A039u, 0x655B59C3u, 0x8F0CCC92u, 0xFFEFF47Du, 0x85845DD1u,
            0x6FA87E4Fu, 0xFE2CE6E0u, 0xA3014314u, 0x4E0811A1u, 0xF7537E82u, 0xBD3AF235u, 0x2AD7D2BBu, 0xEB86D391u,
        };

        // Per-step rotation amounts, four per round (RFC 1321 §3.4).
        private static readonly int[] s_r = { 7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21 };

        private readonly uint[] _h = new uint[4];
        private readonly uint[] _x = new uint[16];

        /// <summary>A fresh MD5.</summary>
        public Md5Hash()
            : base(64, 8, true)
        {
            Reset();
        }

        /// <inheritdoc/>
        public override int HashSize
        {
            get { return 16; }
        }

        /// <inheritdoc/>
        public override int StateWords
        {
            get { return 4; }
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void InitState()
        {
            _h[0] = 0x67452301u;
            _h[1] = 0xEFCDAB89u;
            _h[2] = 0x98BADCFEu;
            _h[3] = 0x10325476u;
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void Compress(byte[] data, int offset)
        {
            uint[] x = _x;
            for (int i = 0; i < 16; i++)
            {
                int p = offset + (i << 2);
                x[i] = data[p] | ((uint)data[p + 1] << 8) | ((uint)data[p + 2] << 16) | ((uint)data[p + 3] << 24);
            }

            uint a = _h[0];
            uint b = _h[1];
            uint c = _h[2];
            uint d = _h[3];
            uint[] t = s_t;
            int[] r = s_r;
            for (int i = 0; i < 64; i++)
            {
                uint f;
                int g;
                int round = i >> 4;
                if (round == 0)
                {
                    f = (b & c) | (~b & d);
                    g = i;
                }
                else if (round == 1)
                {
                    f = (d & b) | (~d & c);
                    g = (5 * i + 1) & 15;
                }
                else if (round == 2)
                {
                    f = b ^ c ^ d;
                    g = (3 * i + 5) & 15;
                }
                else
                {
                    f = c ^ (b | ~d);
                    g = (7 * i) & 15;
                }

                uint sum = a + f + t[i] + x[g];
                int s = r[(round << 2) | (i & 3)];
                a = d;
                d = c;
                c = b;
                b += (sum << s) | (sum >> (32 - s));
            }

            _h[0] += a;
            _h[1] += b;
            _h[2] += c;
            _h[3] += d;
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void WriteDigest(byte[] output, int offset)
        {
            for (int i = 0; i < 4; i++)
            {
                uint v = _h[i];
                output[offset + (i << 2)] = (byte)v;
                output[offset + (i << 2) + 1] = (byte)(v >> 8);
                output[offset + (i << 2) + 2] = (byte)(v >> 16);
                output[offset + (i << 2) + 3] = (byte)(v >> 24);
            }
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void ExportState(uint[] words)
        {
            Array.Copy(_h, 0, words, 0, 4);
        }

        /// <inheritdoc/>
        [FastPath]
        protected override void ImportState(uint[] words)
        {
            Array.Copy(words, 0, _h, 0, 4);
        }

        /// <inheritdoc/>
        protected override void WipeState()
        {
            Array.Clear(_h, 0, 4);
            Array.Clear(_x, 0, 16);
        }
    }
}
