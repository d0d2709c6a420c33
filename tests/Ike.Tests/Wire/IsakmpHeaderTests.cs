using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>ISAKMP header (RFC 2408 §3.1) against main mode message 1 and 5 of the capture; values from tshark-decode.txt.</summary>
public class IsakmpHeaderTests
{
    private static byte[] Mm1 => (byte[])Captures.Get("main-mode", "01-mm1").Message.Clone();

    [Fact]
    public void Deconstruct()
    {
        byte[] b = Mm1;
        var e = new WireError();
        Assert.True(IsakmpHeader.Check(b, 0, b.Length, e));
        Assert.Equal(0xa7e7f74a51ab4336UL, IsakmpHeader.GetInitiatorCookie(b, 0));
        Assert.Equal(0UL, IsakmpHeader.GetResponderCookie(b, 0));
        Assert.Equal(PayloadType.SecurityAssociation, IsakmpHeader.GetNextPayload(b, 0));
        Assert.Equal(1, IsakmpHeader.GetMajorVersion(b, 0));
        Assert.Equal(0, IsakmpHeader.GetMinorVersion(b, 0));
        Assert.Equal(ExchangeType.IdentityProtection, IsakmpHeader.GetExchangeType(b, 0));
        Assert.Equal(0, IsakmpHeader.GetFlags(b, 0));
        Assert.Equal(0u, IsakmpHeader.GetMessageId(b, 0));
        Assert.Equal(180u, IsakmpHeader.GetLength(b, 0));

        byte[] qm1 = Captures.Get("main-mode", "07-qm1").Message;
        Assert.Equal(0xdd51686f2e01662dUL, IsakmpHeader.GetResponderCookie(qm1, 0));
        Assert.Equal(ExchangeType.QuickMode, IsakmpHeader.GetExchangeType(qm1, 0));
        Assert.Equal(IsakmpHeader.FlagEncryption, IsakmpHeader.GetFlags(qm1, 0));
        Assert.Equal(0xb668f178u, IsakmpHeader.GetMessageId(qm1, 0));
    }

    [Fact]
    public void Construct_and_emit_length()
    {
        byte[] expected = Captures.Get("main-mode", "07-qm1").Message[..28];
        byte[] src = Captures.Get("main-mode", "07-qm1").Message;
        CapturedPayload.AssertEmitLength(expected, (b, o, room) => IsakmpHeader.Write(b, o, room, src, 0, src, 8,
            PayloadType.Hash, ExchangeType.QuickMode, IsakmpHeader.FlagEncryption, 0xb668f178u, 188));
    }

    [Fact]
    public void Check_length_rejects_short_and_unequal()
    {
        byte[] b = Mm1;
        var e = new WireError();
        for (int count = 0; count < 28; count++)
        {
            Assert.False(IsakmpHeader.Check(b, 0, count, e));
            Assert.Equal(WireError.MessageTooShort, e.Code);
            Assert.Equal(NotifyType.PayloadMalformed, e.Notify);
        }

        Assert.False(IsakmpHeader.Check(b, 0, b.Length - 1, e));
        Assert.Equal(NotifyType.UnequalPayloadLengths, e.Notify);
        Assert.Equal("unequal payload lengths: header length 180 but datagram of 179 bytes", e.Reason);
    }

    [Theory]
    [InlineData(17, 0x20, NotifyType.InvalidMajorVersion)]
    [InlineData(17, 0x11, NotifyType.InvalidMinorVersion)]
    [InlineData(18, 34, NotifyType.InvalidExchangeType)]
    [InlineData(18, 0, NotifyType.InvalidExchangeType)]
    [InlineData(19, 0x08, NotifyType.InvalidFlags)]
    [InlineData(19, 0x80, NotifyType.InvalidFlags)]
    public void Header_errors_map_to_RFC_2408_notifies(int index, int value, int notify)
    {
        byte[] b = Mm1;
        b[index] = (byte)value;
        var m = new IsakmpMessage();
        Assert.False(m.TryParse(b, 0, b.Length));
        Assert.Equal(notify, m.Error.Notify);
        Assert.False(m.IsHeaderValid);
        Assert.Equal(0, m.PayloadCount);
    }

    [Fact]
    public void Zero_initiator_cookie_is_INVALID_COOKIE()
    {
        byte[] b = Mm1;
        Array.Clear(b, 0, 8);
        var m = new IsakmpMessage();
        Assert.False(m.TryParse(b, 0, b.Length));
        Assert.Equal(NotifyType.InvalidCookie, m.Error.Notify);
    }

    [Fact]
    public void Builder_leaves_room_for_the_non_ESP_marker()
    {
        byte[] mm1 = Mm1;
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(mm1, 0, mm1.Length));
        byte[] b = new byte[400];
        Array.Fill(b, (byte)0x77);
        var mb = new MessageBuilder();
        mb.Begin(b, 0, b.Length, true, mm1, 0, new byte[8], 0, ExchangeType.IdentityProtection, 0, 0);
        for (int i = 0; i < m.PayloadCount; i++)
        {
            int n = Reemitter.EmitPayload(m.PayloadTypeAt(i), mm1, m.PayloadOffsetAt(i), b, mb.Position, mb.Room);
            Assert.True(mb.Append(m.PayloadTypeAt(i), n));
        }

        int total = mb.Finish();
        Assert.Equal(mm1.Length + 4, total);
        Assert.Equal(new byte[4], b[..4]);
        Assert.Equal(mm1, b[4..total]);
    }

    [Fact]
    public void Builder_fails_cleanly_when_the_buffer_is_too_small()
    {
        byte[] mm1 = Mm1;
        var mb = new MessageBuilder();
        byte[] b = new byte[40];
        mb.Begin(b, 0, b.Length, false, mm1, 0, new byte[8], 0, ExchangeType.IdentityProtection, 0, 0);
        int n = OpaquePayload.Write(b, mb.Position, mb.Room, new byte[16], 0, 16);
        Assert.Equal(-1, n);
        Assert.False(mb.Append(PayloadType.VendorId, n));
        Assert.Equal(-1, mb.Finish());
    }
}
