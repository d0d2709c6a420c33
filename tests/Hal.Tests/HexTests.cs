namespace NanoGate.Hal.Tests;

/// <summary>The one hex helper (hal/Hex.cs): parsing vectors as the RFCs print them, formatting into strings and caller buffers.</summary>
public class HexTests
{
    [Fact]
    public void Parses_either_case_and_ignores_the_white_space_of_printed_vectors()
    {
        // RFC 4231 §4.2 key, printed in groups and over lines.
        Assert.Equal(new byte[] { 0x0b, 0x0b, 0xAB, 0xcd, 0xEF, 0x01 }, Hex.Parse("0b0b AbCd\r\n\tef01"));
        Assert.Empty(Hex.Parse(""));
    }

    [Theory]
    [InlineData("abc")]        // odd number of digits
    [InlineData("0g")]         // not a digit
    [InlineData("0x01")]       // a prefix is not hex
    [InlineData(null)]
    public void Refuses_text_that_is_not_hex_with_null(string? text)
    {
        Assert.Null(Hex.Parse(text));
    }

    [Fact]
    public void Formats_lowercase_from_an_offset()
    {
        byte[] b = { 0xFF, 0x00, 0x9A, 0xBC, 0x7F };
        Assert.Equal("009abc", Hex.Format(b, 1, 3));
        Assert.Equal("ff009abc7f", Hex.Format(b));
        Assert.Equal(Convert.ToHexStringLower(b), Hex.Format(b));
    }

    [Fact]
    public void Writes_into_the_callers_buffer_and_returns_the_position_after()
    {
        byte[] b = { 0x12, 0xAB };
        char[] chars = { '[', '.', '.', '.', '.', ']' };
        Assert.Equal(5, Hex.Write(b, 0, 2, chars, 1));
        Assert.Equal("[12ab]", new string(chars));

        byte[] ascii = new byte[12];
        int at = Hex.WriteAscii(b, 1, 1, ascii, 0);
        at = Hex.WriteAscii(0xC0A80001u, ascii, at);
        Assert.Equal(10, at);
        Assert.Equal("abc0a80001", System.Text.Encoding.ASCII.GetString(ascii, 0, at));

        // A whole key; an absent one (null) writes no digits.
        Assert.Equal(4, Hex.WriteAscii(b, ascii, 0));
        Assert.Equal("12ab", System.Text.Encoding.ASCII.GetString(ascii, 0, 4));
        Assert.Equal(4, Hex.WriteAscii(null!, ascii, 4));
    }

    [Fact]
    public void Digit_and_nibble_are_inverse()
    {
        for (int v = 0; v < 16; v++)
        {
            Assert.Equal(v, Hex.Nibble(Hex.Digit(v)));
            Assert.Equal(v, Hex.Nibble(char.ToUpperInvariant(Hex.Digit(v))));
        }

        Assert.Equal(-1, Hex.Nibble('g'));
        Assert.Equal(-1, Hex.Nibble(' '));
    }

    [Fact]
    public void Equals_compares_bytes_with_hex_text()
    {
        byte[] b = { 0x69, 0xc4, 0xe0 };
        Assert.True(Hex.Equals(b, "69c4e0"));
        Assert.True(Hex.Equals(b, "69 C4 E0"));
        Assert.False(Hex.Equals(b, "69c4e1"));
        Assert.False(Hex.Equals(b, "69c4"));
        Assert.False(Hex.Equals(null, "69c4e0"));
        Assert.False(Hex.Equals(b, "zz"));
    }
}
