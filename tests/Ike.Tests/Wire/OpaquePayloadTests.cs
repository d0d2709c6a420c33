using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>
/// KE (RFC 2408 §3.7), HASH (§3.11), NONCE (§3.13), Vendor ID (§3.16) and NAT-D (RFC 3947 §3.2)
/// against the captures; expected values from tshark-decode.txt.
/// </summary>
public class OpaquePayloadTests
{
    [Fact]
    public void Key_exchange_of_MM3()
    {
        CapturedPayload ke = CapturedPayload.Find("main-mode", "03-mm3", PayloadType.KeyExchange);
        Assert.Equal(260, ke.Length); // MODP 2048: 256 bytes of g^x
        Assert.Equal(256, OpaquePayload.GetDataLength(ke.Buffer, ke.Offset));
        Assert.Equal("9c5b1666945e3f549a594c48ceeceaf175cc6a5d6effd007e66c821715f2a8c0",
            Convert.ToHexString(ke.Buffer, OpaquePayload.GetDataOffset(ke.Offset), 32).ToLowerInvariant());
        RoundTrip(ke, (b, o, c, e) => OpaquePayload.Check(b, o, c, PayloadType.KeyExchange, e), (b, o, r, d) => OpaquePayload.Write(b, o, r, d, 4, d.Length - 4));
    }

    [Fact]
    public void Nonce_of_MM3()
    {
        CapturedPayload n = CapturedPayload.Find("main-mode", "03-mm3", PayloadType.Nonce);
        Assert.Equal("08c274e3a1022af2d9106ca606f41127bcf14532e784c05a6644ed89ac54a959",
            Convert.ToHexString(n.Buffer, NoncePayload.GetDataOffset(n.Offset), NoncePayload.GetDataLength(n.Buffer, n.Offset)).ToLowerInvariant());
        RoundTrip(n, NoncePayload.Check, (b, o, r, d) => NoncePayload.Write(b, o, r, d, 4, d.Length - 4));
    }

    [Theory]
    [InlineData(7, false)]
    [InlineData(8, true)]
    [InlineData(256, true)]
    [InlineData(257, false)]
    public void Nonce_length_8_to_256_RFC_2409_section_5(int length, bool ok)
    {
        byte[] b = new byte[4 + length];
        Assert.Equal(ok ? b.Length : -1, NoncePayload.Write(b, 0, b.Length, new byte[length], 0, length));
        GenericPayload.WriteHeader(b, 0, b.Length, b.Length);
        var e = new WireError();
        Assert.Equal(ok ? b.Length : -1, NoncePayload.Check(b, 0, b.Length, e));
        if (!ok)
        {
            Assert.Equal(NotifyType.PayloadMalformed, e.Notify);
            Assert.Equal("malformed payload: nonce of " + length + " bytes (RFC 2409 allows 8..256)", e.Reason);
        }
    }

    [Fact]
    public void Hash_of_QM1()
    {
        CapturedPayload h = CapturedPayload.Find("main-mode", "07-qm1", PayloadType.Hash);
        Assert.Equal("d8ed444f8f6d28a3e126810295cfaa8ced45a9861e0fe6f929df5996b115c871",
            Convert.ToHexString(h.Buffer, OpaquePayload.GetDataOffset(h.Offset), OpaquePayload.GetDataLength(h.Buffer, h.Offset)).ToLowerInvariant());
        RoundTrip(h, (b, o, c, e) => OpaquePayload.Check(b, o, c, PayloadType.Hash, e), (b, o, r, d) => OpaquePayload.Write(b, o, r, d, 4, d.Length - 4));
    }

    [Fact]
    public void Vendor_IDs_of_MM1()
    {
        // tshark: XAUTH, RFC 3706 DPD, Cisco Fragmentation (+4 flag bytes), RFC 3947, draft-02\n
        string[] expected = ["09002689dfd6b712", "afcad71368a1f1c96b8696fc77570100", "4048b7d56ebce88525e7de7f00d6c2d380000000",
            "4a131c81070358455c5728f20e95452f", "90cb80913ebb696e086381b5ec427b1f"];
        for (int i = 0; i < expected.Length; i++)
        {
            CapturedPayload v = CapturedPayload.Find("main-mode", "01-mm1", PayloadType.VendorId, i);
            Assert.Equal(expected[i], Convert.ToHexString(v.Buffer, OpaquePayload.GetDataOffset(v.Offset), OpaquePayload.GetDataLength(v.Buffer, v.Offset)).ToLowerInvariant());
            RoundTrip(v, (b, o, c, e) => OpaquePayload.Check(b, o, c, PayloadType.VendorId, e), (b, o, r, d) => OpaquePayload.Write(b, o, r, d, 4, d.Length - 4));
        }
    }

    [Fact]
    public void NAT_D_of_MM3()
    {
        string[] expected = ["bcf65993ee747210c1f7f69304c5f7124450008829971e787b15498164d2706a", "26e43a18c7cf6aca3244f64e4d8dbf3c3defe8368592fbef4e259295b4bc3378"];
        for (int i = 0; i < 2; i++)
        {
            CapturedPayload d = CapturedPayload.Find("main-mode", "03-mm3", PayloadType.NatD, i);
            Assert.Equal(expected[i], Convert.ToHexString(d.Buffer, OpaquePayload.GetDataOffset(d.Offset), OpaquePayload.GetDataLength(d.Buffer, d.Offset)).ToLowerInvariant());
            RoundTrip(d, (b, o, c, e) => OpaquePayload.Check(b, o, c, PayloadType.NatD, e), (b, o, r, x) => OpaquePayload.Write(b, o, r, x, 4, x.Length - 4));
        }
    }

    [Fact]
    public void Signature_payload_layout_RFC_2408_section_3_12()
    {
        // No signature in a PSK capture: a hand-made payload with the §3.12 layout.
        byte[] sig = [0, 0, 0, 9, 1, 2, 3, 4, 5];
        Assert.Equal(5, OpaquePayload.GetDataLength(sig, 0));
        CapturedPayload.AssertCheckLength(sig, (b, o, c, e) => OpaquePayload.Check(b, o, c, PayloadType.Signature, e));
        CapturedPayload.AssertEmitLength(sig, (b, o, r) => OpaquePayload.Write(b, o, r, sig, 4, 5));
    }

    /// <summary>Check-length and emit-length contracts for a captured payload and its builder.</summary>
    internal static void RoundTrip(CapturedPayload payload, Func<byte[], int, int, WireError, int> check, Func<byte[], int, int, byte[], int> write)
    {
        byte[] bytes = payload.Bytes;
        CapturedPayload.AssertCheckLength(bytes, check);
        CapturedPayload.AssertEmitLength(bytes, (b, o, r) => write(b, o, r, bytes));
    }
}
