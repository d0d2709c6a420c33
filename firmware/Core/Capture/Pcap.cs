using NanoGate.Hal;

namespace NanoGate.Firmware.Capture
{
    /// <summary>
    /// The classic libpcap file format (pcap-savefile(5); draft-ietf-opsawg-pcap §4, §5) with the
    /// LINKTYPE_RAW link type (101: each packet begins with an IPv4 header, tcpdump.org
    /// linktypes list), written little-endian (magic a1b2c3d4 stored as d4 c3 b2 a1, the order
    /// tells the reader), version 2.4, microsecond timestamps.
    /// <code>
    ///  file header (24)                       record header (16)
    ///  0  magic a1b2c3d4                       0  ts_sec   (seconds)
    ///  4  version_major 2 | version_minor 4    4  ts_usec  (microseconds)
    ///  8  thiszone 0                           8  incl_len (bytes stored)
    ///  12 sigfigs 0                            12 orig_len (bytes on the wire)
    ///  16 snaplen
    ///  20 network (link type)
    /// </code>
    /// The packets are synthesized IPv4 (RFC 791 §3.1) + UDP (RFC 768) headers around the datagram
    /// payload, or IPv4 alone around raw ESP (protocol 50).
    /// </summary>
    public static class Pcap
    {
        /// <summary>The magic number of microsecond-resolution files.</summary>
        public const uint Magic = 0xA1B2C3D4;

        /// <summary>Format version 2.4.</summary>
        public const int VersionMajor = 2;

        /// <summary>Format version 2.4.</summary>
        public const int VersionMinor = 4;

        /// <summary>LINKTYPE_RAW: the packet starts with an IPv4 or IPv6 header.</summary>
        public const int LinkTypeRaw = 101;

        /// <summary>Length of the file header.</summary>
        public const int FileHeaderLength = 24;

        /// <summary>Length of each record header.</summary>
        public const int RecordHeaderLength = 16;

        /// <summary>IPv4 header without options.</summary>
        public const int Ipv4HeaderLength = 20;

        /// <summary>UDP header.</summary>
        public const int UdpHeaderLength = 8;

        /// <summary>IP protocol number of UDP.</summary>
        public const int ProtocolUdp = 17;

        /// <summary>IP protocol number of ESP (RFC 4303).</summary>
        public const int ProtocolEsp = 50;

        /// <summary>TTL of the synthesized IPv4 headers.</summary>
        public const int Ttl = 64;

        /// <summary>Writes the 24-byte file header at <paramref name="offset"/>.</summary>
        [FastPath]
        public static void WriteFileHeader(byte[] b, int offset, int snapLength)
        {
            WriteLe32(b, offset, Magic);
            WriteLe16(b, offset + 4, VersionMajor);
            WriteLe16(b, offset + 6, VersionMinor);
            WriteLe32(b, offset + 8, 0);
            WriteLe32(b, offset + 12, 0);
            WriteLe32(b, offset + 16, (uint)snapLength);
            WriteLe32(b, offset + 20, LinkTypeRaw);
        }

        /// <summary>Writes a 16-byte record header; the time is split into seconds and microseconds.</summary>
        [FastPath]
        public static void WriteRecordHeader(byte[] b, int offset, long timeMs, int storedLength, int wireLength)
        {
            WriteLe32(b, offset, (uint)(timeMs / 1000));
            WriteLe32(b, offset + 4, (uint)((timeMs % 1000) * 1000));
            WriteLe32(b, offset + 8, (uint)storedLength);
            WriteLe32(b, offset + 12, (uint)wireLength);
        }

        /// <summary>
        /// Writes an IPv4 header without options (RFC 791 §3.1): version 4, IHL 5, total length
        /// <paramref name="totalLength"/>, no fragmentation, TTL 64, and the header checksum
        /// (RFC 1071) over the 20 bytes.
        /// </summary>
        [FastPath]
        public static void WriteIpv4Header(byte[] b, int offset, int totalLength, int identification, int protocol, uint source, uint destination)
        {
            b[offset] = 0x45;
            b[offset + 1] = 0;
            BigEndian.WriteUInt16(b, offset + 2, (ushort)totalLength);
            BigEndian.WriteUInt16(b, offset + 4, (ushort)identification);
            b[offset + 6] = 0;
            b[offset + 7] = 0;
            b[offset + 8] = Ttl;
            b[offset + 9] = (byte)protocol;
            b[offset + 10] = 0;
            b[offset + 11] = 0;
            Ipv4.Write(b, offset + 12, source);
            Ipv4.Write(b, offset + 16, destination);
            BigEndian.WriteUInt16(b, offset + 10, HeaderChecksum(b, offset, Ipv4HeaderLength));
        }

        /// <summary>Writes a UDP header (RFC 768); checksum 0 = none, allowed over IPv4 (and what RFC 3948 §2.1 sends).</summary>
        [FastPath]
        public static void WriteUdpHeader(byte[] b, int offset, int sourcePort, int destinationPort, int payloadLength)
        {
            BigEndian.WriteUInt16(b, offset, (ushort)sourcePort);
            BigEndian.WriteUInt16(b, offset + 2, (ushort)destinationPort);
            BigEndian.WriteUInt16(b, offset + 4, (ushort)(UdpHeaderLength + payloadLength));
            b[offset + 6] = 0;
            b[offset + 7] = 0;
        }

        /// <summary>The Internet checksum (RFC 1071 §4.1): one's complement of the one's complement sum of 16-bit words.</summary>
        [FastPath]
        public static ushort HeaderChecksum(byte[] b, int offset, int count)
        {
            uint sum = 0;
            int i = 0;
            for (; i + 1 < count; i += 2)
            {
                sum += (uint)((b[offset + i] << 8) | b[offset + i + 1]);
            }

            if (i < count)
            {
                sum += (uint)(b[offset + i] << 8);
            }

            while ((sum >> 16) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (ushort)~sum;
        }

        /// <summary>Little-endian 32-bit write (the file's byte order).</summary>
        [FastPath]
        public static void WriteLe32(byte[] b, int offset, uint value)
        {
            b[offset] = (byte)value;
            b[offset + 1] = (byte)(value >> 8);
            b[offset + 2] = (byte)(value >> 16);
            b[offset + 3] = (byte)(value >> 24);
        }

        /// <summary>Little-endian 16-bit write.</summary>
        [FastPath]
        public static void WriteLe16(byte[] b, int offset, int value)
        {
            b[offset] = (byte)value;
            b[offset + 1] = (byte)(value >> 8);
        }
    }
}
