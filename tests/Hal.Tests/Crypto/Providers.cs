using NanoGate.Boards.Host;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Native;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Hal.Tests.Crypto;

/// <summary>
/// The providers every known-answer test runs against, by name for readable test output: portable
/// (hal/Crypto/Soft), .NET (boards/Host: AES-GCM and MODP on libcrypto directly where it loads),
/// the same with .NET's own classes only ("dotnet-bcl": AesGcm, BigInteger) and native (native/,
/// the C the device runs; its rows fail, not skip, when libnanogate_crypto.so was not built).
/// </summary>
internal static class Providers
{
    public const string Portable = "portable";
    public const string DotNet = "dotnet";
    public const string Native = "native";
    public const string DotNetBcl = "dotnet-bcl";

    public static readonly string[] All = [Portable, DotNet, DotNetBcl, Native];

    public static ICryptoProvider Get(string name) => name switch
    {
        Portable => new PortableCryptoProvider(),
        DotNet => new DotNetCryptoProvider(),
        Native => new NativeCryptoProvider(),
        DotNetBcl => new DotNetCryptoProvider(useLibCrypto: false),
        _ => throw new ArgumentException(name),
    };

    /// <summary>CBC encryption of whole data with the IV, out of place (copies).</summary>
    public static byte[] EncryptCbc(ICryptoProvider p, CipherAlgorithm alg, byte[] key, byte[] iv, byte[] plain)
    {
        IBlockCipher c = p.CreateCbc(alg, key, 0, key.Length);
        byte[] buf = (byte[])plain.Clone();
        c.EncryptCbc(iv, 0, buf, 0, buf.Length);
        return buf;
    }

    public static byte[] DecryptCbc(ICryptoProvider p, CipherAlgorithm alg, byte[] key, byte[] iv, byte[] cipher)
    {
        IBlockCipher c = p.CreateCbc(alg, key, 0, key.Length);
        byte[] buf = (byte[])cipher.Clone();
        c.DecryptCbc(iv, 0, buf, 0, buf.Length);
        return buf;
    }

    public static byte[] Digest(IHash h, byte[] data)
    {
        byte[] output = new byte[h.HashSize];
        h.Append(data, 0, data.Length);
        h.Finish(output, 0);
        return output;
    }
}
