using NanoGate.Hal;

namespace NanoGate.Nat
{
    /// <summary>
    /// Sorts datagrams arriving on UDP port 4500 (RFC 3948 §2.2, §2.3; RFC 3947 §4):
    /// <code>
    ///  length 1, byte 0xFF             -> NAT-keepalive (RFC 3948 §2.3)
    ///  length >= 4, first 4 bytes zero -> non-ESP marker: IKE from offset + 4 (RFC 3948 §2.2)
    ///  length >= 8, first 4 bytes != 0 -> ESP, the first 4 bytes being its SPI (RFC 3948 §2.1)
    ///  anything else                   -> invalid (drop, count)
    /// </code>
    /// Reads at most 4 bytes, never throws, allocates nothing.
    /// </summary>
    public static class Port4500Demux
    {
        /// <summary>The zero "non-ESP marker" before IKE messages on port 4500 (RFC 3948 §2.2).</summary>
        public const int NonEspMarkerLength = 4;

        /// <summary>The one byte of a NAT-keepalive (RFC 3948 §2.3).</summary>
        public const byte KeepaliveByte = 0xFF;

        /// <summary>SPI + sequence number: the shortest datagram that can be ESP (RFC 4303 §2).</summary>
        public const int MinEspLength = 8;

        /// <summary>Classifies <paramref name="count"/> bytes at <paramref name="offset"/>.</summary>
        [FastPath]
        public static Port4500Kind Classify(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count <= 0 || offset + count > buffer.Length)
            {
                return Port4500Kind.Invalid;
            }

            if (count == 1)
            {
                return buffer[offset] == KeepaliveByte ? Port4500Kind.Keepalive : Port4500Kind.Invalid;
            }

            if (count < NonEspMarkerLength)
            {
                return Port4500Kind.Invalid;
            }

            if (BigEndian.ReadUInt32(buffer, offset) == 0)
            {
                return Port4500Kind.Ike;
            }

            return count >= MinEspLength ? Port4500Kind.Esp : Port4500Kind.Invalid;
        }

        /// <summary>Writes a NAT-keepalive (one 0xFF byte) and returns its length, 1.</summary>
        [FastPath]
        public static int WriteKeepalive(byte[] buffer, int offset)
        {
            buffer[offset] = KeepaliveByte;
            return 1;
        }

        /// <summary>Writes the non-ESP marker before an IKE message sent on port 4500; returns 4.</summary>
        [FastPath]
        public static int WriteNonEspMarker(byte[] buffer, int offset)
        {
            BigEndian.WriteUInt32(buffer, offset, 0);
            return NonEspMarkerLength;
        }
    }
}
