using NanoGate.Hal;

namespace NanoGate.Esp.Tests;

/// <summary>Every algorithm set, every provider (.NET, portable, native): A encrypts, B decrypts, in place in one slot.</summary>
public class EspRoundTripTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string provider in new[] { "dotnet", "portable", "native" })
        {
            for (int i = 0; i < EspSuite.All.Length; i++)
            {
                data.Add(provider, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Packets_of_every_size_survive_the_round_trip(string provider, int suiteIndex)
    {
        EspSuite suite = EspSuite.All[suiteIndex];
        var pair = new EspPair(EspPair.Provider(provider), suite);
        var slot = new PacketSlot(1500);
        var expected = new byte[1500];
        foreach (int length in new[] { 20, 21, 22, 23, 24, 40, 64, 100, 511, 512, 1399, 1400, 1500 })
        {
            EspPair.WriteInner(slot, length, fill: (byte)length);
            Array.Copy(slot.Buffer, slot.Offset, expected, 0, length);

            Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 0));
            int ivLength = suite.Cipher == Hal.Crypto.CipherAlgorithm.AesGcm ? 8 : suite.Cipher == Hal.Crypto.CipherAlgorithm.TripleDesCbc ? 8 : 16;
            int align = suite.Cipher == Hal.Crypto.CipherAlgorithm.AesGcm ? 4 : ivLength;
            int encLength = slot.EspLength - 8 - ivLength - suite.IcvLength;
            Assert.Equal(0, encLength % align);
            Assert.InRange(encLength - length - 2, 0, align - 1);
            Assert.Equal(pair.Out.Spi, BigEndian.ReadUInt32(slot.Buffer, slot.EspOffset));
            Assert.Equal((uint)pair.Out.LastSequence, BigEndian.ReadUInt32(slot.Buffer, slot.EspOffset + 4));

            EspPair.ToReceived(slot);
            Assert.Equal(DropReason.None, pair.B.Decapsulate(slot, 0));
            Assert.Equal(length, slot.Length);
            Assert.Equal(Hex.Format(expected, 0, length), Hex.Format(slot.Buffer, slot.Offset, length));
        }

        Assert.Equal(13, pair.Out.Packets);
        Assert.Equal(13, pair.In.Packets);
        Assert.Equal(0, pair.A.Drops.Total + pair.B.Drops.Total);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_flipped_bit_anywhere_is_a_bad_icv_and_the_window_does_not_move(string provider, int suiteIndex)
    {
        EspSuite suite = EspSuite.All[suiteIndex];
        var pair = new EspPair(EspPair.Provider(provider), suite);
        var slot = new PacketSlot(1500);
        EspPair.WriteInner(slot, 100);
        Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 0));
        EspPair.ToReceived(slot);
        byte[] original = slot.Buffer.AsSpan(slot.Offset, slot.Length).ToArray();
        for (int i = 4; i < original.Length; i += 7)
        {
            Array.Copy(original, 0, slot.Buffer, slot.Offset, original.Length);
            slot.Buffer[slot.Offset + i] ^= 0x10;
            int offset = slot.Offset;
            int length = slot.Length;
            DropReason r = pair.B.Decapsulate(slot, 0);
            Assert.True(r is DropReason.BadIcv or DropReason.ReplayTooOld, $"byte {i}: {r}");
            Assert.Equal(0UL, pair.In.ReplayWindow.Top);
            slot.Offset = offset;
            slot.Length = length;
        }

        Array.Copy(original, 0, slot.Buffer, slot.Offset, original.Length);
        Assert.Equal(DropReason.None, pair.B.Decapsulate(slot, 0));
        Assert.True(pair.In.Drops.Get(DropReason.BadIcv) > 0);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_mtu_sized_packet_received_at_ReceiveOffset_fits_the_slot(string provider, int suiteIndex)
    {
        EspSuite suite = EspSuite.All[suiteIndex];
        var pair = new EspPair(EspPair.Provider(provider), suite);
        var sent = new PacketSlot(1400);
        EspPair.WriteInner(sent, 1400);
        Assert.Equal(DropReason.None, pair.A.Encapsulate(sent, 0));

        // What the receiving gateway's socket hands over, in a slot of its own.
        var received = new PacketSlot(1400);
        Array.Copy(sent.Buffer, sent.EspOffset, received.Buffer, PacketSlot.ReceiveOffset, sent.EspLength);
        received.Offset = PacketSlot.ReceiveOffset;
        received.Length = sent.EspLength;
        Assert.Equal(DropReason.None, pair.B.Decapsulate(received, 0));
        Assert.Equal(1400, received.Length);
    }

    [Fact]
    public void Plain_esp_gets_an_ip_protocol_50_outer_header()
    {
        var pair = new EspPair(EspPair.Provider("dotnet"), EspSuite.All[1], udp: false);
        var slot = new PacketSlot(1500);
        EspPair.WriteInner(slot, 64);
        Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 0));
        Assert.False(slot.UdpEncapsulated);
        Assert.Equal(slot.Offset + 20, slot.EspOffset);
        Assert.Equal(50, slot.Buffer[slot.Offset + 9]);
        Assert.Equal(0, slot.RemotePort);
        EspPair.ToReceived(slot);
        Assert.Equal(DropReason.None, pair.B.Decapsulate(slot, 0));
    }
}

/// <summary>Outbound IVs never repeat within an SA (CBC: CbcIvGenerator; GCM: the sequence number).</summary>
public class EspIvTests
{
    [Theory]
    [InlineData("dotnet", 1)]
    [InlineData("portable", 1)]
    [InlineData("dotnet", 6)]
    [InlineData("dotnet", 7)]
    public void Ivs_of_300_packets_are_distinct(string provider, int suiteIndex)
    {
        EspSuite suite = EspSuite.All[suiteIndex];
        var pair = new EspPair(EspPair.Provider(provider), suite);
        var slot = new PacketSlot(1500);
        int ivLength = suite.Cipher == Hal.Crypto.CipherAlgorithm.AesCbc ? 16 : 8;
        var seen = new HashSet<string>();
        for (int i = 0; i < 300; i++)
        {
            EspPair.WriteInner(slot, 40);
            Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 0));
            Assert.True(seen.Add(Hex.Format(slot.Buffer, slot.EspOffset + 8, ivLength)), "IV repeated at packet " + i);
        }
    }
}
