using NanoGate.Hal;

namespace NanoGate.Boards.Sim;

/// <summary>Builds and reads IPv4 ICMP echo packets (RFC 791, RFC 792) for the simulated hosts.</summary>
public static class IcmpEcho
{
    public const int EchoReply = 0;
    public const int EchoRequest = 8;
    private const int IpHeaderLength = 20;

    public static byte[] Build(uint source, uint destination, int type, ushort id, ushort sequence, int payloadLength, ushort ipId = 0)
    {
        int total = IpHeaderLength + 8 + payloadLength;
        byte[] p = new byte[total];
        p[0] = 0x45;                                   // version 4, IHL 5
        BigEndian.WriteUInt16(p, 2, (ushort)total);
        BigEndian.WriteUInt16(p, 4, ipId);
        p[8] = 64;                                     // TTL
        p[9] = 1;                                      // ICMP
        Ipv4.Write(p, 12, source);
        Ipv4.Write(p, 16, destination);
        BigEndian.WriteUInt16(p, 10, Checksum(p, 0, IpHeaderLength));
        p[20] = (byte)type;
        BigEndian.WriteUInt16(p, 24, id);
        BigEndian.WriteUInt16(p, 26, sequence);
        for (int i = 0; i < payloadLength; i++)
        {
            p[28 + i] = (byte)(i + sequence);
        }

        BigEndian.WriteUInt16(p, 22, Checksum(p, 20, total - 20));
        return p;
    }

    /// <summary>Reads an echo packet; false for anything else or a bad checksum.</summary>
    public static bool TryRead(byte[] p, int count, out uint source, out uint destination, out int type, out ushort id, out ushort sequence)
    {
        source = destination = 0;
        type = -1;
        id = sequence = 0;
        if (count < 28 || p[0] != 0x45 || p[9] != 1 || BigEndian.ReadUInt16(p, 2) != count
            || Checksum(p, 0, IpHeaderLength) != 0 || Checksum(p, 20, count - 20) != 0)
        {
            return false;
        }

        source = Ipv4.Read(p, 12);
        destination = Ipv4.Read(p, 16);
        type = p[20];
        id = BigEndian.ReadUInt16(p, 24);
        sequence = BigEndian.ReadUInt16(p, 26);
        return type is EchoReply or EchoRequest;
    }

    /// <summary>The Internet checksum (RFC 1071); 0 when computed over a range that includes a correct checksum.</summary>
    public static ushort Checksum(byte[] b, int offset, int count)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < count; i += 2)
        {
            sum += BigEndian.ReadUInt16(b, offset + i);
        }

        if ((count & 1) != 0)
        {
            sum += (uint)b[offset + count - 1] << 8;
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
