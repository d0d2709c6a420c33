namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>
    /// The DES block function (FIPS 46-3) keyed three times for TDEA / 3DES-EDE (SP 800-67):
    /// C = E_K3(D_K2(E_K1(P))). Parity bits are ignored. Legacy and slow: the initial and final
    /// permutations go bit by bit, the round function uses combined S-box/P tables built at start-up.
    /// </summary>
    public sealed class DesEngine : IBlockEngine
    {
        // S-boxes S1..S8, four rows of 16 (FIPS 46-3, "Primitive functions S1, ..., S8").
        private static readonly byte[] s_sbox =
        {
            // S1
            14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7,
            0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
            4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0,
            15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13,
            // S2
            15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10,
            3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
            0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15,
            13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9,
            // S3
            10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8,
            13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
            13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7,
            1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12,
            // S4
            7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15,
            13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
            10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4,
            3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14,
            // S5
            2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9,
            14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
            4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14,
            11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3,
            // S6
            12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11,
            10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
            9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6,
            4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13,
            // S7
            4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1,
            13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
            1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2,
            6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12,
            // S8
            13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7,
            1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
            7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8,
            2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11,
        };

        // Permutation P of the S-box outputs (FIPS 46-3).
        private static readonly byte[] s_p =
        {
            16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
            2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25,
        };

        // Initial permutation IP (FIPS 46-3); the final permutation is its inverse.
        private static readonly byte[] s_ip =
        {
            58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
            62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
            57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
            61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
        };

        // Permuted choice 1 (64 -> 56 bits) and 2 (56 -> 48 bits), and the left shifts (FIPS 46-3 App. 1/2).
        private static readonly byte[] s_pc1 =
        {
            57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2,
            59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36, 63, 55, 47, 39,
            31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37,
            29, 21, 13, 5, 28, 20, 12, 4,
        };

        private static readonly byte[] s_pc2 =
        {
            14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4,
            26, 8, 16, 7, 27, 20, 13, 2, 41, 52, 31, 37, 47, 55, 30, 40,
            51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
        };

        private static readonly byte[] s_shifts = { 1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1 };

        private static readonly byte[] s_fp = new byte[64];

        // s_sp[64 * j + six bits] = P(S_j output at its place): the whole round function is 8 lookups.
        private static readonly uint[] s_sp = new uint[512];

        // Subkeys of K1, K2, K3: 16 rounds x 8 six-bit groups each.
        private readonly byte[] _k1 = new byte[128];
        private readonly byte[] _k2 = new byte[128];
        private readonly byte[] _k3 = new byte[128];

        static DesEngine()
        {
            for (int i = 0; i < 64; i++)
            {
                s_fp[s_ip[i] - 1] = (byte)(i + 1);
            }

            for (int j = 0; j < 8; j++)
            {
                for (int six = 0; six < 64; six++)
                {
                    // Outer bits pick the row, inner four the column.
                    int row = ((six >> 4) & 2) | (six & 1);
                    int col = (six >> 1) & 0xF;
                    uint s = (uint)s_sbox[(64 * j) + (16 * row) + col] << (28 - (4 * j));
                    s_sp[(64 * j) + six] = (uint)Permute(s, s_p, 32);
                }
            }
        }

        /// <summary>Keys 3DES with 24 bytes K1 | K2 | K3 (callers check the length).</summary>
        public DesEngine(byte[] key, int keyOffset)
        {
            Schedule(BigEndian.ReadUInt64(key, keyOffset), _k1);
            Schedule(BigEndian.ReadUInt64(key, keyOffset + 8), _k2);
            Schedule(BigEndian.ReadUInt64(key, keyOffset + 16), _k3);
        }

        /// <summary>Block size in bytes.</summary>
        public int BlockSize
        {
            get { return 8; }
        }

        /// <summary>3DES-EDE encryption of one 8-byte block; input and output may be the same bytes.</summary>
        [FastPath]
        public void EncryptBlock(byte[] input, int inOffset, byte[] output, int outOffset)
        {
            ulong x = Permute(BigEndian.ReadUInt64(input, inOffset), s_ip, 64);
            uint l = (uint)(x >> 32);
            uint r = (uint)x;

            // FP then IP between the three passes cancel; only the halves swap.
            Rounds(ref l, ref r, _k1, false);
            Rounds(ref r, ref l, _k2, true);
            Rounds(ref l, ref r, _k3, false);
            BigEndian.WriteUInt64(output, outOffset, Permute(((ulong)r << 32) | l, s_fp, 64));
        }

        /// <summary>3DES-EDE decryption of one 8-byte block: P = D_K1(E_K2(D_K3(C))).</summary>
        [FastPath]
        public void DecryptBlock(byte[] input, int inOffset, byte[] output, int outOffset)
        {
            ulong x = Permute(BigEndian.ReadUInt64(input, inOffset), s_ip, 64);
            uint l = (uint)(x >> 32);
            uint r = (uint)x;
            Rounds(ref l, ref r, _k3, true);
            Rounds(ref r, ref l, _k2, false);
            Rounds(ref l, ref r, _k1, true);
            BigEndian.WriteUInt64(output, outOffset, Permute(((ulong)r << 32) | l, s_fp, 64));
        }

        /// <summary>Zeroes the subkeys.</summary>
        public void Wipe()
        {
            FixedTime.Wipe(_k1);
            FixedTime.Wipe(_k2);
            FixedTime.Wipe(_k3);
        }

        /// <summary>Sixteen Feistel rounds; on return l, r hold L16, R16 (the output block is R16 | L16).</summary>
        [FastPath]
        private static void Rounds(ref uint l, ref uint r, byte[] k, bool decrypt)
        {
            uint[] sp = s_sp;
            uint left = l;
            uint right = r;
            for (int round = 0; round < 16; round++)
            {
                int kb = 8 * (decrypt ? 15 - round : round);

                // Expansion E: group j is bits 4j..4j+5 of R (bit 0 = bit 32), wrapping around.
                uint f = sp[((int)(((right << 5) | (right >> 27)) & 0x3F) ^ k[kb])]
                    ^ sp[64 + ((int)((right >> 23) & 0x3F) ^ k[kb + 1])]
                    ^ sp[128 + ((int)((right >> 19) & 0x3F) ^ k[kb + 2])]
                    ^ sp[192 + ((int)((right >> 15) & 0x3F) ^ k[kb + 3])]
                    ^ sp[256 + ((int)((right >> 11) & 0x3F) ^ k[kb + 4])]
                    ^ sp[320 + ((int)((right >> 7) & 0x3F) ^ k[kb + 5])]
                    ^ sp[384 + ((int)((right >> 3) & 0x3F) ^ k[kb + 6])]
                    ^ sp[448 + ((int)(((right << 1) | (right >> 31)) & 0x3F) ^ k[kb + 7])];
                uint next = left ^ f;
                left = right;
                right = next;
            }

            l = left;
            r = right;
        }

        /// <summary>Output bit i (from the most significant) = input bit table[i] (1-based, of width inBits).</summary>
        [FastPath]
        private static ulong Permute(ulong input, byte[] table, int inBits)
        {
            ulong result = 0;
            int n = table.Length;
            for (int i = 0; i < n; i++)
            {
                result = (result << 1) | ((input >> (inBits - table[i])) & 1);
            }

            return result;
        }

        private static void Schedule(ulong key, byte[] subkeys)
        {
            ulong cd = Permute(key, s_pc1, 64);
            uint c = (uint)(cd >> 28) & 0x0FFFFFFF;
            uint d = (uint)cd & 0x0FFFFFFF;
            for (int round = 0; round < 16; round++)
            {
                int s = s_shifts[round];
                c = ((c << s) | (c >> (28 - s))) & 0x0FFFFFFF;
                d = ((d << s) | (d >> (28 - s))) & 0x0FFFFFFF;
                ulong k = Permute(((ulong)c << 28) | d, s_pc2, 56);
                for (int j = 0; j < 8; j++)
                {
                    subkeys[(8 * round) + j] = (byte)((k >> (42 - (6 * j))) & 0x3F);
                }
            }
        }
    }
}
