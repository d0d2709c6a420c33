using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>The ISAKMP header (RFC 2408 §3.1) at the edges of each rule <see cref="IsakmpHeader.Check"/> applies.</summary>
public class IsakmpHeaderLimitTests
{
    private static byte[] Header(int flags = 0, int version = 0x10, uint length = 28)
    {
        byte[] b = new byte[28];
        b[7] = 1;                        // a non-zero initiator cookie (last byte only)
        b[16] = PayloadType.None;
        b[17] = (byte)version;
        b[18] = (byte)ExchangeType.IdentityProtection;
        b[19] = (byte)flags;
        b[24] = (byte)(length >> 24);
        b[25] = (byte)(length >> 16);
        b[26] = (byte)(length >> 8);
        b[27] = (byte)length;
        return b;
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x01)]   // E
    [InlineData(0x02)]   // C
    [InlineData(0x04)]   // A
    [InlineData(0x07)]   // all three: RFC 2408 §3.1 defines them, nothing else
    public void Defined_flags_are_accepted(int flags)
    {
        Assert.True(IsakmpHeader.Check(Header(flags), 0, 28, new WireError()));
    }

    [Theory]
    [InlineData(0x08)]
    [InlineData(0x10)]
    [InlineData(0x40)]
    public void Undefined_flags_are_INVALID_FLAGS(int flags)
    {
        var e = new WireError();
        Assert.False(IsakmpHeader.Check(Header(flags), 0, 28, e));
        Assert.Equal(WireError.BadFlags, e.Code);
    }

    [Theory]
    [InlineData(0x10, WireError.None, 0)]
    [InlineData(0x00, WireError.BadMajorVersion, 0)]
    [InlineData(0x20, WireError.BadMajorVersion, 2)]   // the error names the version received
    [InlineData(0x11, WireError.BadMinorVersion, 1)]
    [InlineData(0x1F, WireError.BadMinorVersion, 15)]
    public void Version_must_be_one_point_zero(int version, int code, int reported)
    {
        var e = new WireError();
        Assert.Equal(code == WireError.None, IsakmpHeader.Check(Header(version: version), 0, 28, e));
        Assert.Equal(code, e.Code);
        Assert.Equal(reported, e.Value);
    }

    [Fact]
    public void A_cookie_is_zero_only_when_all_eight_bytes_are()
    {
        byte[] b = new byte[17];
        b[8] = 1;                                         // the byte after the cookie does not count
        Assert.True(IsakmpHeader.IsZeroCookie(b, 0));
        for (int i = 0; i < 8; i++)
        {
            byte[] c = new byte[8];
            c[i] = 0x80;
            Assert.False(IsakmpHeader.IsZeroCookie(c, 0));
        }

        // Two equal non-zero bytes: not zero (their XOR would be).
        Assert.False(IsakmpHeader.IsZeroCookie([0x5A, 0, 0, 0x5A, 0, 0, 0, 0], 0));
    }

    [Fact]
    public void A_length_above_int_max_is_reported_not_thrown()
    {
        var e = new WireError();
        Assert.False(IsakmpHeader.Check(Header(length: 0x80000000u), 0, 28, e));
        Assert.Equal(WireError.LengthMismatch, e.Code);
        Assert.Equal(-1, e.Value);
        Assert.Equal(28, e.Limit);

        Assert.False(IsakmpHeader.Check(Header(length: 0x7FFFFFFFu), 0, 28, e));
        Assert.Equal(0x7FFFFFFF, e.Value);
    }

    [Fact]
    public void Write_needs_room_for_the_whole_header()
    {
        byte[] cookie = [1, 2, 3, 4, 5, 6, 7, 8];
        byte[] b = new byte[29];
        Assert.Equal(-1, IsakmpHeader.Write(b, 1, 27, cookie, 0, cookie, 0, 1, 2, 1, 5, 28));
        Assert.All(b, x => Assert.Equal(0, x));
        Assert.Equal(28, IsakmpHeader.Write(b, 1, 28, cookie, 0, cookie, 0, 1, 2, 1, 5, 28));
        Assert.True(IsakmpHeader.Check(b, 1, 28, new WireError()));
        Assert.Equal(0x10, b[1 + 17]);
    }
}
