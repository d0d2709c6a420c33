using NanoGate.Hal;

namespace NanoGate.Esp
{
    /// <summary>
    /// One preallocated packet buffer (wireguard-go's pooled element). The packet lives at
    /// <see cref="Offset"/> .. <see cref="Offset"/> + <see cref="Length"/>; the room before it
    /// (headroom) takes the outer IPv4 + UDP + ESP header + IV on the way out, the room after it
    /// (tailroom) the padding, pad length, next header and ICV, so ESP is built and taken apart
    /// in place without copying.
    /// <code>
    ///  0         Headroom                                   Headroom+Mtu          Buffer.Length
    ///  |IPv4|UDP|ESP|IV| inner IPv4 packet (up to Mtu) ... |pad|pl|nh|ICV| spare |
    /// </code>
    /// A slot belongs to exactly one side at a time; it changes sides only through a <see cref="SlotRing"/>.
    /// </summary>
    public sealed class PacketSlot
    {
        /// <summary>Outer IPv4 (20) + UDP (8) + ESP header (8) + IV (16): the most we ever prepend.</summary>
        public const int Headroom = EspLayout.Ipv4HeaderLength + EspLayout.UdpHeaderLength
            + EspLayout.EspHeaderLength + EspLayout.MaxIvLength;

        /// <summary>
        /// Where the I/O side puts a received ESP datagram (the UDP payload): after room for the
        /// outer headers, so that the longest ESP packet for an MTU-sized inner packet still fits.
        /// </summary>
        public const int ReceiveOffset = EspLayout.Ipv4HeaderLength + EspLayout.UdpHeaderLength;

        /// <summary>Padding (up to 15) + pad length + next header + ICV (up to 32), rounded up.</summary>
        public const int Tailroom = 64;

        /// <summary>The whole buffer: headroom + MTU + tailroom.</summary>
        public readonly byte[] Buffer;

        /// <summary>Largest inner packet this slot was sized for.</summary>
        public readonly int Mtu;

        /// <summary>Start of the current packet.</summary>
        public int Offset;

        /// <summary>Length of the current packet.</summary>
        public int Length;

        /// <summary>
        /// After encapsulation: start of the ESP packet (SPI) inside the outer packet, i.e. the
        /// UDP payload a socket-based transport sends.
        /// </summary>
        public int EspOffset;

        /// <summary>After encapsulation: length of the ESP packet (from SPI to ICV).</summary>
        public int EspLength;

        /// <summary>Peer address: destination on the way out, source on the way in (host order, see NanoGate.Hal.Ipv4).</summary>
        public uint RemoteAddress;

        /// <summary>Peer UDP port: destination on the way out (4500 or the NAT's), source on the way in; 0 for plain ESP.</summary>
        public int RemotePort;

        /// <summary>After encapsulation: true when the packet is UDP-encapsulated ESP (RFC 3948), false for plain ESP (IP protocol 50).</summary>
        public bool UdpEncapsulated;

        /// <summary>Outcome of the last processing step (<see cref="DropReason.None"/> = go on).</summary>
        public DropReason Verdict;

        /// <summary>A slot for inner packets up to <paramref name="mtu"/> bytes.</summary>
        public PacketSlot(int mtu)
        {
            Mtu = mtu;
            Buffer = new byte[Headroom + mtu + Tailroom];
            Offset = Headroom;
        }

        /// <summary>Prepares the slot to receive an inner (LAN) packet of <paramref name="length"/> bytes at <see cref="Headroom"/>.</summary>
        [FastPath]
        public void ResetForInner(int length)
        {
            Offset = Headroom;
            Length = length;
            EspOffset = 0;
            EspLength = 0;
            RemoteAddress = 0;
            RemotePort = 0;
            UdpEncapsulated = false;
            Verdict = DropReason.None;
        }
    }
}
