using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>Whole-message parsing: the payload chain, its errors (RFC 2408 §5.2), reuse, and "nothing consumed on failure".</summary>
public class IsakmpMessageTests
{
    private static byte[] Copy(string exchange, string name) => (byte[])Captures.Get(exchange, name).Message.Clone();

    [Fact]
    public void MM3_chain_matches_tshark()
    {
        byte[] b = Copy("main-mode", "03-mm3");
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(b, 0, b.Length));
        int[] types = Enumerable.Range(0, m.PayloadCount).Select(m.PayloadTypeAt).ToArray();
        Assert.Equal([PayloadType.KeyExchange, PayloadType.Nonce, PayloadType.NatD, PayloadType.NatD], types);
        Assert.Equal(2, m.Count(PayloadType.NatD));
        Assert.Equal(2, m.Find(PayloadType.NatD, 0));
        Assert.Equal(3, m.Find(PayloadType.NatD, 3));
        Assert.Equal(-1, m.Find(PayloadType.Hash, 0));
        Assert.Equal(28, m.PayloadOffsetAt(0));
        Assert.Equal(260, m.PayloadLengthAt(0));
        Assert.Equal(0xa7e7f74a51ab4336UL, m.InitiatorCookie);
        Assert.Equal(0xdd51686f2e01662dUL, m.ResponderCookie);
    }

    [Fact]
    public void Unknown_payload_type_is_INVALID_PAYLOAD_TYPE()
    {
        byte[] b = Copy("main-mode", "03-mm3");
        b[28] = 99; // KE's next payload
        var m = new IsakmpMessage();
        Assert.False(m.TryParse(b, 0, b.Length));
        Assert.Equal(NotifyType.InvalidPayloadType, m.Error.Notify);
        Assert.Equal("invalid payload type: 99 after KE", m.Error.Reason);
        Assert.Equal(28 + 260, m.Error.Position);

        b = Copy("main-mode", "03-mm3");
        b[16] = PayloadType.Transform; // a transform at top level
        Assert.False(m.TryParse(b, 0, b.Length));
        Assert.Equal(NotifyType.InvalidPayloadType, m.Error.Notify);
    }

    [Fact]
    public void Payload_length_past_the_end_is_PAYLOAD_MALFORMED()
    {
        byte[] b = Copy("main-mode", "03-mm3");
        int last = 28 + 260 + 36 + 36;
        b[last + 3] = 37; // last NAT-D claims one byte more than there is
        var m = new IsakmpMessage();
        Assert.False(m.TryParse(b, 0, b.Length));
        Assert.Equal(NotifyType.PayloadMalformed, m.Error.Notify);
        Assert.Equal("malformed payload: NAT-D length 37 past end of message (36 bytes left)", m.Error.Reason);

        b[last + 3] = 3;
        Assert.False(m.TryParse(b, 0, b.Length));
        Assert.Equal("malformed payload: NAT-D length 3 shorter than minimum 5", m.Error.Reason);
    }

    [Fact]
    public void Bytes_after_the_last_payload_are_refused_unless_padding()
    {
        byte[] mm3 = Copy("main-mode", "03-mm3");
        byte[] b = new byte[mm3.Length + 4];
        mm3.CopyTo(b, 0);
        b[27] += 4; // header length covers 4 extra bytes
        var m = new IsakmpMessage();
        Assert.False(m.TryParse(b, 0, b.Length));
        Assert.Equal("malformed message: 4 bytes after the last payload", m.Error.Reason);
        Assert.Equal(NotifyType.PayloadMalformed, m.Error.Notify);
    }

    [Fact]
    public void More_payloads_than_the_capacity_are_refused()
    {
        byte[] mm1 = Copy("main-mode", "01-mm1");
        byte[] b = new byte[4096];
        var mb = new MessageBuilder();
        mb.Begin(b, 0, b.Length, false, mm1, 0, new byte[8], 0, ExchangeType.IdentityProtection, 0, 0);
        for (int i = 0; i <= IsakmpMessage.MaxPayloads; i++)
        {
            Assert.True(mb.Append(PayloadType.VendorId, OpaquePayload.Write(b, mb.Position, mb.Room, mm1, 0, 16)));
        }

        int n = mb.Finish();
        var m = new IsakmpMessage();
        Assert.False(m.TryParse(b, 0, n));
        Assert.Equal("malformed message: more than 32 payloads", m.Error.Reason);
    }

    [Fact]
    public void Failure_consumes_nothing_and_the_message_is_reusable()
    {
        var m = new IsakmpMessage();
        byte[] good = Copy("main-mode", "01-mm1");
        Assert.True(m.TryParse(good, 0, good.Length));
        byte[] bad = Copy("main-mode", "03-mm3");
        bad[28] = 99;
        byte[] before = (byte[])bad.Clone();
        Assert.False(m.TryParse(bad, 0, bad.Length));
        Assert.Equal(before, bad);
        Assert.Equal(0, m.PayloadCount);
        Assert.False(m.IsHeaderValid);
        Assert.Equal(0, m.Length);
        Assert.Equal(0UL, m.InitiatorCookie);
        Assert.True(m.TryParse(good, 0, good.Length));
        Assert.Equal(6, m.PayloadCount);
        Assert.Equal(WireError.None, m.Error.Code);
    }

    [Fact]
    public void Encrypted_body_is_parsed_after_decryption_with_padding()
    {
        Capture qm1 = Captures.Get("main-mode", "07-qm1");
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(qm1.Message, 0, qm1.Message.Length));
        Assert.True(m.NeedsDecryption);
        Assert.Equal(28, m.BodyOffset);
        Assert.Equal(160, m.BodyLength);
        Assert.True(m.TryParseDecrypted(qm1.Plaintext!, 0, qm1.Plaintext!.Length));
        Assert.True(m.WasDecrypted);
        Assert.False(m.NeedsDecryption);
        int[] types = Enumerable.Range(0, m.PayloadCount).Select(m.PayloadTypeAt).ToArray();
        Assert.Equal([PayloadType.Hash, PayloadType.SecurityAssociation, PayloadType.Nonce, PayloadType.Identification, PayloadType.Identification], types);
        Assert.Equal(156, m.PayloadEnd); // tshark: 4 bytes of "Extra data" (padding) after the chain
        Assert.False(m.TryParseDecrypted(qm1.Plaintext, 0, qm1.Plaintext.Length)); // only once per header
    }

    [Fact]
    public void Decrypted_garbage_fails_and_forgets_the_header()
    {
        Capture qm1 = Captures.Get("main-mode", "07-qm1");
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(qm1.Message, 0, qm1.Message.Length));
        byte[] wrong = (byte[])qm1.Plaintext!.Clone();
        wrong[2] = 0xFF; // HASH length 0xFF24: what a wrong key typically produces
        Assert.False(m.TryParseDecrypted(wrong, 0, wrong.Length));
        Assert.Equal(NotifyType.PayloadMalformed, m.Error.Notify);
        Assert.False(m.IsHeaderValid);
    }

    [Fact]
    public void Error_codes_map_to_notify_types()
    {
        Assert.Equal(NotifyType.InvalidPayloadType, WireError.NotifyFor(WireError.UnknownPayloadType));
        Assert.Equal(NotifyType.PayloadMalformed, WireError.NotifyFor(WireError.PayloadPastEnd));
        Assert.Equal(NotifyType.InvalidExchangeType, WireError.NotifyFor(WireError.BadExchangeType));
        Assert.Equal(NotifyType.InvalidFlags, WireError.NotifyFor(WireError.BadFlags));
        Assert.Equal(NotifyType.InvalidMajorVersion, WireError.NotifyFor(WireError.BadMajorVersion));
        Assert.Equal(NotifyType.InvalidCookie, WireError.NotifyFor(WireError.ZeroInitiatorCookie));
        Assert.Equal(NotifyType.BadProposalSyntax, WireError.NotifyFor(WireError.TransformCountMismatch));
        Assert.Equal(NotifyType.InvalidIdInformation, WireError.NotifyFor(WireError.IdDataLength));
        Assert.Equal("PAYLOAD-MALFORMED", NotifyType.Name(16));
        Assert.Equal("INVALID-PAYLOAD-TYPE", NotifyType.Name(1));
    }
}
