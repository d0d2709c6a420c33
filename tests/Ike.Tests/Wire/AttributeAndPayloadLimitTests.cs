using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>
/// The limits of the generic payload header (RFC 2408 §3.2) and the data attribute (RFC 2408 §3.3)
/// at their edges: a value exactly at a limit is accepted, one past it is not.
/// </summary>
public class AttributeAndPayloadLimitTests
{
    [Theory]
    [InlineData("0000 0004", 4, 4, 4)]            // an empty payload: exactly the 4-byte header
    [InlineData("0000 0003", 4, 4, -1)]           // Payload Length below the header: too short
    [InlineData("0000 0008 aabbccdd", 8, 8, 8)]   // a minimum of 8, met exactly; the payload ends the buffer
    [InlineData("0000 0008 aabbccdd", 8, 9, -1)]  // below the type's minimum
    [InlineData("0000 0009 aabbccdd", 8, 4, -1)]  // one byte past the data
    [InlineData("0000 00", 3, 0, -1)]             // not even a generic header
    public void Generic_header_check_at_its_limits(string hex, int count, int minLength, int expected)
    {
        byte[] b = Convert.FromHexString(hex.Replace(" ", ""));
        var e = new WireError();
        Assert.Equal(expected, GenericPayload.Check(b, 0, count, PayloadType.Nonce, minLength, e));
        Assert.Equal(expected < 0, e.Code != WireError.None);
    }

    [Theory]
    [InlineData(4, 4, 4)]
    [InlineData(8, 8, 4)]
    [InlineData(8, 7, -1)]               // one byte short of room
    [InlineData(3, 8, -1)]               // below the header
    [InlineData(0xFFFF, 0x10000, 4)]     // the largest 16-bit Payload Length
    [InlineData(0x10000, 0x10000, -1)]   // one more does not fit the field
    public void Generic_header_write_at_its_limits(int length, int room, int expected)
    {
        Assert.Equal(expected, GenericPayload.WriteHeader(new byte[Math.Max(room, 4)], 0, room, length));
    }

    [Fact]
    public void Generic_header_write_zeroes_next_payload_and_reserved()
    {
        byte[] b = [0x55, 0x55, 0x55, 0x55, 0x55];
        Assert.Equal(4, GenericPayload.WriteHeader(b, 1, 4, 4));
        Assert.Equal(new byte[] { 0x55, 0, 0, 0, 4 }, b);
        Assert.Equal(-1, GenericPayload.WriteOpaque(b, 0, 5, [1], 0, -1));
        Assert.Equal(4, GenericPayload.WriteOpaque(b, 0, 4, [1], 0, 0));   // an empty payload is a header alone
    }

    [Theory]
    [InlineData("800c 0001", 4, 4)]                  // TV: 4 bytes whatever its value (RFC 2408 §3.3, AF = 1)
    [InlineData("800c 0001", 3, -1)]                 // not even the header
    [InlineData("000c 0002 0102", 6, 6)]             // TLV ending at the buffer's end
    [InlineData("000c 0002 0102", 5, -1)]            // TLV one byte past the data
    [InlineData("000c 0000", 4, 4)]                  // an empty TLV value
    public void Attribute_check_at_its_limits(string hex, int count, int expected)
    {
        byte[] b = Convert.FromHexString(hex.Replace(" ", ""));
        Assert.Equal(expected, DataAttribute.Check(b, 0, count));
    }

    [Fact]
    public void Attribute_values_of_zero_and_eight_bytes_are_numbers_nine_is_not()
    {
        byte[] empty = [0x00, 0x0C, 0x00, 0x00];
        Assert.True(DataAttribute.TryGetValue(empty, 0, out ulong v0));
        Assert.Equal(0UL, v0);

        byte[] eight = [0x00, 0x0C, 0x00, 0x08, 0xFF, 0xFE, 0xFD, 0xFC, 0xFB, 0xFA, 0xF9, 0xF8];
        Assert.True(DataAttribute.TryGetValue(eight, 0, out ulong v8));
        Assert.Equal(0xFFFEFDFCFBFAF9F8UL, v8);

        byte[] nine = [0x00, 0x0C, 0x00, 0x09, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        Assert.False(DataAttribute.TryGetValue(nine, 0, out ulong v9));
        Assert.Equal(0UL, v9);

        byte[] tv = [0x80, 0x0E, 0x01, 0x00];           // Key Length 256 as TV
        Assert.True(DataAttribute.TryGetValue(tv, 0, out ulong vt));
        Assert.Equal(256UL, vt);
        Assert.Equal(2, DataAttribute.GetValueOffset(tv, 0));
        Assert.Equal(2, DataAttribute.GetValueLength(tv, 0));
        Assert.Equal(4, DataAttribute.GetValueOffset(eight, 0));
        Assert.Equal(8, DataAttribute.GetValueLength(eight, 0));
        Assert.Equal(0x000E, DataAttribute.GetType(tv, 0));
    }

    [Fact]
    public void Attribute_writers_set_the_format_bit_mask_the_type_and_respect_room()
    {
        byte[] b = new byte[16];
        Assert.Equal(-1, DataAttribute.WriteTv(b, 0, 3, 14, 256));
        Assert.Equal(4, DataAttribute.WriteTv(b, 0, 4, 0x800E, 0x10100));   // AF bit from the writer, value cut to 16 bits
        Assert.Equal(new byte[] { 0x80, 0x0E, 0x01, 0x00 }, b[..4]);

        Assert.Equal(-1, DataAttribute.WriteTlv(b, 0, 5, 12, [1, 2], 0, 2));
        Assert.Equal(6, DataAttribute.WriteTlv(b, 0, 6, 0x800C, [9, 1, 2], 1, 2));   // AF clear even if the type has it
        Assert.Equal(new byte[] { 0x00, 0x0C, 0x00, 0x02, 1, 2 }, b[..6]);
        Assert.Equal(-1, DataAttribute.WriteTlv(b, 0, 16, 12, [1], 0, -1));
        Assert.Equal(4, DataAttribute.WriteTlv(b, 0, 4, 12, [], 0, 0));   // an empty value: the header alone
        byte[] big = new byte[4 + 0xFFFF];
        Assert.Equal(4 + 0xFFFF, DataAttribute.WriteTlv(big, 0, big.Length, 12, new byte[0xFFFF], 0, 0xFFFF));
        Assert.Equal(-1, DataAttribute.WriteTlv(new byte[4 + 0x10000], 0, 4 + 0x10000, 12, new byte[0x10000], 0, 0x10000));

        Assert.Equal(-1, DataAttribute.WriteTlvNumber(b, 0, 16, 12, 1, 0));
        Assert.Equal(-1, DataAttribute.WriteTlvNumber(b, 0, 16, 12, 1, 9));
        Assert.Equal(-1, DataAttribute.WriteTlvNumber(b, 0, 11, 12, 1, 8));
        Assert.Equal(5, DataAttribute.WriteTlvNumber(b, 0, 5, 0x800C, 0x1234, 1));   // one byte: the low byte
        Assert.Equal(new byte[] { 0x00, 0x0C, 0x00, 0x01, 0x34 }, b[..5]);
        Assert.Equal(12, DataAttribute.WriteTlvNumber(b, 0, 12, 12, 0x0102030405060708, 8));
        Assert.Equal(new byte[] { 0x00, 0x0C, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 7, 8 }, b[..12]);
    }
}
