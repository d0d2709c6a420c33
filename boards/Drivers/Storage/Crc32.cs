namespace NanoGate.Boards.Drivers
{
    /// <summary>
    /// CRC-32 of IEEE 802.3 (the zip/PNG CRC): polynomial 0x04C11DB7 processed bit-reversed
    /// (0xEDB88320), initial value and final XOR 0xFFFFFFFF. Check value: "123456789" gives
    /// 0xCBF43926. Guards stored blobs against torn writes, not against an attacker.
    /// </summary>
    public static class Crc32
    {
        private static readonly uint[] s_table = BuildTable();

        /// <summary>Starts a CRC (pass the result to <see cref="Update"/>, then <see cref="Finish"/>).</summary>
        public static uint Start()
        {
            return 0xFFFFFFFF;
        }

        /// <summary>Feeds <paramref name="count"/> bytes at <paramref name="offset"/>.</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                crc = s_table[(crc ^ data[offset + i]) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        /// <summary>The CRC of everything fed.</summary>
        public static uint Finish(uint crc)
        {
            return crc ^ 0xFFFFFFFF;
        }

        /// <summary>The CRC of one block.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Start(), data, offset, count));
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
