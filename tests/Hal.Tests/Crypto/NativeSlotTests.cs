using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Native;

namespace NanoGate.Hal.Tests.Crypto;

/// <summary>Runs alone: a wiped slot must read zero before any other test can take it again.</summary>
[CollectionDefinition(nameof(NativeSlotCollection), DisableParallelization = true)]
public sealed class NativeSlotCollection
{
}

/// <summary>
/// The native component's key store: libnanogate_crypto.so is present (the suite fails without
/// it), every kind of object leaves its slot all zero on Wipe (keys wiped, not just freed), and a
/// wiped object neither reaches a slot again nor leaves plaintext behind.
/// </summary>
[Collection(nameof(NativeSlotCollection))]
public class NativeSlotTests
{
    private static readonly byte[] s_key = TestBytes.Range(1, 64);
    private readonly NativeCryptoProvider _native = new();

    [Fact]
    public void The_shared_library_was_built_and_copied_beside_the_tests()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "libnanogate_crypto.so");
        Assert.True(File.Exists(path), "libnanogate_crypto.so missing: make -C native/c (tests/run.sh does), then rebuild");
        Assert.True(NativeSlots.Count > 0);
    }

    public static TheoryData<string> Kinds() => new()
    {
        "aes-cbc-128", "aes-cbc-256", "3des-cbc", "aes-gcm-128", "aes-gcm-256", "sha256", "hmac-md5", "hmac-sha1", "hmac-sha512",
        "modp-1024", "modp-2048", "ecp-256", "ecp-521",
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Wipe_leaves_the_native_slot_all_zero(string kind)
    {
        int inUse = NativeSlots.InUse;
        (int slot, Action use, Action wipe) = Make(kind);
        use();
        Assert.False(NativeSlots.IsClear(slot), "a live key should be in its slot");
        Assert.Equal(inUse + 1, NativeSlots.InUse);

        wipe();
        Assert.True(NativeSlots.IsClear(slot), $"slot {slot} of {kind} not zero after Wipe");
        Assert.Equal(inUse, NativeSlots.InUse);
    }

    [Fact]
    public void A_wiped_object_fails_closed()
    {
        byte[] data = TestBytes.Range(0, 63);
        IBlockCipher cbc = _native.CreateCbc(CipherAlgorithm.AesCbc, s_key, 0, 16);
        IAead gcm = _native.CreateGcm(s_key, 0, 16, 16);
        IHash mac = _native.CreateHmac(HashAlgorithm.Sha256, s_key, 0, 32);
        cbc.Wipe();
        gcm.Wipe();
        mac.Wipe();

        // A new object takes the freed slot; the old handles must not reach it.
        IBlockCipher other = _native.CreateCbc(CipherAlgorithm.AesCbc, s_key, 16, 16);
        byte[] buffer = (byte[])data.Clone();
        cbc.EncryptCbc(data, 0, buffer, 16, 32);
        Assert.True(buffer.AsSpan(16, 32).IndexOfAnyExcept((byte)0) < 0, "encrypting with a wiped key must not pass the plaintext on");
        byte[] tag = new byte[16];
        gcm.Encrypt(data, 0, data, 12, 8, buffer, 0, 40, tag, 0);
        Assert.True(buffer.AsSpan(0, 40).IndexOfAnyExcept((byte)0) < 0);
        Assert.False(gcm.Decrypt(data, 0, data, 12, 8, buffer, 0, 40, tag, 0));
        byte[] output = TestBytes.Range(1, 32);
        mac.Finish(output, 0);
        Assert.True(output.AsSpan().IndexOfAnyExcept((byte)0) < 0);
        other.Wipe();
    }

    [Fact]
    public void Ranges_outside_the_arrays_are_refused_before_the_native_code()
    {
        IBlockCipher cbc = _native.CreateCbc(CipherAlgorithm.AesCbc, s_key, 0, 16);
        IAead gcm = _native.CreateGcm(s_key, 0, 16, 16);
        IHash hash = _native.CreateHash(HashAlgorithm.Sha1);
        byte[] buffer = new byte[64];
        Assert.Throws<IndexOutOfRangeException>(() => cbc.EncryptCbc(buffer, 0, buffer, 56, 16));
        Assert.Throws<IndexOutOfRangeException>(() => cbc.DecryptCbc(buffer, 60, buffer, 0, 16));
        Assert.Throws<IndexOutOfRangeException>(() => gcm.Encrypt(buffer, 0, buffer, 0, 8, buffer, 0, 65, buffer, 0));
        Assert.Throws<IndexOutOfRangeException>(() => gcm.Decrypt(buffer, 0, buffer, 0, 8, buffer, 0, 16, buffer, 50));
        Assert.Throws<IndexOutOfRangeException>(() => gcm.Encrypt(buffer, 0, buffer, 0, -1, buffer, 0, 16, buffer, 0));
        Assert.Throws<IndexOutOfRangeException>(() => hash.Append(buffer, 65, 0));
        Assert.Throws<IndexOutOfRangeException>(() => hash.Finish(buffer, 50));
        hash.Append(buffer, 64, 0); // an empty range at the very end is a range
        cbc.Wipe();
        gcm.Wipe();
        hash.Wipe();
    }

    [Theory]
    [InlineData(HashAlgorithm.Md5)]
    [InlineData(HashAlgorithm.Sha1)]
    [InlineData(HashAlgorithm.Sha256)]
    [InlineData(HashAlgorithm.Sha384)]
    [InlineData(HashAlgorithm.Sha512)]
    public void One_shot_hash_and_hmac_equal_the_incremental_ones(HashAlgorithm algorithm)
    {
        var rng = new DeterministicRandom((uint)algorithm);
        var dotnet = new Boards.Host.DotNetCryptoProvider();
        foreach (int length in new[] { 0, 1, 55, 56, 64, 111, 112, 128, 1400 })
        {
            byte[] data = new byte[length + 5];
            rng.Fill(data, 0, data.Length);
            byte[] key = new byte[length % 150 + 3];
            rng.Fill(key, 0, key.Length);
            IHash hash = dotnet.CreateHash(algorithm);
            IHash mac = dotnet.CreateHmac(algorithm, key, 3, key.Length - 3);
            byte[] expectedHash = Providers.Digest(hash, data[5..]);
            byte[] expectedMac = Providers.Digest(mac, data[5..]);

            byte[] output = new byte[hash.HashSize + 2];
            Assert.True(NativeHash.Compute(algorithm, null!, 0, 0, data, 5, length, output, 2));
            Assert.Equal(Hex.Format(expectedHash), Hex.Format(output, 2, hash.HashSize));
            Assert.True(NativeHash.Compute(algorithm, key, 3, key.Length - 3, data, 5, length, output, 2));
            Assert.Equal(Hex.Format(expectedMac), Hex.Format(output, 2, hash.HashSize));
        }

        Assert.False(NativeHash.Compute((HashAlgorithm)3, null!, 0, 0, new byte[1], 0, 1, new byte[64], 0));
    }

    [Fact]
    public void Native_random_fills_the_range_and_only_it()
    {
        var random = new NativeRandom();
        Assert.True(random.IsCryptographicallySecure);
        byte[] a = new byte[4096 + 2];
        byte[] b = new byte[4096 + 2];
        random.Fill(a, 1, 4096);
        random.Fill(b, 1, 4096);
        Assert.Equal(0, a[0]);
        Assert.Equal(0, a[^1]);
        Assert.NotEqual(a, b);

        // Every byte value turns up in 4 KiB of output (a fill of zeros or a short copy would not).
        Assert.Equal(256, a.Skip(1).Take(4096).Distinct().Count());
    }

    private (int Slot, Action Use, Action Wipe) Make(string kind)
    {
        byte[] data = TestBytes.Range(0, 63);
        byte[] tag = new byte[16];
        switch (kind)
        {
            case "aes-cbc-128":
            case "aes-cbc-256":
            case "3des-cbc":
                {
                    var c = (NativeCbcCipher)(kind == "3des-cbc"
                        ? _native.CreateCbc(CipherAlgorithm.TripleDesCbc, s_key, 0, 24)
                        : _native.CreateCbc(CipherAlgorithm.AesCbc, s_key, 0, kind == "aes-cbc-128" ? 16 : 32));
                    return (c.Slot, () => c.EncryptCbc(data, 0, data, 16, 32), c.Wipe);
                }

            case "aes-gcm-128":
            case "aes-gcm-256":
                {
                    var g = (NativeGcmAead)_native.CreateGcm(s_key, 0, kind == "aes-gcm-128" ? 16 : 32, 16);
                    return (g.Slot, () => g.Encrypt(data, 0, data, 12, 8, data, 20, 20, tag, 0), g.Wipe);
                }

            case "modp-1024":
            case "modp-2048":
            case "ecp-256":
            case "ecp-521":
                {
                    DhGroup group = kind switch
                    {
                        "modp-1024" => DhGroup.Modp1024,
                        "modp-2048" => DhGroup.Modp2048,
                        "ecp-256" => DhGroup.Ecp256,
                        _ => DhGroup.Ecp521,
                    };
                    var dh = (NativeDiffieHellman)_native.CreateDiffieHellman(group, new DeterministicRandom(9));
                    var peer = _native.CreateDiffieHellman(group, new DeterministicRandom(10));
                    byte[] value = new byte[peer.PublicValueLength];
                    peer.WritePublicValue(value, 0);
                    peer.Wipe();
                    byte[] secret = new byte[dh.SharedSecretLength];
                    return (dh.Slot, () => Assert.Equal(DhResult.Ok, dh.ComputeSharedSecret(value, 0, value.Length, secret, 0)), dh.Wipe);
                }

            default:
                {
                    HashAlgorithm h = kind switch
                    {
                        "hmac-md5" => HashAlgorithm.Md5,
                        "hmac-sha1" => HashAlgorithm.Sha1,
                        "sha256" => HashAlgorithm.Sha256,
                        _ => HashAlgorithm.Sha512,
                    };
                    var mac = (NativeHash)(kind.StartsWith("hmac", StringComparison.Ordinal) ? _native.CreateHmac(h, s_key, 0, 20) : _native.CreateHash(h));
                    return (mac.Slot, () => mac.Append(data, 0, 47), mac.Wipe);
                }
        }
    }
}
