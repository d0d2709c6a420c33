using NanoGate.Hal;

namespace NanoGate.Pstn.Ip
{
    /// <summary>The Internet checksum (RFC 1071): one's complement sum of 16-bit words.</summary>
    public static class InternetChecksum
    {
        /// <summary>Adds <paramref name="count"/> octets to a running 32-bit sum (odd length padded with zero).</summary>
        [FastPath]
        public static uint Add(uint sum, byte[] buffer, int offset, int count)
        {
            int end = offset + count - 1;
            int i = offset;
            for (; i < end; i += 2)
            {
                sum += (uint)((buffer[i] << 8) | buffer[i + 1]);
            }

            if (i == end)
            {
                sum += (uint)(buffer[i] << 8);
            }

            return sum;
        }

        /// <summary>Folds the carries and complements: the value to put on the wire (0 over a correct header).</summary>
        [FastPath]
        public static ushort Finish(uint sum)
        {
            while ((sum >> 16) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (ushort)~sum;
        }
    }
}
