using System.Security.Cryptography;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using HashAlgorithm = NanoGate.Hal.Crypto.HashAlgorithm;

namespace NanoGate.Esp.Tests;

/// <summary>
/// Packets the product built (every suite, every provider), opened with .NET's own HMAC, AES,
/// 3DES and AES-GCM and the SA's keys only, never with the product's inbound path:
/// <list type="bullet">
/// <item>CBC + HMAC (RFC 4303 §2.8, §3.3.4): ICV = the leading bytes of HMAC(key, SPI | seq | IV |
/// ciphertext [| seq high, ESN, RFC 4303 §2.2.1]), 12 bytes for SHA-1-96 (RFC 2404) and SHA-256-96,
/// half the output for SHA2 (RFC 4868 §2.3).</item>
/// <item>AES-GCM (RFC 4106 §4-§5): key = the leading bytes, salt = the last 4; nonce = salt | IV;
/// AAD = SPI | seq (or SPI | seq high | seq low with ESN); tag = the ICV.</item>
/// <item>The plaintext (RFC 4303 §2.4-2.6) is the inner packet, padding 1, 2, 3, ..., pad length, next header 4.</item>
/// </list>
/// </summary>
public class EspIndependentOracleTests
{
    public static TheoryData<string, int> Cases() => EspRoundTripTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outbound_packets_open_with_dotnet_crypto(string provider, int suiteIndex)
    {
        EspSuite suite = EspSuite.All[suiteIndex];
        var pair = new EspPair(EspPair.Provider(provider), suite);
        SaParameters keys = EspPair.Parameters(suite, pair.Out.Spi);
        var slot = new PacketSlot(1500);
        foreach (int length in new[] { 20, 33, 100, 1399 })
        {
            EspPair.WriteInner(slot, length, fill: (byte)length);
            byte[] inner = slot.Buffer.AsSpan(slot.Offset, length).ToArray();
            Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 0));
            byte[] esp = slot.Buffer.AsSpan(slot.EspOffset, slot.EspLength).ToArray();
            ulong seq = pair.Out.LastSequence;
            Assert.Equal(pair.Out.Spi, BigEndian.ReadUInt32(esp, 0));
            Assert.Equal((uint)seq, BigEndian.ReadUInt32(esp, 4));

            byte[] plain = suite.Cipher == CipherAlgorithm.AesGcm ? OpenGcm(suite, keys.EncryptionKey, esp, seq) : OpenCbc(suite, keys, esp, seq);
            Assert.Equal(inner, plain[..length]);
            int padLength = plain[^2];
            Assert.Equal(plain.Length - length - 2, padLength);
            for (int i = 0; i < padLength; i++)
            {
                Assert.Equal((byte)(i + 1), plain[length + i]);
            }

            Assert.Equal(4, plain[^1]); // IPv4 in tunnel mode (RFC 4303 §2.6, IANA protocol 4)
        }
    }

    private static byte[] OpenCbc(EspSuite suite, SaParameters keys, byte[] esp, ulong seq)
    {
        int ivLength = suite.Cipher == CipherAlgorithm.TripleDesCbc ? 8 : 16;
        int icvLength = suite.IcvLength;
        byte[] covered = esp[..^icvLength];
        if (suite.Esn)
        {
            covered = [.. covered, (byte)(seq >> 56), (byte)(seq >> 48), (byte)(seq >> 40), (byte)(seq >> 32)];
        }

        byte[] mac = suite.Integrity switch
        {
            HashAlgorithm.Sha1 => HMACSHA1.HashData(keys.IntegrityKey, covered),
            HashAlgorithm.Sha256 => HMACSHA256.HashData(keys.IntegrityKey, covered),
            HashAlgorithm.Sha384 => HMACSHA384.HashData(keys.IntegrityKey, covered),
            HashAlgorithm.Sha512 => HMACSHA512.HashData(keys.IntegrityKey, covered),
            _ => throw new NotSupportedException(suite.Integrity.ToString()),
        };
        int expectedIcv = suite.Integrity == HashAlgorithm.Sha1 || suite.Sha256Truncated96 ? 12 : mac.Length / 2;
        Assert.Equal(expectedIcv, icvLength);
        Assert.Equal(Convert.ToHexString(mac[..icvLength]), Convert.ToHexString(esp[^icvLength..]));

        byte[] iv = esp[8..(8 + ivLength)];
        byte[] cipher = esp[(8 + ivLength)..^icvLength];
        using SymmetricAlgorithm alg = suite.Cipher == CipherAlgorithm.TripleDesCbc ? TripleDES.Create() : Aes.Create();
        alg.Key = keys.EncryptionKey;
        return alg.DecryptCbc(cipher, iv, PaddingMode.None);
    }

    private static byte[] OpenGcm(EspSuite suite, byte[] keyAndSalt, byte[] esp, ulong seq)
    {
        byte[] nonce = [.. keyAndSalt[^4..], .. esp[8..16]];
        byte[] aad = suite.Esn
            ? [.. esp[..4], (byte)(seq >> 56), (byte)(seq >> 48), (byte)(seq >> 40), (byte)(seq >> 32), .. esp[4..8]]
            : esp[..8];
        byte[] cipher = esp[16..^suite.GcmIcv];
        byte[] plain = new byte[cipher.Length];
        if (suite.GcmIcv >= 12)
        {
            using var gcm = new AesGcm(keyAndSalt[..^4], suite.GcmIcv);
            gcm.Decrypt(nonce, cipher, esp[^suite.GcmIcv..], plain, aad); // throws on a wrong tag
            return plain;
        }

        // .NET's AesGcm takes tags of 12 to 16 bytes; an 8-byte ICV is the leading half of the full
        // tag (RFC 4106 §8). The key stream is GCM's encryption of zeros; re-encrypting the
        // plaintext gives the full tag.
        using var full = new AesGcm(keyAndSalt[..^4], 16);
        byte[] stream = new byte[cipher.Length];
        byte[] tag = new byte[16];
        full.Encrypt(nonce, new byte[cipher.Length], stream, tag, aad);
        for (int i = 0; i < cipher.Length; i++)
        {
            plain[i] = (byte)(cipher[i] ^ stream[i]);
        }

        full.Encrypt(nonce, plain, stream, tag, aad);
        Assert.Equal(cipher, stream);
        Assert.Equal(Convert.ToHexString(tag[..suite.GcmIcv]), Convert.ToHexString(esp[^suite.GcmIcv..]));
        return plain;
    }
}
