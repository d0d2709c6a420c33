namespace NanoGate.Hal
{
    /// <summary>
    /// IPv4 addresses as 32-bit values in host order (192.0.2.1 = 0xC0000201), which is how every
    /// portable layer passes them: no IPAddress objects, no allocation on the data path.
    /// </summary>
    public static class Ipv4
    {
        /// <summary>Formats dotted-quad text; allocates, so not for the data path.</summary>
        public static string Format(uint address)
        {
            return ((address >> 24) & 0xFF).ToString() + "." + ((address >> 16) & 0xFF).ToString() + "."
                + ((address >> 8) & 0xFF).ToString() + "." + (address & 0xFF).ToString();
        }

        /// <summary>Parses dotted-quad text ("203.0.113.2"); false on anything else.</summary>
        public static bool TryParse(string text, out uint address)
        {
            address = 0;
            if (text == null)
            {
                return false;
            }

            int octets = 0;
            int value = -1;
            for (int i = 0; i <= text.Length; i++)
            {
                if (i == text.Length || text[i] == '.')
                {
                    if (value < 0 || octets == 4)
                    {
                        return false;
                    }

                    address = (address << 8) | (uint)value;
                    octets++;
                    value = -1;
                    continue;
                }

                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255)
                {
                    return false;
                }
            }

            return octets == 4;
        }

        /// <summary>Reads an address stored in network order at <paramref name="offset"/>.</summary>
        [FastPath]
        public static uint Read(byte[] buffer, int offset)
        {
            return BigEndian.ReadUInt32(buffer, offset);
        }

        /// <summary>Writes an address in network order at <paramref name="offset"/>.</summary>
        [FastPath]
        public static void Write(byte[] buffer, int offset, uint address)
        {
            BigEndian.WriteUInt32(buffer, offset, address);
        }
    }
}
