using NanoGate.Hal;
using NanoGate.Nat;

namespace NanoGate.Nat.Tests;

/// <summary>Port-4500 demultiplexing (RFC 3948 §2.2, §2.3) and the keepalive schedule.</summary>
public class Port4500Tests
{
    [Theory]
    [InlineData("ff", Port4500Kind.Keepalive)]                       // RFC 3948 §2.3: one 0xFF byte
    [InlineData("fe", Port4500Kind.Invalid)]
    [InlineData("", Port4500Kind.Invalid)]
    [InlineData("ffff", Port4500Kind.Invalid)]
    [InlineData("000000", Port4500Kind.Invalid)]
    [InlineData("00000000", Port4500Kind.Ike)]                      // RFC 3948 §2.2: non-ESP marker
    [InlineData("00000000 0102030405060708 0000000000000000 21100800", Port4500Kind.Ike)]
    [InlineData("00001234 00000001", Port4500Kind.Esp)]              // SPI, sequence number
    [InlineData("00001234 000000", Port4500Kind.Invalid)]            // too short for ESP
    [InlineData("ff000000 00000001 aabb", Port4500Kind.Esp)]
    public void Classifies_datagrams(string hex, Port4500Kind expected)
    {
        byte[] data = Hex.Parse(hex);
        byte[] buffer = new byte[data.Length + 6];
        Array.Copy(data, 0, buffer, 3, data.Length);
        Assert.Equal(expected, Port4500Demux.Classify(buffer, 3, data.Length));
    }

    [Theory]
    [InlineData("ff", Port4500Kind.Keepalive)]
    [InlineData("00000000", Port4500Kind.Ike)]
    [InlineData("00001234 00000001", Port4500Kind.Esp)]
    public void Classifies_a_datagram_that_fills_its_buffer_from_offset_zero(string hex, Port4500Kind expected)
    {
        // The datagram's last byte is the buffer's last byte: offset + count == length is in range.
        byte[] data = Hex.Parse(hex);
        Assert.Equal(expected, Port4500Demux.Classify(data, 0, data.Length));
    }

    [Fact]
    public void Bad_ranges_are_invalid_not_exceptions()
    {
        byte[] b = new byte[8];
        Assert.Equal(Port4500Kind.Invalid, Port4500Demux.Classify(null!, 0, 8));
        Assert.Equal(Port4500Kind.Invalid, Port4500Demux.Classify(b, 4, 8));
        Assert.Equal(Port4500Kind.Invalid, Port4500Demux.Classify(b, -1, 4));
        Assert.Equal(Port4500Kind.Invalid, Port4500Demux.Classify(b, 0, 9));
        Assert.Equal(Port4500Kind.Invalid, Port4500Demux.Classify(b, 0, -1));
    }

    [Fact]
    public void Writes_keepalive_and_marker()
    {
        byte[] b = new byte[6];
        Assert.Equal(1, Port4500Demux.WriteKeepalive(b, 1));
        Assert.Equal(0xFF, b[1]);
        b.AsSpan().Fill(0x55);
        Assert.Equal(4, Port4500Demux.WriteNonEspMarker(b, 2));
        Assert.Equal(Hex.Parse("5555 00000000"), b);
    }

    [Fact]
    public void Keepalive_is_due_after_an_idle_interval_only_when_enabled()
    {
        var k = new KeepaliveSchedule();
        Assert.Equal(20000, k.IntervalMs);
        Assert.False(k.IsDue(1_000_000));
        Assert.Equal(long.MaxValue, k.NextDueMs);

        k.Enable(1000);
        Assert.False(k.IsDue(20999));
        Assert.True(k.IsDue(21000));
        Assert.Equal(21000, k.NextDueMs);

        // Other traffic to the peer postpones it.
        k.NoteSent(15000);
        Assert.False(k.IsDue(21000));
        Assert.True(k.IsDue(35000));

        k.NoteSent(35000);
        Assert.Equal(55000, k.NextDueMs);
        k.Disable();
        Assert.False(k.IsDue(100000));
    }
}
