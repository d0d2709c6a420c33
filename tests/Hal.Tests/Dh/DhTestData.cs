using System.Globalization;
using System.Numerics;
using NanoGate.Hal.Crypto;

namespace NanoGate.Hal.Tests.Dh;

/// <summary>Hex helpers and group lists shared by the Diffie-Hellman tests.</summary>
internal static class DhTestData
{
    public static readonly DhGroup[] ModpGroups =
        [DhGroup.Modp1024, DhGroup.Modp1536, DhGroup.Modp2048, DhGroup.Modp3072, DhGroup.Modp4096];

    public static readonly DhGroup[] EcpGroups = [DhGroup.Ecp256, DhGroup.Ecp384, DhGroup.Ecp521];

    public static TheoryData<DhGroup> ModpTheory() => new(ModpGroups);

    public static TheoryData<DhGroup> EcpTheory() => new(EcpGroups);

    /// <summary>Hex as RFCs print it (8-digit groups, spaces, line breaks) to bytes.</summary>
    public static byte[] Hex(string text) =>
        Convert.FromHexString(new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray()));

    public static BigInteger Big(byte[] bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    public static BigInteger BigHex(string text) =>
        BigInteger.Parse("0" + Convert.ToHexString(Hex(text)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    /// <summary>Big-endian, left-padded to <paramref name="size"/> bytes.</summary>
    public static byte[] Bytes(BigInteger value, int size)
    {
        byte[] raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (value.IsZero)
        {
            raw = [];
        }

        Assert.True(raw.Length <= size, "value wider than the group");
        byte[] result = new byte[size];
        raw.CopyTo(result, size - raw.Length);
        return result;
    }
}
