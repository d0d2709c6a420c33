using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>
/// Notification (RFC 2408 §3.14; DPD RFC 3706 §5) and Delete (§3.15) against the informational
/// messages of the aggressive-mode capture; values from tshark-decode.txt.
/// </summary>
public class NotifyDeletePayloadTests
{
    private static readonly byte[] s_spi = Convert.FromHexString("88088d7f858c7cc15dae9109ccfb9c7c");

    [Fact]
    public void DPD_R_U_THERE()
    {
        CapturedPayload n = CapturedPayload.Find("aggressive-mode", "07-info-dpd-1", PayloadType.Notification);
        byte[] p = n.Buffer;
        Assert.Equal(32, n.Length);
        Assert.Equal(1u, NotifyPayload.GetDoi(p, n.Offset));
        Assert.Equal(ProtocolId.Isakmp, NotifyPayload.GetProtocolId(p, n.Offset));
        Assert.Equal(16, NotifyPayload.GetSpiSize(p, n.Offset));
        Assert.Equal(NotifyType.DpdRUThere, NotifyPayload.GetNotifyType(p, n.Offset));
        Assert.Equal(s_spi, p[NotifyPayload.GetSpiOffset(n.Offset)..(NotifyPayload.GetSpiOffset(n.Offset) + 16)]);
        Assert.Equal(4, NotifyPayload.GetDataLength(p, n.Offset));
        Assert.Equal(776324091u, NanoGate.Hal.BigEndian.ReadUInt32(p, NotifyPayload.GetDataOffset(p, n.Offset)));
        byte[] seq = [0x2e, 0x45, 0xc3, 0xfb];
        CapturedPayload.AssertCheckLength(n.Bytes, NotifyPayload.Check);
        CapturedPayload.AssertEmitLength(n.Bytes, (b, o, r) => NotifyPayload.Write(b, o, r, 1, ProtocolId.Isakmp, NotifyType.DpdRUThere, s_spi, 0, 16, seq, 0, 4));
    }

    [Fact]
    public void DPD_ACK()
    {
        CapturedPayload n = CapturedPayload.Find("aggressive-mode", "08-info-dpd-2", PayloadType.Notification);
        Assert.Equal(NotifyType.DpdRUThereAck, NotifyPayload.GetNotifyType(n.Buffer, n.Offset));
        CapturedPayload.AssertCheckLength(n.Bytes, NotifyPayload.Check);
    }

    [Fact]
    public void Notify_SPI_past_end_is_malformed()
    {
        byte[] b = new byte[12];
        Assert.Equal(12, NotifyPayload.Write(b, 0, 12, 1, 1, NotifyType.InitialContact, [], 0, 0, [], 0, 0));
        b[9] = 1;
        var e = new WireError();
        Assert.Equal(-1, NotifyPayload.Check(b, 0, 12, e));
        Assert.Equal("malformed payload: N SPI size 1 past end of payload", e.Reason);
    }

    [Fact]
    public void Delete_ESP()
    {
        CapturedPayload d = CapturedPayload.Find("aggressive-mode", "09-info-delete-esp", PayloadType.Delete);
        byte[] p = d.Buffer;
        Assert.Equal(16, d.Length);
        Assert.Equal(ProtocolId.IpsecEsp, DeletePayload.GetProtocolId(p, d.Offset));
        Assert.Equal(4, DeletePayload.GetSpiSize(p, d.Offset));
        Assert.Equal(1, DeletePayload.GetSpiCount(p, d.Offset));
        Assert.Equal(0xb7dbe9c0u, NanoGate.Hal.BigEndian.ReadUInt32(p, DeletePayload.GetSpiOffset(p, d.Offset, 0)));
        byte[] spi = [0xb7, 0xdb, 0xe9, 0xc0];
        CapturedPayload.AssertCheckLength(d.Bytes, DeletePayload.Check);
        CapturedPayload.AssertEmitLength(d.Bytes, (b, o, r) => DeletePayload.Write(b, o, r, 1, ProtocolId.IpsecEsp, 4, 1, spi, 0));
    }

    [Fact]
    public void Delete_ISAKMP()
    {
        CapturedPayload d = CapturedPayload.Find("aggressive-mode", "10-info-delete-isakmp", PayloadType.Delete);
        Assert.Equal(28, d.Length);
        Assert.Equal(ProtocolId.Isakmp, DeletePayload.GetProtocolId(d.Buffer, d.Offset));
        Assert.Equal(16, DeletePayload.GetSpiSize(d.Buffer, d.Offset));
        CapturedPayload.AssertCheckLength(d.Bytes, DeletePayload.Check);
        CapturedPayload.AssertEmitLength(d.Bytes, (b, o, r) => DeletePayload.Write(b, o, r, 1, ProtocolId.Isakmp, 16, 1, s_spi, 0));
    }

    [Fact]
    public void Delete_SPI_count_must_fill_the_payload()
    {
        byte[] d = CapturedPayload.Find("aggressive-mode", "09-info-delete-esp", PayloadType.Delete).Bytes;
        d[11] = 2;
        var e = new WireError();
        Assert.Equal(-1, DeletePayload.Check(d, 0, d.Length, e));
        Assert.Equal(NotifyType.PayloadMalformed, e.Notify);
        Assert.Equal("malformed payload: D with 2 SPIs does not fill 4 bytes", e.Reason);
    }
}
