using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>Message rules per exchange and direction (RFC 2409 §5) against every captured message and against violations.</summary>
public class MessageRulesTests
{
    public static IEnumerable<object[]> Kinds() =>
    [
        ["main-mode", "01-mm1", MessageKind.MainMode1], ["main-mode", "02-mm2", MessageKind.MainMode2],
        ["main-mode", "03-mm3", MessageKind.MainMode3], ["main-mode", "04-mm4", MessageKind.MainMode4],
        ["main-mode", "05-mm5", MessageKind.MainMode5], ["main-mode", "06-mm6", MessageKind.MainMode6],
        ["main-mode", "07-qm1", MessageKind.Quick1], ["main-mode", "08-qm2", MessageKind.Quick2], ["main-mode", "09-qm3", MessageKind.Quick3],
        ["aggressive-mode", "01-am1", MessageKind.Aggressive1], ["aggressive-mode", "02-am2", MessageKind.Aggressive2],
        ["aggressive-mode", "03-am3", MessageKind.Aggressive3],
        ["aggressive-mode", "04-qm1", MessageKind.Quick1], ["aggressive-mode", "05-qm2", MessageKind.Quick2], ["aggressive-mode", "06-qm3", MessageKind.Quick3],
        ["aggressive-mode", "07-info-dpd-1", MessageKind.Informational], ["aggressive-mode", "08-info-dpd-2", MessageKind.Informational],
        ["aggressive-mode", "09-info-delete-esp", MessageKind.Informational], ["aggressive-mode", "10-info-delete-isakmp", MessageKind.Informational],
        ["fragments", "01-mm1-frag1", MessageKind.MainMode1], ["fragments", "02-mm1-frag2", MessageKind.MainMode1],
        ["fragments", "03-mm3-frag1", MessageKind.MainMode3], ["fragments", "04-mm3-frag2", MessageKind.MainMode3],
        ["fragments", "05-mm3-frag3", MessageKind.MainMode3], ["fragments", "06-qm1-frag1", MessageKind.AnyMainModePlain],
        ["fragments", "07-qm1-frag2", MessageKind.AnyMainModePlain],
    ];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Captured_message_passes_its_rules_and_the_dispatcher_check(string exchange, string name, int kind)
    {
        IsakmpMessage m = Parse(Captures.Get(exchange, name));
        var rules = new MessageRules();
        Assert.True(rules.Check(m, kind), rules.Error.Reason);
        Assert.True(rules.CheckExchange(m), rules.Error.Reason);
    }

    [Fact]
    public void Every_capture_has_a_kind()
    {
        Assert.Equal(Captures.All.Count, Kinds().Count());
    }

    [Fact]
    public void Wrong_message_for_the_state()
    {
        var rules = new MessageRules();
        IsakmpMessage mm3 = Parse(Captures.Get("main-mode", "03-mm3"));
        Assert.False(rules.Check(mm3, MessageKind.MainMode1));
        Assert.Equal(NotifyType.InvalidPayloadType, rules.Error.Notify);
        Assert.Equal("invalid payload type: KE not allowed in main mode 1", rules.Error.Reason);

        Assert.False(rules.Check(mm3, MessageKind.MainMode5));
        Assert.Equal(NotifyType.InvalidFlags, rules.Error.Notify);
        Assert.Equal("invalid flags: main mode 5 must be encrypted", rules.Error.Reason);

        Assert.False(rules.Check(mm3, MessageKind.Quick1));
        Assert.Equal(NotifyType.InvalidExchangeType, rules.Error.Notify);
    }

    [Fact]
    public void Missing_and_repeated_payloads()
    {
        var rules = new MessageRules();
        byte[] mm1 = Captures.Get("main-mode", "01-mm1").Message;

        // MM1 of vendor IDs only: no SA.
        byte[] b = new byte[512];
        var mb = new MessageBuilder();
        mb.Begin(b, 0, b.Length, false, mm1, 0, new byte[8], 0, ExchangeType.IdentityProtection, 0, 0);
        mb.Append(PayloadType.VendorId, OpaquePayload.Write(b, mb.Position, mb.Room, mm1, 0, 16));
        IsakmpMessage m = ParseBytes(b[..mb.Finish()]);
        Assert.False(rules.Check(m, MessageKind.MainMode1));
        Assert.Equal(NotifyType.PayloadMalformed, rules.Error.Notify);
        Assert.Equal("malformed message: main mode 1 without SA payload", rules.Error.Reason);

        // Two SA payloads.
        byte[] sa = CapturedPayload.Find("main-mode", "01-mm1", PayloadType.SecurityAssociation).Bytes;
        mb.Begin(b, 0, b.Length, false, mm1, 0, new byte[8], 0, ExchangeType.IdentityProtection, 0, 0);
        mb.Append(PayloadType.SecurityAssociation, Copy(sa, b, mb.Position));
        mb.Append(PayloadType.SecurityAssociation, Copy(sa, b, mb.Position));
        m = ParseBytes(b[..mb.Finish()]);
        Assert.False(rules.Check(m, MessageKind.MainMode1));
        Assert.Equal("malformed message: 2 SA payloads, at most 1 allowed", rules.Error.Reason);

        // SA not first (RFC 2409 §5).
        mb.Begin(b, 0, b.Length, false, mm1, 0, new byte[8], 0, ExchangeType.IdentityProtection, 0, 0);
        mb.Append(PayloadType.VendorId, OpaquePayload.Write(b, mb.Position, mb.Room, mm1, 0, 16));
        mb.Append(PayloadType.SecurityAssociation, Copy(sa, b, mb.Position));
        m = ParseBytes(b[..mb.Finish()]);
        Assert.False(rules.Check(m, MessageKind.MainMode1));
        Assert.Equal("malformed message: main mode 1 must start with SA", rules.Error.Reason);
    }

    [Fact]
    public void Quick_mode_must_be_encrypted_and_have_a_message_ID()
    {
        var rules = new MessageRules();
        Capture qm1 = Captures.Get("main-mode", "07-qm1");
        byte[] clear = [.. qm1.Message[..28], .. qm1.Plaintext![..156]];
        clear[19] = 0;
        clear[27] = (byte)clear.Length;
        clear[26] = (byte)(clear.Length >> 8);
        IsakmpMessage m = ParseBytes(clear);
        Assert.False(rules.CheckExchange(m));
        Assert.Equal(NotifyType.InvalidFlags, rules.Error.Notify);

        byte[] zero = (byte[])qm1.Message.Clone();
        zero[20] = zero[21] = zero[22] = zero[23] = 0;
        m = new IsakmpMessage();
        Assert.True(m.TryParse(zero, 0, zero.Length));
        Assert.True(m.TryParseDecrypted(qm1.Plaintext, 0, qm1.Plaintext.Length));
        Assert.False(rules.CheckExchange(m));
        Assert.Equal(NotifyType.InvalidMessageId, rules.Error.Notify);
    }

    [Fact]
    public void Encrypted_message_must_be_decrypted_first_and_unsupported_exchanges_are_refused()
    {
        var rules = new MessageRules();
        Capture qm1 = Captures.Get("main-mode", "07-qm1");
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(qm1.Message, 0, qm1.Message.Length));
        Assert.False(rules.CheckExchange(m));
        Assert.Equal(WireError.RuleNotDecrypted, rules.Error.Code);

        byte[] b = (byte[])Captures.Get("main-mode", "01-mm1").Message.Clone();
        b[18] = ExchangeType.Base;
        m = ParseBytes(b);
        Assert.False(rules.CheckExchange(m));
        Assert.Equal(NotifyType.InvalidExchangeType, rules.Error.Notify);
        Assert.Equal("invalid exchange type: Base not supported", rules.Error.Reason);
    }

    private static int Copy(byte[] payload, byte[] b, int at)
    {
        payload.CopyTo(b, at);
        return payload.Length;
    }

    private static IsakmpMessage ParseBytes(byte[] b)
    {
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(b, 0, b.Length), m.Error.Reason);
        return m;
    }

    private static IsakmpMessage Parse(Capture c)
    {
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(c.Message, 0, c.Message.Length), m.Error.Reason);
        if (m.NeedsDecryption)
        {
            Assert.True(m.TryParseDecrypted(c.Plaintext!, 0, c.Plaintext!.Length), m.Error.Reason);
        }

        return m;
    }
}
