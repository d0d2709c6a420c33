using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>Identification payload (RFC 2408 §3.8, RFC 2407 §4.6.2) against MM5 (FQDN) and QM1 (IPV4_ADDR_SUBNET).</summary>
public class IdPayloadTests
{
    [Fact]
    public void FQDN_of_MM5()
    {
        CapturedPayload id = CapturedPayload.Find("main-mode", "05-mm5", PayloadType.Identification);
        byte[] p = id.Buffer;
        Assert.Equal(24, id.Length);
        Assert.Equal(IdType.Fqdn, IdPayload.GetIdType(p, id.Offset));
        Assert.Equal(0, IdPayload.GetProtocol(p, id.Offset));
        Assert.Equal(0, IdPayload.GetPort(p, id.Offset));
        Assert.Equal("gwA.harness.test", System.Text.Encoding.ASCII.GetString(p, IdPayload.GetDataOffset(id.Offset), IdPayload.GetDataLength(p, id.Offset)));
        byte[] fqdn = System.Text.Encoding.ASCII.GetBytes("gwA.harness.test");
        CapturedPayload.AssertCheckLength(id.Bytes, IdPayload.Check);
        CapturedPayload.AssertEmitLength(id.Bytes, (b, o, r) => IdPayload.Write(b, o, r, IdType.Fqdn, 0, 0, fqdn, 0, fqdn.Length));
    }

    [Fact]
    public void Subnets_of_QM1()
    {
        CapturedPayload idi = CapturedPayload.Find("main-mode", "07-qm1", PayloadType.Identification, 0);
        CapturedPayload idr = CapturedPayload.Find("main-mode", "07-qm1", PayloadType.Identification, 1);
        Assert.Equal(IdType.Ipv4AddrSubnet, IdPayload.GetIdType(idi.Buffer, idi.Offset));
        Assert.Equal(0x0A010000u, IdPayload.GetIpv4(idi.Buffer, idi.Offset));       // 10.1.0.0
        Assert.Equal(0xFFFFFF00u, IdPayload.GetIpv4Second(idi.Buffer, idi.Offset)); // 255.255.255.0
        Assert.Equal(0x0A020000u, IdPayload.GetIpv4(idr.Buffer, idr.Offset));       // 10.2.0.0
        CapturedPayload.AssertCheckLength(idi.Bytes, IdPayload.Check);
        CapturedPayload.AssertEmitLength(idi.Bytes, (b, o, r) => IdPayload.WriteIpv4(b, o, r, IdType.Ipv4AddrSubnet, 0, 0, 0x0A010000u, 0xFFFFFF00u));
    }

    [Theory]
    [InlineData(IdType.Ipv4Addr, 4)]
    [InlineData(IdType.Ipv4AddrSubnet, 8)]
    [InlineData(IdType.Ipv4AddrRange, 8)]
    [InlineData(IdType.Ipv6Addr, 16)]
    public void Fixed_size_ID_types_need_their_exact_size(int type, int size)
    {
        var e = new WireError();
        foreach (int length in new[] { size - 1, size, size + 1 })
        {
            byte[] b = new byte[8 + length];
            Assert.Equal(b.Length, IdPayload.Write(b, 0, b.Length, type, 17, 500, new byte[length], 0, length));
            int n = IdPayload.Check(b, 0, b.Length, e);
            if (length == size)
            {
                Assert.Equal(b.Length, n);
                Assert.Equal(17, IdPayload.GetProtocol(b, 0));
                Assert.Equal(500, IdPayload.GetPort(b, 0));
            }
            else
            {
                Assert.Equal(-1, n);
                Assert.Equal(NotifyType.InvalidIdInformation, e.Notify);
                Assert.Equal("invalid ID: type " + IdType.Name(type) + " with " + length + " bytes of data", e.Reason);
            }
        }
    }

    [Fact]
    public void Range_user_fqdn_and_key_id()
    {
        byte[] b = new byte[64];
        var e = new WireError();
        int n = IdPayload.WriteIpv4(b, 0, b.Length, IdType.Ipv4AddrRange, 6, 80, 0xC0A80001, 0xC0A800FE);
        Assert.Equal(16, n);
        Assert.Equal(16, IdPayload.Check(b, 0, n, e));
        Assert.Equal(0xC0A800FEu, IdPayload.GetIpv4Second(b, 0));
        n = IdPayload.WriteIpv4(b, 0, b.Length, IdType.Ipv4Addr, 0, 0, 0xC0A80001, 0);
        Assert.Equal(12, n);
        Assert.Equal(12, IdPayload.Check(b, 0, n, e));

        foreach (int type in new[] { IdType.UserFqdn, IdType.KeyId, IdType.Fqdn })
        {
            n = IdPayload.Write(b, 0, b.Length, type, 0, 0, [0x61], 0, 1);
            Assert.Equal(9, IdPayload.Check(b, 0, n, e));
            n = IdPayload.Write(b, 0, b.Length, type, 0, 0, [], 0, 0);
            Assert.Equal(-1, IdPayload.Check(b, 0, n, e));
        }

        n = IdPayload.Write(b, 0, b.Length, 99, 0, 0, [1], 0, 1);
        Assert.Equal(-1, IdPayload.Check(b, 0, n, e));
        Assert.Equal(WireError.IdTypeUnknown, e.Code);
        Assert.Equal(NotifyType.InvalidIdInformation, e.Notify);
    }

    [Fact]
    public void IPv4_accessors_read_nothing_of_a_short_FQDN()
    {
        // Fuzzer find (data/fuzz-regressions/aa1a755eb1aebfb0.bin): FQDN ID with 2 data bytes at the end of the buffer.
        byte[] b = [0, 0, 0, 10, IdType.Fqdn, 0, 0, 0, 0xFF, 0xFF];
        var e = new WireError();
        Assert.Equal(10, IdPayload.Check(b, 0, b.Length, e));
        Assert.Equal(0u, IdPayload.GetIpv4(b, 0));
        Assert.Equal(0u, IdPayload.GetIpv4Second(b, 0));
        byte[] single = [0, 0, 0, 12, IdType.Ipv4Addr, 0, 0, 0, 10, 1, 0, 1];
        Assert.Equal(0x0A010001u, IdPayload.GetIpv4(single, 0));
        Assert.Equal(0u, IdPayload.GetIpv4Second(single, 0));
    }
}
