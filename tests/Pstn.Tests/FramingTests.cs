using NanoGate.Pstn.Ppp;

namespace NanoGate.Pstn.Tests;

/// <summary>RFC 1662: the FCS-16, byte stuffing, the ACCM, and what the receiver drops.</summary>
public class FramingTests
{
    [Fact]
    public void Fcs16_of_123456789_is_the_catalogue_check_value()
    {
        // CRC-16/X-25 (the PPP FCS, RFC 1662 §C.2) check value over "123456789" is 0x906E
        // (the complement of the register, as transmitted).
        byte[] data = "123456789"u8.ToArray();
        ushort fcs = Fcs16.Update(Fcs16.Initial, data, 0, data.Length);
        Assert.Equal(0x906E, (ushort)~fcs);
    }

    [Fact]
    public void Fcs16_table_matches_the_bitwise_definition()
    {
        var random = new Random(1662);
        byte[] data = new byte[300];
        random.NextBytes(data);
        Assert.Equal(Bitwise(data), Fcs16.Update(Fcs16.Initial, data, 0, data.Length));
    }

    [Fact]
    public void A_frame_and_its_FCS_leave_the_good_final_value()
    {
        // RFC 1662 §C.2: "PPPGOODFCS16 0xf0b8 /* Good final FCS value */".
        byte[] frame = [0xFF, 0x03, 0xC0, 0x21, 0x01, 0x01, 0x00, 0x04, 0, 0];
        ushort fcs = (ushort)~Fcs16.Update(Fcs16.Initial, frame, 0, 8);
        frame[8] = (byte)fcs;
        frame[9] = (byte)(fcs >> 8);
        Assert.Equal(Fcs16.Good, Fcs16.Update(Fcs16.Initial, frame, 0, 10));
    }

    [Fact]
    public void Flag_escape_and_ACCM_characters_are_stuffed()
    {
        var encoder = new HdlcEncoder(64);
        encoder.Begin(0xFFFFFFFF);
        encoder.Add([0x7E, 0x7D, 0x11, 0x20, 0x41], 0, 5);
        byte[] all = Encoded(encoder);
        // RFC 1662 §4.2: 0x7E -> 7D 5E, 0x7D -> 7D 5D, 0x11 (XON, in the ACCM) -> 7D 31.
        Assert.Equal(new byte[] { 0x7E, 0x7D, 0x5E, 0x7D, 0x5D, 0x7D, 0x31, 0x20, 0x41 }, all[..9]);
        Assert.Equal(0x7E, all[^1]);

        encoder.Begin(0x00000000);
        encoder.Add([0x11, 0x13, 0x7E], 0, 3);
        byte[] none = Encoded(encoder);
        Assert.Equal(new byte[] { 0x7E, 0x11, 0x13, 0x7D, 0x5E }, none[..5]);

        encoder.Begin(0x00020000);
        encoder.Add([0x11, 0x13, 0x10], 0, 3);
        byte[] some = Encoded(encoder);
        Assert.Equal(new byte[] { 0x7E, 0x7D, 0x31, 0x13, 0x10 }, some[..5]);
    }

    [Theory]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(0x00000000u)]
    public void Every_octet_value_survives_encode_then_decode(uint accm)
    {
        byte[] payload = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var encoder = new HdlcEncoder(600);
        encoder.Begin(accm);
        encoder.Add(payload, 0, payload.Length);
        byte[] wire = Encoded(encoder);

        var decoder = new HdlcDecoder(600) { ReceiveAccm = 0 };
        HdlcStatus last = HdlcStatus.None;
        foreach (byte b in wire)
        {
            HdlcStatus s = decoder.Push(b);
            if (s != HdlcStatus.None)
            {
                last = s;
            }
        }

        Assert.Equal(HdlcStatus.Frame, last);
        Assert.Equal(payload, decoder.Frame[..decoder.FrameLength]);
    }

    [Fact]
    public void The_receiver_drops_control_characters_flagged_in_its_ACCM()
    {
        // RFC 1662 §4.2: flagged characters "may have been inserted by intervening data
        // communications equipment" and are removed before the FCS is computed.
        var encoder = new HdlcEncoder(64);
        encoder.Begin(0xFFFFFFFF);
        encoder.Add([0xFF, 0x03, 0x00, 0x21, 0x45], 0, 5);
        var wire = Encoded(encoder).ToList();
        wire.Insert(3, 0x11);
        wire.Insert(6, 0x13);

        var decoder = new HdlcDecoder(64) { ReceiveAccm = 0x000A0000 };
        Assert.Equal(HdlcStatus.Frame, Feed(decoder, wire.ToArray()));
        Assert.Equal(new byte[] { 0xFF, 0x03, 0x00, 0x21, 0x45 }, decoder.Frame[..decoder.FrameLength]);
    }

    [Fact]
    public void Bad_FCS_abort_overflow_and_runts_are_reported_and_the_next_frame_is_fine()
    {
        var encoder = new HdlcEncoder(64);
        encoder.Begin(0xFFFFFFFF);
        encoder.Add([0xFF, 0x03, 0xC0, 0x21], 0, 4);
        byte[] good = Encoded(encoder);

        var decoder = new HdlcDecoder(16);
        byte[] corrupted = (byte[])good.Clone();
        corrupted[3] ^= 0x01;
        Assert.Equal(HdlcStatus.BadFcs, Feed(decoder, corrupted));
        Assert.Equal(HdlcStatus.Aborted, Feed(decoder, [0x7E, 0x41, 0x42, 0x7D, 0x7E]));
        Assert.Equal(HdlcStatus.TooLong, Feed(decoder, [0x7E, .. Enumerable.Repeat((byte)0x41, 40), 0x7E]));
        Assert.Equal(HdlcStatus.BadFcs, Feed(decoder, [0x7E, 0x41, 0x7E]));
        Assert.Equal(HdlcStatus.None, Feed(decoder, [0x7E, 0x7E, 0x7E]));
        Assert.Equal(HdlcStatus.Frame, Feed(decoder, good));
    }

    private static byte[] Encoded(HdlcEncoder encoder)
    {
        int n = encoder.Finish();
        return encoder.Output[..n];
    }

    private static HdlcStatus Feed(HdlcDecoder decoder, byte[] wire)
    {
        HdlcStatus last = HdlcStatus.None;
        foreach (byte b in wire)
        {
            HdlcStatus s = decoder.Push(b);
            if (s != HdlcStatus.None)
            {
                last = s;
            }
        }

        return last;
    }

    private static ushort Bitwise(byte[] data)
    {
        ushort crc = 0xFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
            }
        }

        return crc;
    }
}
