using NanoGate.Hal;
using NanoGate.Nat;

namespace NanoGate.Esp.Tests;

/// <summary>
/// Peer input never throws and every bad packet is a counted drop: random datagrams, truncations
/// of a valid packet at every length, and random corruption of valid packets, fed through the
/// port-4500 demultiplexer and the inbound path as the firmware will.
/// </summary>
public class EspHostileInputTests
{
    public static TheoryData<string, int> Cases() => EspRoundTripTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Random_truncated_and_corrupted_packets_are_counted_drops(string provider, int suiteIndex)
    {
        EspSuite suite = EspSuite.All[suiteIndex];
        var pair = new EspPair(EspPair.Provider(provider), suite);
        var random = new Random(suiteIndex * 31 + provider.Length);
        var slot = new PacketSlot(1500);
        long fed = 0;

        // One valid packet to cut and corrupt.
        EspPair.WriteInner(slot, 200);
        Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 0));
        byte[] valid = slot.Buffer.AsSpan(slot.EspOffset, slot.EspLength).ToArray();

        // Every truncation (the full length is the valid packet itself; keep it unseen).
        for (int length = 0; length < valid.Length; length++)
        {
            fed += Feed(pair, slot, valid, length);
        }

        // Random bytes, some with the right SPI in front so they reach the SA.
        var junk = new byte[1500];
        for (int i = 0; i < 3000; i++)
        {
            int length = random.Next(0, junk.Length);
            random.NextBytes(junk);
            if ((i & 1) == 0 && length >= 4)
            {
                BigEndian.WriteUInt32(junk, 0, pair.In.Spi);
            }

            fed += Feed(pair, slot, junk, length);
        }

        // Valid packets with a few random bytes changed (SPI kept).
        for (int i = 0; i < 2000; i++)
        {
            var copy = (byte[])valid.Clone();
            int changes = 1 + random.Next(3);
            for (int c = 0; c < changes; c++)
            {
                int at = 4 + random.Next(copy.Length - 4);
                copy[at] ^= (byte)(1 + random.Next(255));
            }

            if (copy.AsSpan().SequenceEqual(valid))
            {
                continue; // two changes cancelled out
            }

            fed += Feed(pair, slot, copy, copy.Length);
        }

        Assert.Equal(fed, pair.B.Drops.Total);
        Assert.Equal(0, pair.In.Packets);
        Assert.Equal(0UL, pair.In.ReplayWindow.Top);

        // And the valid packet still goes through afterwards.
        Assert.Equal(0, Feed(pair, slot, valid, valid.Length, mustDrop: false));
        Assert.Equal(1, pair.In.Packets);
    }

    /// <summary>Feeds one datagram; returns 1 when it was dropped (by the demux or the inbound path).</summary>
    private static int Feed(EspPair pair, PacketSlot slot, byte[] data, int length, bool mustDrop = true)
    {
        const int at = 30;
        Array.Copy(data, 0, slot.Buffer, at, length);
        Port4500Kind kind = Port4500Demux.Classify(slot.Buffer, at, length);
        if (kind != Port4500Kind.Esp)
        {
            pair.B.CountDrop(DropReason.NotEsp);
            return 1;
        }

        slot.Offset = at;
        slot.Length = length;
        DropReason r = pair.B.Decapsulate(slot, 0);
        Assert.Equal(r, slot.Verdict);
        Assert.True(r != DropReason.None || !mustDrop, "accepted " + length + ": " + Hex.Format(data, 0, length));
        return r == DropReason.None ? 0 : 1;
    }

    [Fact]
    public void Slot_ranges_outside_the_buffer_are_drops()
    {
        var pair = new EspPair(EspPair.Provider("dotnet"), EspSuite.All[1]);
        var slot = new PacketSlot(100);
        slot.Offset = slot.Buffer.Length - 4;
        slot.Length = 100;
        Assert.Equal(DropReason.Truncated, pair.B.Decapsulate(slot, 0));
        slot.Offset = -1;
        Assert.Equal(DropReason.Truncated, pair.B.Decapsulate(slot, 0));
        slot.Offset = 10;
        slot.Length = slot.Buffer.Length;
        Assert.Equal(DropReason.BadInnerPacket, pair.A.Encapsulate(slot, 0));
    }
}
