namespace NanoGate.Hal.Tests.Crypto;

/// <summary>Inputs the RFCs describe in words rather than in hex (hex itself: <see cref="Hex"/>).</summary>
internal static class TestBytes
{
    public static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    public static byte[] Repeat(byte value, int count) => Enumerable.Repeat(value, count).ToArray();

    /// <summary>Bytes first..last inclusive, as RFC 2202/4231 write "0x0102...19".</summary>
    public static byte[] Range(int first, int last) => Enumerable.Range(first, last - first + 1).Select(i => (byte)i).ToArray();
}
