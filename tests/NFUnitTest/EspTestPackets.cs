using NanoGate.Esp;
using NanoGate.Hal;

namespace NFUnitTest
{
    /// <summary>
    /// Packets for the ESP round trips, shared by these device tests and tests/Esp.Tests (which
    /// links this file), so both sides of the port test the same packets.
    /// </summary>
    public static class EspTestPackets
    {
        /// <summary>Writes an IPv4/UDP packet of <paramref name="length"/> bytes into the slot, as the LAN port would deliver it.</summary>
        public static void WriteInner(PacketSlot slot, int length, uint source, uint destination, byte fill)
        {
            slot.ResetForInner(length);
            byte[] b = slot.Buffer;
            int o = slot.Offset;
            b[o] = 0x45;
            b[o + 1] = 0;
            BigEndian.WriteUInt16(b, o + 2, (ushort)length);
            BigEndian.WriteUInt32(b, o + 4, 0x12340000);
            b[o + 8] = 64;
            b[o + 9] = 17;
            BigEndian.WriteUInt16(b, o + 10, 0);
            Ipv4.Write(b, o + 12, source);
            Ipv4.Write(b, o + 16, destination);
            BigEndian.WriteUInt16(b, o + 10, EspLayout.Checksum(b, o, 20));
            for (int i = 20; i < length; i++)
            {
                b[o + i] = (byte)(i + fill);
            }
        }

        /// <summary>
        /// Turns an encapsulated slot into what the receiving side's UDP socket delivers: the ESP
        /// packet, and as its source the outer IPv4 source and UDP source port.
        /// </summary>
        public static void ToReceived(PacketSlot slot)
        {
            slot.RemoteAddress = Ipv4.Read(slot.Buffer, slot.Offset + 12);
            slot.RemotePort = slot.UdpEncapsulated ? BigEndian.ReadUInt16(slot.Buffer, slot.EspOffset - 8) : 0;
            slot.Offset = slot.EspOffset;
            slot.Length = slot.EspLength;
        }
    }
}
