using NanoGate.Hal;

namespace NanoGate.Hal.Tests;

public class BigEndianTests
{
    [Fact]
    public void Reads_and_writes_network_order_at_an_offset()
    {
        byte[] b = new byte[11];
        BigEndian.WriteUInt16(b, 1, 0x1234);
        BigEndian.WriteUInt32(b, 3, 0xC0A86402);
        Assert.Equal(new byte[] { 0, 0x12, 0x34, 0xC0, 0xA8, 0x64, 0x02, 0, 0, 0, 0 }, b);
        Assert.Equal(0x1234, BigEndian.ReadUInt16(b, 1));
        Assert.Equal(0xC0A86402u, BigEndian.ReadUInt32(b, 3));

        byte[] c = new byte[9];
        BigEndian.WriteUInt64(c, 1, 0x0102030405060708UL);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 }, c);
        Assert.Equal(0x0102030405060708UL, BigEndian.ReadUInt64(c, 1));
    }

    [Theory]
    [InlineData("203.0.113.2", 0xCB007102u)]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("255.255.255.255", 0xFFFFFFFFu)]
    public void Ipv4_text_round_trips(string text, uint value)
    {
        Assert.True(Ipv4.TryParse(text, out uint parsed));
        Assert.Equal(value, parsed);
        Assert.Equal(text, Ipv4.Format(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2.3.256")]
    [InlineData("1..3.4")]
    [InlineData("a.b.c.d")]
    [InlineData(null)]
    public void Ipv4_rejects_malformed_text(string? text)
    {
        Assert.False(Ipv4.TryParse(text!, out _));
    }

    [Fact]
    public void Deterministic_random_repeats_and_says_it_is_unsafe()
    {
        var a = new DeterministicRandom(42);
        var b = new DeterministicRandom(42);
        var c = new DeterministicRandom(43);
        byte[] x = new byte[37], y = new byte[37], z = new byte[37];
        a.Fill(x, 0, 37);
        b.Fill(y, 0, 37);
        c.Fill(z, 0, 37);
        Assert.Equal(x, y);
        Assert.NotEqual(x, z);
        Assert.False(a.IsCryptographicallySecure);
        Assert.Contains("not safe", DeterministicRandom.Warning, StringComparison.Ordinal);
    }
}
