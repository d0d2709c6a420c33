namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>
    /// GHASH (SP 800-38D §6.4) with Shoup's 4-bit tables: 16 multiples of H precomputed per key
    /// (256 bytes), then a multiplication by H is 32 table steps with a 4-bit reduction table.
    /// Bit order: the field element's first bit is the most significant bit of byte 0 (§6.3).
    /// <para>
    /// Timing caveat: the table indexes are nibbles of secret-dependent data; see <see cref="AesEngine"/>.
    /// </para>
    /// </summary>
    public sealed class GHash
    {
        // Reduction of the four bits shifted out per step, modulo x^128 + x^7 + x^2 + x + 1 (0xE1 || 0^120).
        private static readonly ulong[] s_last4 =
        {
            0x0000, 0x1C20, 0x3840, 0x2460, 0x7080, 0x6CA0, 0x48C0, 0x54E0,
            0xE100, 0xFD20, 0xD940, 0xC560, 0x9180, 0x8DA0, 0xA9C0, 0xB5E0,
        };

        private readonly ulong[] _hh = new ulong[16];
        private readonly ulong[] _hl = new ulong[16];
        private ulong _yh;
        private ulong _yl;

        /// <summary>Precomputes the table for the hash subkey H (16 bytes).</summary>
        public GHash(byte[] h, int offset)
        {
            ulong vh = BigEndian.ReadUInt64(h, offset);
            ulong vl = BigEndian.ReadUInt64(h, offset + 8);

            // Entry 8 (bit pattern 1000) is H itself; 4, 2, 1 are H times x, x^2, x^3.
            _hh[8] = vh;
            _hl[8] = vl;
            for (int i = 4; i > 0; i >>= 1)
            {
                ulong reduce = (vl & 1) * 0xE100000000000000UL;
                vl = (vh << 63) | (vl >> 1);
                vh = (vh >> 1) ^ reduce;
                _hh[i] = vh;
                _hl[i] = vl;
            }

            for (int i = 2; i <= 8; i <<= 1)
            {
                for (int j = 1; j < i; j++)
                {
                    _hh[i + j] = _hh[i] ^ _hh[j];
                    _hl[i + j] = _hl[i] ^ _hl[j];
                }
            }
        }

        /// <summary>Y = 0.</summary>
        [FastPath]
        public void Reset()
        {
            _yh = 0;
            _yl = 0;
        }

        /// <summary>Y = (Y XOR block) * H for one block of up to 16 bytes, zero-padded (§6.4).</summary>
        [FastPath]
        public void Update(byte[] data, int offset, int count)
        {
            ulong xh = _yh;
            ulong xl = _yl;
            if (count == 16)
            {
                xh ^= BigEndian.ReadUInt64(data, offset);
                xl ^= BigEndian.ReadUInt64(data, offset + 8);
            }
            else
            {
                for (int i = 0; i < count; i++)
                {
                    if (i < 8)
                    {
                        xh ^= (ulong)data[offset + i] << (56 - (8 * i));
                    }
                    else
                    {
                        xl ^= (ulong)data[offset + i] << (56 - (8 * (i - 8)));
                    }
                }
            }

            Multiply(xh, xl);
        }

        /// <summary>Writes Y (16 bytes).</summary>
        [FastPath]
        public void WriteState(byte[] output, int offset)
        {
            BigEndian.WriteUInt64(output, offset, _yh);
            BigEndian.WriteUInt64(output, offset + 8, _yl);
        }

        /// <summary>Zeroes H's table and the state.</summary>
        public void Wipe()
        {
            System.Array.Clear(_hh, 0, 16);
            System.Array.Clear(_hl, 0, 16);
            _yh = 0;
            _yl = 0;
        }

        /// <summary>Y = X * H, nibbles from the last byte to the first.</summary>
        [FastPath]
        private void Multiply(ulong xh, ulong xl)
        {
            ulong[] hh = _hh;
            ulong[] hl = _hl;
            ulong[] last4 = s_last4;
            int lo = (int)(xl & 0xF);
            ulong zh = hh[lo];
            ulong zl = hl[lo];
            for (int i = 15; i >= 0; i--)
            {
                int b = i >= 8 ? (int)((xl >> (8 * (15 - i))) & 0xFF) : (int)((xh >> (8 * (7 - i))) & 0xFF);
                lo = b & 0xF;
                int hi = b >> 4;
                int rem;
                if (i != 15)
                {
                    rem = (int)(zl & 0xF);
                    zl = (zh << 60) | (zl >> 4);
                    zh = (zh >> 4) ^ (last4[rem] << 48);
                    zh ^= hh[lo];
                    zl ^= hl[lo];
                }

                rem = (int)(zl & 0xF);
                zl = (zh << 60) | (zl >> 4);
                zh = (zh >> 4) ^ (last4[rem] << 48);
                zh ^= hh[hi];
                zl ^= hl[hi];
            }

            _yh = zh;
            _yl = zl;
        }
    }
}
