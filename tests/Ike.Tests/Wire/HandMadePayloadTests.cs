using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>
/// Payloads a PSK tunnel between strongSwans never sends (CERT, CERTREQ, NAT-OA, fragment):
/// hand-made bytes following the RFC box diagrams, field by field.
/// </summary>
public class HandMadePayloadTests
{
    [Fact]
    public void Certificate_RFC_2408_section_3_9()
    {
        // Next 0, reserved, length 9, encoding 4 (X.509 Certificate - Signature), 4 bytes of DER.
        byte[] cert = [0, 0, 0, 9, 4, 0x30, 0x82, 0x01, 0x0a];
        var e = new WireError();
        Assert.Equal(9, CertPayload.Check(cert, 0, 9, PayloadType.Certificate, e));
        Assert.Equal(CertPayload.EncodingX509Signature, CertPayload.GetEncoding(cert, 0));
        Assert.Equal(4, CertPayload.GetDataLength(cert, 0));
        CapturedPayload.AssertCheckLength(cert, (b, o, c, err) => CertPayload.Check(b, o, c, PayloadType.Certificate, err));
        CapturedPayload.AssertEmitLength(cert, (b, o, r) => CertPayload.Write(b, o, r, 4, cert, 5, 4));
    }

    [Fact]
    public void Certificate_request_with_empty_authority_RFC_2408_section_3_10()
    {
        byte[] cr = [0, 0, 0, 5, 4];
        Assert.Equal(4, CertReqPayload.GetCertType(cr, 0));
        Assert.Equal(0, CertReqPayload.GetAuthorityLength(cr, 0));
        CapturedPayload.AssertCheckLength(cr, CertReqPayload.Check);
        CapturedPayload.AssertEmitLength(cr, (b, o, r) => CertReqPayload.Write(b, o, r, 4, [], 0, 0));
    }

    [Fact]
    public void NAT_OA_IPv4_RFC_3947_section_5_2()
    {
        // Next 0, reserved, length 12, ID type 1 (ID_IPV4_ADDR), 3 reserved bytes, 192.168.100.2.
        byte[] oa = [0, 0, 0, 12, 1, 0, 0, 0, 192, 168, 100, 2];
        Assert.Equal(IdType.Ipv4Addr, NatOaPayload.GetIdType(oa, 0));
        Assert.Equal(0xC0A86402u, NatOaPayload.GetIpv4(oa, 0));
        CapturedPayload.AssertCheckLength(oa, (b, o, c, e) => NatOaPayload.Check(b, o, c, PayloadType.NatOa, e));
        CapturedPayload.AssertEmitLength(oa, (b, o, r) => NatOaPayload.WriteIpv4(b, o, r, 0xC0A86402u));

        byte[] fqdn = [0, 0, 0, 12, 2, 0, 0, 0, 1, 2, 3, 4];
        var err = new WireError();
        Assert.Equal(-1, NatOaPayload.Check(fqdn, 0, 12, PayloadType.NatOaDraft, err));
        Assert.Equal(NotifyType.InvalidIdInformation, err.Notify);
    }

    [Fact]
    public void Fragment_strongSwan_fragment_payload()
    {
        // Next 0, reserved, length 11, fragment ID 1, number 2, flags LAST, 3 data bytes.
        byte[] frag = [0, 0, 0, 11, 0, 1, 2, 1, 0xaa, 0xbb, 0xcc];
        Assert.Equal(1, FragmentPayload.GetFragmentId(frag, 0));
        Assert.Equal(2, FragmentPayload.GetNumber(frag, 0));
        Assert.True(FragmentPayload.IsLast(frag, 0));
        Assert.Equal(3, FragmentPayload.GetDataLength(frag, 0));
        CapturedPayload.AssertCheckLength(frag, FragmentPayload.Check);
        CapturedPayload.AssertEmitLength(frag, (b, o, r) => FragmentPayload.Write(b, o, r, 1, 2, FragmentPayload.FlagLast, frag, 8, 3));

        frag[6] = 0;
        var e = new WireError();
        Assert.Equal(-1, FragmentPayload.Check(frag, 0, frag.Length, e));
        Assert.Equal("malformed payload: fragment number 0", e.Reason);
    }

    [Fact]
    public void Fragment_message_parses_as_a_whole()
    {
        // A fragment message: header (next payload 132, never encrypted) + one fragment carrying MM1's first 40 bytes.
        byte[] mm1 = Captures.Get("main-mode", "01-mm1").Message;
        byte[] b = new byte[200];
        var mb = new MessageBuilder();
        mb.Begin(b, 0, b.Length, false, mm1, 0, new byte[8], 0, ExchangeType.IdentityProtection, 0, 0);
        Assert.True(mb.Append(PayloadType.Fragment, FragmentPayload.Write(b, mb.Position, mb.Room, 7, 1, 0, mm1, 0, 40)));
        int n = mb.Finish();
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(b, 0, n), m.Error.Reason);
        Assert.Equal(1, m.PayloadCount);
        Assert.Equal(PayloadType.Fragment, m.PayloadTypeAt(0));
        Assert.Equal(40, FragmentPayload.GetDataLength(b, m.PayloadOffsetAt(0)));
    }
}
