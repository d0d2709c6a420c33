using NanoGate.Hal;

namespace NanoGate.Esp
{
    /// <summary>
    /// Wire layout of a UDP-encapsulated tunnel-mode ESP packet and the IPv4 header helpers the
    /// data path needs. Callers check lengths first; these helpers do not.
    /// <code>
    /// outer IPv4 (RFC 791 §3.1)               UDP (RFC 768, RFC 3948 §2.1)
    ///  0      4      8              16      31   0              16             31
    /// |Ver|IHL| TOS  |  Total Length  |         |  Source Port  |  Dest. Port   |
    /// | Identification |Flg| Frag. Off|         |    Length     | Checksum (0)  |
    /// |  TTL  | Proto |  Header Checksum|
    /// |        Source Address          |        ESP (RFC 4303 §2)
    /// |      Destination Address       |       | Security Parameters Index    |
    ///                                          | Sequence Number (low 32 bits)|
    ///                                          | IV (CBC: block size; GCM: 8) |
    ///                                          | inner IPv4 packet ...        |
    ///                                          | Padding 1,2,3..| PadLen | NH |
    ///                                          | ICV                          |
    /// </code>
    /// </summary>
    public static class EspLayout
    {
        // From the specifications.

        /// <summary>IPv4 header without options (RFC 791).</summary>
        public const int Ipv4HeaderLength = 20;

        /// <summary>UDP header (RFC 768).</summary>
        public const int UdpHeaderLength = 8;

        /// <summary>SPI + sequence number (RFC 4303 §2).</summary>
        public const int EspHeaderLength = 8;

        /// <summary>Largest IV: AES-CBC (RFC 3602 §3); GCM's is 8 (RFC 4106 §3.1), 3DES's 8.</summary>
        public const int MaxIvLength = 16;

        /// <summary>Largest ICV: HMAC-SHA2-512-256 (RFC 4868 §2.3).</summary>
        public const int MaxIcvLength = 32;

        /// <summary>Pad length + next header (RFC 4303 §2.5, §2.6).</summary>
        public const int TrailerLength = 2;

        /// <summary>Next header for IPv4-in-ESP, tunnel mode (IANA protocol 4).</summary>
        public const byte NextHeaderIpv4 = 4;

        /// <summary>Next header of a dummy packet (RFC 4303 §2.6).</summary>
        public const byte NextHeaderNoNext = 59;

        /// <summary>IP protocol number of ESP (RFC 4303).</summary>
        public const byte ProtocolEsp = 50;

        /// <summary>IP protocol number of UDP.</summary>
        public const byte ProtocolUdp = 17;

        /// <summary>UDP port of IKE and UDP-encapsulated ESP with NAT traversal (RFC 3948 §2.1).</summary>
        public const int NatTraversalPort = 4500;

        /// <summary>IPv4 header field offsets (RFC 791 §3.1).</summary>
        public const int Ipv4VersionIhl = 0;

        /// <summary>Type of service / DSCP+ECN.</summary>
        public const int Ipv4Tos = 1;

        /// <summary>Total length.</summary>
        public const int Ipv4TotalLength = 2;

        /// <summary>Identification.</summary>
        public const int Ipv4Identification = 4;

        /// <summary>Flags and fragment offset.</summary>
        public const int Ipv4FlagsFragment = 6;

        /// <summary>Time to live.</summary>
        public const int Ipv4Ttl = 8;

        /// <summary>Protocol.</summary>
        public const int Ipv4Protocol = 9;

        /// <summary>Header checksum.</summary>
        public const int Ipv4Checksum = 10;

        /// <summary>Source address.</summary>
        public const int Ipv4Source = 12;

        /// <summary>Destination address.</summary>
        public const int Ipv4Destination = 16;

        // Our choices.

        /// <summary>TTL of outer packets we build.</summary>
        public const byte OuterTtl = 64;

        /// <summary>Largest HMAC output an SA uses (SHA-512, RFC 4868): the size of a direction's ICV scratch.</summary>
        public const int MaxHashSize = 64;

        /// <summary>
        /// Length of a well-formed IPv4 packet at <paramref name="offset"/>, or 0 when it is not one:
        /// version 4, header length 20..60 within the data, total length from the header within
        /// <paramref name="count"/> (anything after it, e.g. TFC padding, RFC 4303 §2.4, is ignored).
        /// </summary>
        [FastPath]
        public static int CheckIpv4(byte[] buffer, int offset, int count)
        {
            if (count < Ipv4HeaderLength)
            {
                return 0;
            }

            int vihl = buffer[offset + Ipv4VersionIhl];
            if ((vihl >> 4) != 4)
            {
                return 0;
            }

            int ihl = (vihl & 0x0F) * 4;
            int total = BigEndian.ReadUInt16(buffer, offset + Ipv4TotalLength);
            if (ihl < Ipv4HeaderLength || total < ihl || total > count)
            {
                return 0;
            }

            return total;
        }

        /// <summary>The Internet checksum (RFC 1071) of <paramref name="count"/> bytes, complemented.</summary>
        [FastPath]
        public static ushort Checksum(byte[] buffer, int offset, int count)
        {
            uint sum = 0;
            int end = offset + (count & ~1);
            for (int i = offset; i < end; i += 2)
            {
                sum += (uint)((buffer[i] << 8) | buffer[i + 1]);
            }

            if ((count & 1) != 0)
            {
                sum += (uint)(buffer[offset + count - 1] << 8);
            }

            while ((sum >> 16) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (ushort)~sum;
        }

        /// <summary>Writes an outer IPv4 header (no options, DF clear, checksum filled in).</summary>
        [FastPath]
        public static void WriteIpv4Header(byte[] buffer, int offset, int totalLength, byte tos, ushort identification,
            byte protocol, uint source, uint destination)
        {
            buffer[offset + Ipv4VersionIhl] = 0x45;
            buffer[offset + Ipv4Tos] = tos;
            BigEndian.WriteUInt16(buffer, offset + Ipv4TotalLength, (ushort)totalLength);
            BigEndian.WriteUInt16(buffer, offset + Ipv4Identification, identification);
            BigEndian.WriteUInt16(buffer, offset + Ipv4FlagsFragment, 0);
            buffer[offset + Ipv4Ttl] = OuterTtl;
            buffer[offset + Ipv4Protocol] = protocol;
            BigEndian.WriteUInt16(buffer, offset + Ipv4Checksum, 0);
            Ipv4.Write(buffer, offset + Ipv4Source, source);
            Ipv4.Write(buffer, offset + Ipv4Destination, destination);
            BigEndian.WriteUInt16(buffer, offset + Ipv4Checksum, Checksum(buffer, offset, Ipv4HeaderLength));
        }

        /// <summary>Writes a UDP header with checksum 0 (allowed for UDP-encapsulated ESP over IPv4, RFC 3948 §2.1).</summary>
        [FastPath]
        public static void WriteUdpHeader(byte[] buffer, int offset, int sourcePort, int destinationPort, int length)
        {
            BigEndian.WriteUInt16(buffer, offset, (ushort)sourcePort);
            BigEndian.WriteUInt16(buffer, offset + 2, (ushort)destinationPort);
            BigEndian.WriteUInt16(buffer, offset + 4, (ushort)length);
            BigEndian.WriteUInt16(buffer, offset + 6, 0);
        }
    }
}
