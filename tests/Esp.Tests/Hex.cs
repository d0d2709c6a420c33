namespace NanoGate.Esp.Tests;

/// <summary>Hex as the RFCs print it (spaces and line breaks ignored).</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) =>
        Convert.FromHexString(new string(hex.Where(c => !char.IsWhiteSpace(c)).ToArray()));

    public static string Of(byte[] b, int offset, int count) => Convert.ToHexString(b, offset, count).ToLowerInvariant();
}
