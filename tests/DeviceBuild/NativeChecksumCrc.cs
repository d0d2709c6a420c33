namespace NanoGate.DeviceBuild;

/// <summary>
/// The CRC-32 nanoFramework's metadata processor computes the native methods checksum with:
/// generator 0x04C11DB7 (IEEE 802.3), bits fed most significant first (not reflected), the running
/// value passed in as the start (0 for the first piece), no final inversion. Not the reflected
/// zlib CRC-32 that System.IO.Hashing.Crc32 computes.
/// </summary>
internal static class NativeChecksumCrc
{
    private const uint Generator = 0x04C11DB7;

    /// <summary>The CRC of the ASCII bytes of <paramref name="text"/>, continuing from <paramref name="crc"/>.</summary>
    public static uint Update(uint crc, string text)
    {
        foreach (char c in text)
        {
            // Names are C# identifiers and nanoCLR type names: ASCII only (the processor encodes them as ASCII).
            if (c > 0x7F)
            {
                throw new ArgumentException($"\"{text}\" is not ASCII; the checksum is defined over ASCII names", nameof(text));
            }

            crc ^= (uint)c << 24;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ Generator : crc << 1;
            }
        }

        return crc;
    }
}
