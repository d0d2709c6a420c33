namespace NanoGate.Hal.Tests.Crypto;

/// <summary>Hex in the layout the RFCs print it (spaces and line breaks ignored).</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string Of(byte[] bytes, int offset, int count) => Convert.ToHexStringLower(bytes, offset, count);

    public static string Of(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    public static byte[] Repeat(byte value, int count) => Enumerable.Repeat(value, count).ToArray();

    /// <summary>Bytes first..last inclusive, as RFC 2202/4231 write "0x0102...19".</summary>
    public static byte[] Range(int first, int last) => Enumerable.Range(first, last - first + 1).Select(i => (byte)i).ToArray();
}
