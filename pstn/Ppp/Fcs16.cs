using NanoGate.Hal;

namespace NanoGate.Pstn.Ppp
{
    /// <summary>
    /// The 16-bit frame check sequence of RFC 1662 §C.2 (CRC-CCITT, reflected, x^16+x^12+x^5+1),
    /// table-driven as in the RFC's sample code. Start with <see cref="Initial"/>; over a frame and
    /// its transmitted FCS the result is <see cref="Good"/>.
    /// </summary>
    public static class Fcs16
    {
        /// <summary>Initial FCS value (RFC 1662 §C.2 PPPINITFCS16).</summary>
        public const ushort Initial = 0xFFFF;

        /// <summary>Good final FCS value (RFC 1662 §C.2 PPPGOODFCS16).</summary>
        public const ushort Good = 0xF0B8;

        private static readonly ushort[] s_table = Build();

        /// <summary>Runs the FCS over one octet.</summary>
        [FastPath]
        public static ushort Update(ushort fcs, byte value)
        {
            return (ushort)((fcs >> 8) ^ s_table[(fcs ^ value) & 0xFF]);
        }

        /// <summary>Runs the FCS over <paramref name="count"/> octets.</summary>
        [FastPath]
        public static ushort Update(ushort fcs, byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                fcs = (ushort)((fcs >> 8) ^ s_table[(fcs ^ buffer[offset + i]) & 0xFF]);
            }

            return fcs;
        }

        private static ushort[] Build()
        {
            // RFC 1662 §C.2: the table for polynomial 0x8408 (the reversed 0x1021).
            var table = new ushort[256];
            for (int b = 0; b < 256; b++)
            {
                int v = b;
                for (int i = 0; i < 8; i++)
                {
                    v = (v & 1) != 0 ? (v >> 1) ^ 0x8408 : v >> 1;
                }

                table[b] = (ushort)v;
            }

            return table;
        }
    }
}
