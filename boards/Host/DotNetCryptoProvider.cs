using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Boards.Host;

/// <summary>
/// The host boards' crypto: .NET's native implementations (OpenSSL on Linux, AES-NI where the CPU
/// has it). Objects allocate when created; per-packet calls allocate nothing (tests/Hal.Tests
/// measures it). AES-GCM with an 8-byte tag uses the portable AEAD because .NET's AesGcm accepts
/// only 12..16-byte tags. Diffie-Hellman is not here yet (SupportsGroup is false for every group).
/// </summary>
public sealed class DotNetCryptoProvider : ICryptoProvider
{
    public string Name => "dotnet";

    public bool SupportsCipher(CipherAlgorithm algorithm, int keySize) => algorithm switch
    {
        CipherAlgorithm.AesCbc => keySize is 16 or 24 or 32,
        CipherAlgorithm.AesGcm => keySize is 16 or 24 or 32 && System.Security.Cryptography.AesGcm.IsSupported,
        CipherAlgorithm.TripleDesCbc => keySize == 24,
        _ => false,
    };

    public bool SupportsHash(HashAlgorithm algorithm) =>
        algorithm is HashAlgorithm.Md5 or HashAlgorithm.Sha1 or HashAlgorithm.Sha256 or HashAlgorithm.Sha384 or HashAlgorithm.Sha512;

    public bool SupportsGroup(DhGroup group) => false;

    public IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (algorithm == CipherAlgorithm.AesGcm || !SupportsCipher(algorithm, keyCount))
        {
            throw new ArgumentException($"unsupported CBC cipher {algorithm} with a {keyCount}-byte key");
        }

        return new DotNetCbcCipher(algorithm, key, keyOffset, keyCount);
    }

    public IAead CreateGcm(byte[] key, int keyOffset, int keyCount, int tagSize)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!SupportsCipher(CipherAlgorithm.AesGcm, keyCount))
        {
            throw new ArgumentException($"AES-GCM key must be 16, 24 or 32 bytes, not {keyCount}");
        }

        return tagSize switch
        {
            16 or 12 => new DotNetGcmAead(key, keyOffset, keyCount, tagSize),
            8 => new AesGcmAead(key, keyOffset, keyCount, tagSize),
            _ => throw new ArgumentException($"AES-GCM tag must be 8, 12 or 16 bytes (RFC 4106 §3), not {tagSize}"),
        };
    }

    public IHash CreateHash(HashAlgorithm algorithm) => DotNetHash.CreateHash(algorithm);

    public IHash CreateHmac(HashAlgorithm algorithm, byte[] key, int keyOffset, int keyCount) =>
        DotNetHash.CreateHmac(algorithm, key, keyOffset, keyCount);

    public IDiffieHellman CreateDiffieHellman(DhGroup group, IRandomSource random) =>
        throw new NotSupportedException("Diffie-Hellman is not in the dotnet provider yet");
}
