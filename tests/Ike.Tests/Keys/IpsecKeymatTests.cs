using System.Security.Cryptography;
using NanoGate.Boards.Host;
using NanoGate.Hal.Crypto;
using HashAlgorithm = NanoGate.Hal.Crypto.HashAlgorithm;

namespace NanoGate.Ike.Tests.Keys;

/// <summary>
/// Phase 2 KEYMAT (RFC 2409 §5.5) against an independent computation with
/// System.Security.Cryptography's HMAC: K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b),
/// K2 = prf(SKEYID_d, K1 | ...). SKEYID_d is the ACVP kdf135 IKEv1 vector's (WIRE-FACTS.md).
/// </summary>
public sealed class IpsecKeymatTests
{
    private static readonly byte[] s_skeyidD = Convert.FromHexString("369e5aad1bdb5faf6a3d929d500cdc236710a9ab");
    private static readonly byte[] s_ni = Convert.FromHexString("b9a2d0e922dc66ddb9a2d0e922dc66dd");
    private static readonly byte[] s_nr = Convert.FromHexString("2130166863b5ddef2130166863b5ddef");

    private static byte[] Reference(Func<byte[], byte[], byte[]> hmac, byte[] gxy, uint spi, int length)
    {
        byte[] seed = [.. gxy ?? [], 3, (byte)(spi >> 24), (byte)(spi >> 16), (byte)(spi >> 8), (byte)spi, .. s_ni, .. s_nr];
        var output = new List<byte>();
        byte[] k = [];
        while (output.Count < length)
        {
            k = hmac(s_skeyidD, [.. k, .. seed]);
            output.AddRange(k);
        }

        return output.Take(length).ToArray();
    }

    [Theory]
    [InlineData(16 + 32)]   // AES-128 + HMAC-SHA2-256 keys: three SHA-1 blocks
    [InlineData(36)]        // AES-256-GCM key + salt
    [InlineData(24 + 20)]   // 3DES + HMAC-SHA1
    public void Keymat_without_PFS_matches_HMAC_SHA1_chain(int length)
    {
        byte[] ours = IpsecKeymat.Derive(new DotNetCryptoProvider(), HashAlgorithm.Sha1, s_skeyidD, null!, 3, 0xC0FFEE01, s_ni, s_nr, length);
        Assert.Equal(Reference(HMACSHA1.HashData, null!, 0xC0FFEE01, length), ours);
    }

    [Fact]
    public void Keymat_with_PFS_puts_g_qm_xy_first_and_uses_the_receiving_SPI()
    {
        byte[] gxy = Convert.FromHexString("739003ba2c11c982946c65e26acf661fbf8ebb78011a9fead79efa12fe3e71cc");
        byte[] ours = IpsecKeymat.Derive(new DotNetCryptoProvider(), HashAlgorithm.Sha256, s_skeyidD, gxy, 3, 0x00000102, s_ni, s_nr, 96);
        Assert.Equal(Reference(HMACSHA256.HashData, gxy, 0x00000102, 96), ours);
        byte[] other = IpsecKeymat.Derive(new DotNetCryptoProvider(), HashAlgorithm.Sha256, s_skeyidD, gxy, 3, 0x00000103, s_ni, s_nr, 96);
        Assert.NotEqual(ours, other);
    }

    [Fact]
    public void Key_lengths_follow_RFC_4106_and_RFC_4868()
    {
        Assert.Equal(20, IpsecKeymat.EncryptionKeyLength(CipherAlgorithm.AesGcm, 16));
        Assert.Equal(32, IpsecKeymat.EncryptionKeyLength(CipherAlgorithm.AesCbc, 32));
        Assert.Equal(0, IpsecKeymat.IntegrityKeyLength(CipherAlgorithm.AesGcm, HashAlgorithm.Sha256));
        Assert.Equal(20, IpsecKeymat.IntegrityKeyLength(CipherAlgorithm.AesCbc, HashAlgorithm.Sha1));
        Assert.Equal(48, IpsecKeymat.IntegrityKeyLength(CipherAlgorithm.AesCbc, HashAlgorithm.Sha384));
        Assert.Equal(64, IpsecKeymat.IntegrityKeyLength(CipherAlgorithm.AesCbc, HashAlgorithm.Sha512));
    }
}
