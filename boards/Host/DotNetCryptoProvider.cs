using NanoGate.Boards.Host.Dh;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Boards.Host;

/// <summary>
/// The host boards' crypto: .NET's native implementations (OpenSSL on Linux, AES-NI where the CPU
/// has it). Objects allocate when created; per-packet calls allocate nothing (tests/Hal.Tests
/// measures it). AES-GCM with an 8-byte tag uses the portable AEAD because .NET's AesGcm accepts
/// only 12..16-byte tags. Diffie-Hellman: MODP with BigInteger, ECP with
/// ECDiffieHellman (boards/Host/Dh). Where libcrypto.so.3 loads (Linux) and unless told not to,
/// AES-GCM and MODP go to libcrypto directly (boards/Host/LibCrypto, issue 19): an EVP context
/// kept per SA instead of AesGcm's re-key per packet, BN_mod_exp instead of BigInteger.ModPow.
/// </summary>
public sealed class DotNetCryptoProvider : ICryptoProvider
{
    private readonly bool _libCrypto;

    /// <summary>The provider; <paramref name="useLibCrypto"/> false keeps to .NET's classes (tests, benchmarks).</summary>
    public DotNetCryptoProvider(bool useLibCrypto = true)
    {
        _libCrypto = useLibCrypto && LibCrypto.LibCrypto.IsAvailable;
    }

    public string Name => "dotnet";

    /// <summary>True when AES-GCM and MODP run on libcrypto directly.</summary>
    public bool UsesLibCrypto => _libCrypto;

    public bool SupportsCipher(CipherAlgorithm algorithm, int keySize) =>
        CipherKeySize.IsDefined(algorithm, keySize) && (algorithm != CipherAlgorithm.AesGcm || System.Security.Cryptography.AesGcm.IsSupported);

    public bool SupportsHash(HashAlgorithm algorithm) =>
        algorithm is HashAlgorithm.Md5 or HashAlgorithm.Sha1 or HashAlgorithm.Sha256 or HashAlgorithm.Sha384 or HashAlgorithm.Sha512;

    public bool SupportsGroup(DhGroup group) => HostModpDiffieHellman.Supports(group) || HostEcpDiffieHellman.Supports(group);

    public IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (algorithm == CipherAlgorithm.AesGcm || !SupportsCipher(algorithm, keyCount))
        {
            throw new ArgumentException($"unsupported CBC cipher {algorithm} with a {keyCount}-byte key");
        }

        return new DotNetCbcCipher(algorithm, key, keyOffset, keyCount);
    }

    /// <summary>Both directions: the .NET cipher object makes its transforms for both anyway.</summary>
    public IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount, bool encrypt) =>
        CreateCbc(algorithm, key, keyOffset, keyCount);

    public IAead CreateGcm(byte[] key, int keyOffset, int keyCount, int tagSize)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!SupportsCipher(CipherAlgorithm.AesGcm, keyCount))
        {
            throw new ArgumentException($"AES-GCM key must be 16, 24 or 32 bytes, not {keyCount}");
        }

        return tagSize switch
        {
            16 or 12 when _libCrypto => new LibCrypto.LibCryptoGcmAead(key, keyOffset, keyCount, tagSize),
            16 or 12 => new DotNetGcmAead(key, keyOffset, keyCount, tagSize),
            8 => new AesGcmAead(key, keyOffset, keyCount, tagSize),
            _ => throw new ArgumentException($"AES-GCM tag must be 8, 12 or 16 bytes (RFC 4106 §3), not {tagSize}"),
        };
    }

    public IHash CreateHash(HashAlgorithm algorithm) => DotNetHash.CreateHash(algorithm);

    public IHash CreateHmac(HashAlgorithm algorithm, byte[] key, int keyOffset, int keyCount) =>
        DotNetHash.CreateHmac(algorithm, key, keyOffset, keyCount);

    public IDiffieHellman CreateDiffieHellman(DhGroup group, IRandomSource random)
    {
        if (HostModpDiffieHellman.Supports(group))
        {
            return _libCrypto ? new LibCrypto.LibCryptoModpDiffieHellman(group, random) : new HostModpDiffieHellman(group, random);
        }

        if (HostEcpDiffieHellman.Supports(group))
        {
            return new HostEcpDiffieHellman(group, random);
        }

        throw new NotSupportedException($"Diffie-Hellman group {group} not supported");
    }
}
