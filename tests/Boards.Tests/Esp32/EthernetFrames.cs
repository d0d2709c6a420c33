using NanoGate.Hal;

namespace NanoGate.Boards.Tests.Esp32;

/// <summary>Frames a LAN host puts on the wire, built by hand from the RFCs for the tests.</summary>
internal static class EthernetFrames
{
    // RFC 826 packet: ar$hrd 1, ar$pro 0x0800, ar$hln 6, ar$pln 4, ar$op, sha, spa, tha, tpa.
    public static byte[] Arp(int op, byte[] senderMac, uint senderIp, byte[] targetMac, uint targetIp, byte[] destination)
    {
        byte[] f = new byte[60];
        destination.CopyTo(f, 0);
        senderMac.CopyTo(f, 6);
        f[12] = 0x08; f[13] = 0x06;
        BigEndian.WriteUInt16(f, 14, 1);
        BigEndian.WriteUInt16(f, 16, 0x0800);
        f[18] = 6; f[19] = 4;
        BigEndian.WriteUInt16(f, 20, (ushort)op);
        senderMac.CopyTo(f, 22);
        Ipv4.Write(f, 28, senderIp);
        targetMac.CopyTo(f, 32);
        Ipv4.Write(f, 38, targetIp);
        return f;
    }
}
