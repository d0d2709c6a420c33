using NanoGate.Hal;
using NanoGate.Pstn.Ppp;

namespace NanoGate.Pstn.Ip
{
    /// <summary>
    /// Just enough IPv4 (RFC 791) and UDP (RFC 768) to carry IKE and NAT-T ESP over a PPP link.
    /// <code>
    ///   0                   1                   2                   3
    ///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    ///  |Version|  IHL  |Type of Service|          Total Length         |
    ///  |         Identification        |Flags|      Fragment Offset    |
    ///  |  Time to Live |    Protocol   |         Header Checksum       |
    ///  |                       Source Address                          |
    ///  |                    Destination Address                        |
    ///  |          Source Port          |       Destination Port        |  (UDP, RFC 768)
    ///  |            Length             |           Checksum            |
    /// </code>
    /// Inbound: version 4, a header checksum that verifies, no fragments (ESP over NAT-T sends
    /// whole datagrams within the MRU; fragments are counted and dropped), protocol 17, our address,
    /// a UDP checksum that verifies when present, a port we bound. Outbound: DF set, TTL 64, both
    /// checksums. Failures are counted, never thrown; nothing is allocated per packet.
    /// </summary>
    public sealed class UdpOverPpp : IPppIpReceiver
    {
        /// <summary>IPv4 header without options.</summary>
        public const int Ipv4HeaderLength = 20;

        /// <summary>UDP header.</summary>
        public const int UdpHeaderLength = 8;

        private const int OffsetTotalLength = 2;
        private const int OffsetId = 4;
        private const int OffsetFlags = 6;
        private const int OffsetTtl = 8;
        private const int OffsetProtocol = 9;
        private const int OffsetChecksum = 10;
        private const int OffsetSource = 12;
        private const int OffsetDestination = 16;
        private const byte ProtocolUdp = 17;

        private readonly PppLink _link;
        private readonly byte[] _tx = new byte[PppLink.DefaultMru];
        private readonly PppDatagramTransport[] _transports = new PppDatagramTransport[4];
        private int _transportCount;
        private ushort _id;

        /// <summary>IP over <paramref name="link"/>; it registers itself as the link's receiver.</summary>
        public UdpOverPpp(PppLink link)
        {
            _link = link;
            link.Receiver = this;
        }

        /// <summary>Datagrams delivered to a port.</summary>
        public long Delivered { get; private set; }

        /// <summary>Packets dropped: not IPv4, bad header, bad header checksum, truncated.</summary>
        public long BadHeader { get; private set; }

        /// <summary>Fragments (dropped).</summary>
        public long Fragments { get; private set; }

        /// <summary>Packets for another address or protocol.</summary>
        public long NotForUs { get; private set; }

        /// <summary>UDP datagrams with a wrong checksum.</summary>
        public long BadUdpChecksum { get; private set; }

        /// <summary>UDP datagrams for a port nobody bound.</summary>
        public long NoPort { get; private set; }

        /// <summary>A transport for UDP port <paramref name="port"/> with <paramref name="slots"/> receive slots.</summary>
        public PppDatagramTransport Bind(int port, int slots)
        {
            var transport = new PppDatagramTransport(this, port, slots, PppLink.DefaultMru - Ipv4HeaderLength - UdpHeaderLength);
            _transports[_transportCount++] = transport;
            return transport;
        }

        /// <inheritdoc/>
        [FastPath]
        public void ReceiveIpv4(byte[] packet, int offset, int count)
        {
            if (count < Ipv4HeaderLength || (packet[offset] >> 4) != 4)
            {
                BadHeader++;
                return;
            }

            int headerLength = (packet[offset] & 0x0F) * 4;
            int total = BigEndian.ReadUInt16(packet, offset + OffsetTotalLength);
            if (headerLength < Ipv4HeaderLength || total < headerLength || total > count
                || InternetChecksum.Finish(InternetChecksum.Add(0, packet, offset, headerLength)) != 0)
            {
                BadHeader++;
                return;
            }

            // MF set or a non-zero fragment offset.
            if ((BigEndian.ReadUInt16(packet, offset + OffsetFlags) & 0x3FFF) != 0)
            {
                Fragments++;
                return;
            }

            uint source = BigEndian.ReadUInt32(packet, offset + OffsetSource);
            uint destination = BigEndian.ReadUInt32(packet, offset + OffsetDestination);
            if (packet[offset + OffsetProtocol] != ProtocolUdp || destination != _link.LocalAddress)
            {
                NotForUs++;
                return;
            }

            int udp = offset + headerLength;
            int udpLength = total - headerLength;
            if (udpLength < UdpHeaderLength || BigEndian.ReadUInt16(packet, udp + 4) != udpLength)
            {
                BadHeader++;
                return;
            }

            if (BigEndian.ReadUInt16(packet, udp + 6) != 0
                && UdpChecksum(packet, udp, udpLength, source, destination) != 0)
            {
                BadUdpChecksum++;
                return;
            }

            int port = BigEndian.ReadUInt16(packet, udp + 2);
            for (int i = 0; i < _transportCount; i++)
            {
                if (_transports[i].LocalPort == port)
                {
                    Delivered++;
                    _transports[i].Enqueue(packet, udp + UdpHeaderLength, udpLength - UdpHeaderLength, source, BigEndian.ReadUInt16(packet, udp));
                    return;
                }
            }

            NoPort++;
        }

        [FastPath]
        internal bool Send(int fromPort, byte[] payload, int offset, int count, uint to, int toPort)
        {
            uint from = _link.LocalAddress;
            int total = Ipv4HeaderLength + UdpHeaderLength + count;
            if (from == 0 || total > _tx.Length)
            {
                return false;
            }

            _tx[0] = 0x45;
            _tx[1] = 0;
            BigEndian.WriteUInt16(_tx, OffsetTotalLength, (ushort)total);
            BigEndian.WriteUInt16(_tx, OffsetId, ++_id);
            BigEndian.WriteUInt16(_tx, OffsetFlags, 0x4000);
            _tx[OffsetTtl] = 64;
            _tx[OffsetProtocol] = ProtocolUdp;
            BigEndian.WriteUInt16(_tx, OffsetChecksum, 0);
            BigEndian.WriteUInt32(_tx, OffsetSource, from);
            BigEndian.WriteUInt32(_tx, OffsetDestination, to);
            BigEndian.WriteUInt16(_tx, OffsetChecksum, InternetChecksum.Finish(InternetChecksum.Add(0, _tx, 0, Ipv4HeaderLength)));

            int udp = Ipv4HeaderLength;
            BigEndian.WriteUInt16(_tx, udp, (ushort)fromPort);
            BigEndian.WriteUInt16(_tx, udp + 2, (ushort)toPort);
            BigEndian.WriteUInt16(_tx, udp + 4, (ushort)(UdpHeaderLength + count));
            BigEndian.WriteUInt16(_tx, udp + 6, 0);
            for (int i = 0; i < count; i++)
            {
                _tx[udp + UdpHeaderLength + i] = payload[offset + i];
            }

            ushort checksum = UdpChecksum(_tx, udp, UdpHeaderLength + count, from, to);
            BigEndian.WriteUInt16(_tx, udp + 6, checksum == 0 ? (ushort)0xFFFF : checksum);
            return _link.SendIpv4(_tx, 0, total);
        }

        /// <summary>UDP checksum over the pseudo-header and the datagram (RFC 768); 0 when a received one verifies.</summary>
        [FastPath]
        private static ushort UdpChecksum(byte[] buffer, int udp, int length, uint source, uint destination)
        {
            uint sum = (source >> 16) + (source & 0xFFFF) + (destination >> 16) + (destination & 0xFFFF) + ProtocolUdp + (uint)length;
            return InternetChecksum.Finish(InternetChecksum.Add(sum, buffer, udp, length));
        }
    }
}
