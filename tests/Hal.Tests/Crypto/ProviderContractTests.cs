using NanoGate.Hal.Crypto;

namespace NanoGate.Hal.Tests.Crypto;

/// <summary>What both providers offer and refuse (ICryptoProvider); DH arrives from another branch.</summary>
public class ProviderContractTests
{
    [Theory]
    [InlineData(Providers.Portable)]
    [InlineData(Providers.DotNet)]
    [InlineData(Providers.Native)]
    public void Names_and_supported_sets(string provider)
    {
        ICryptoProvider p = Providers.Get(provider);
        Assert.Equal(provider, p.Name);
        foreach (int size in new[] { 16, 24, 32 })
        {
            Assert.True(p.SupportsCipher(CipherAlgorithm.AesCbc, size));
            Assert.True(p.SupportsCipher(CipherAlgorithm.AesGcm, size));
        }

        Assert.True(p.SupportsCipher(CipherAlgorithm.TripleDesCbc, 24));
        Assert.False(p.SupportsCipher(CipherAlgorithm.TripleDesCbc, 16));
        Assert.False(p.SupportsCipher(CipherAlgorithm.AesCbc, 20));
        Assert.False(p.SupportsCipher((CipherAlgorithm)99, 16));
        foreach (HashAlgorithm h in Enum.GetValues<HashAlgorithm>())
        {
            Assert.True(p.SupportsHash(h));
            Assert.Equal(Expected(h), p.CreateHash(h).HashSize);
            Assert.Equal(Expected(h), p.CreateHmac(h, new byte[4], 0, 4).HashSize);
        }

        Assert.False(p.SupportsHash((HashAlgorithm)3));
    }

    // Issue 17: an ESP SA only encrypts or only decrypts, so it asks for one direction and a
    // provider may keep one key schedule; the ciphertext and plaintext must be the two-way cipher's.
    [Theory]
    [InlineData(Providers.Portable, CipherAlgorithm.AesCbc, 16)]
    [InlineData(Providers.Portable, CipherAlgorithm.AesCbc, 32)]
    [InlineData(Providers.Portable, CipherAlgorithm.TripleDesCbc, 24)]
    [InlineData(Providers.DotNet, CipherAlgorithm.AesCbc, 24)]
    [InlineData(Providers.Native, CipherAlgorithm.AesCbc, 16)]
    public void A_one_direction_cbc_cipher_matches_the_two_way_one(string provider, CipherAlgorithm algorithm, int keySize)
    {
        ICryptoProvider p = Providers.Get(provider);
        byte[] key = Enumerable.Range(1, keySize).Select(i => (byte)(i * 7)).ToArray();
        byte[] iv = Enumerable.Range(0, 16).Select(i => (byte)(0xA0 + i)).ToArray();
        byte[] plain = Enumerable.Range(0, 64).Select(i => (byte)(i * 3)).ToArray();
        IBlockCipher both = p.CreateCbc(algorithm, key, 0, keySize);
        IBlockCipher encryptOnly = p.CreateCbc(algorithm, key, 0, keySize, encrypt: true);
        IBlockCipher decryptOnly = p.CreateCbc(algorithm, key, 0, keySize, encrypt: false);
        byte[] expected = (byte[])plain.Clone();
        both.EncryptCbc(iv, 0, expected, 0, expected.Length);
        byte[] got = (byte[])plain.Clone();
        encryptOnly.EncryptCbc(iv, 0, got, 0, got.Length);
        Assert.Equal(expected, got);
        Assert.NotEqual(plain, got);
        decryptOnly.DecryptCbc(iv, 0, got, 0, got.Length);
        Assert.Equal(plain, got);
        foreach (IBlockCipher c in new[] { both, encryptOnly, decryptOnly })
        {
            c.Wipe();
        }
    }

    [Theory]
    [InlineData(Providers.Portable)]
    [InlineData(Providers.DotNet)]
    [InlineData(Providers.Native)]
    public void Diffie_Hellman_groups_are_offered_and_agree(string provider)
    {
        ICryptoProvider p = Providers.Get(provider);
        DhGroup[] expected = [DhGroup.Modp1024, DhGroup.Modp1536, DhGroup.Modp2048, DhGroup.Modp3072, DhGroup.Modp4096, DhGroup.Ecp256, DhGroup.Ecp384, DhGroup.Ecp521];
        foreach (DhGroup g in Enum.GetValues<DhGroup>())
        {
            Assert.Equal(expected.Contains(g), p.SupportsGroup(g));
        }

        Assert.Throws<NotSupportedException>(() => p.CreateDiffieHellman(DhGroup.None, new DeterministicRandom(1)));
        foreach (DhGroup g in new[] { DhGroup.Modp2048, DhGroup.Ecp256 })
        {
            IDiffieHellman a = p.CreateDiffieHellman(g, new DeterministicRandom(1));
            IDiffieHellman b = p.CreateDiffieHellman(g, new DeterministicRandom(2));
            byte[] pa = new byte[a.PublicValueLength], pb = new byte[b.PublicValueLength];
            a.WritePublicValue(pa, 0);
            b.WritePublicValue(pb, 0);
            byte[] sa = new byte[a.SharedSecretLength], sb = new byte[b.SharedSecretLength];
            Assert.Equal(DhResult.Ok, a.ComputeSharedSecret(pb, 0, pb.Length, sa, 0));
            Assert.Equal(DhResult.Ok, b.ComputeSharedSecret(pa, 0, pa.Length, sb, 0));
            Assert.Equal(sa, sb);
        }
    }

    [Theory]
    [InlineData(Providers.Portable)]
    [InlineData(Providers.DotNet)]
    [InlineData(Providers.Native)]
    public void Bad_parameters_are_refused_at_creation(string provider)
    {
        ICryptoProvider p = Providers.Get(provider);
        byte[] key = new byte[32];
        Assert.ThrowsAny<ArgumentException>(() => p.CreateCbc(CipherAlgorithm.AesCbc, key, 0, 20));
        Assert.ThrowsAny<ArgumentException>(() => p.CreateCbc(CipherAlgorithm.TripleDesCbc, key, 0, 16));
        Assert.ThrowsAny<ArgumentException>(() => p.CreateCbc(CipherAlgorithm.AesGcm, key, 0, 16));
        Assert.ThrowsAny<ArgumentException>(() => p.CreateGcm(key, 0, 20, 16));
        Assert.ThrowsAny<ArgumentException>(() => p.CreateGcm(key, 0, 16, 10));
        Assert.ThrowsAny<ArgumentException>(() => p.CreateCbc(CipherAlgorithm.AesCbc, key, 20, 16));
        Assert.Equal(16, p.CreateGcm(key, 0, 32, 16).TagSize);
        Assert.Equal(32, p.CreateCbc(CipherAlgorithm.AesCbc, key, 0, 32).KeySize);
    }

    /// <summary>
    /// Objects keep no reference to the key array (ESP SAs and the CBC IV generator wipe or drop
    /// theirs right after creating them): wiping it afterwards changes nothing they compute.
    /// </summary>
    [Theory]
    [InlineData(Providers.Portable)]
    [InlineData(Providers.DotNet)]
    [InlineData(Providers.Native)]
    public void Objects_do_not_depend_on_the_key_array_after_creation(string provider)
    {
        ICryptoProvider p = Providers.Get(provider);
        byte[] key = TestBytes.Range(7, 38);
        byte[] iv = TestBytes.Range(90, 105);
        byte[] nonce = TestBytes.Range(40, 51);
        byte[] data = TestBytes.Range(1, 64);

        byte[] cbcKey = (byte[])key.Clone(), gcmKey = (byte[])key.Clone(), macKey = (byte[])key.Clone();
        IBlockCipher cbc = p.CreateCbc(CipherAlgorithm.AesCbc, cbcKey, 0, 32);
        IAead gcm = p.CreateGcm(gcmKey, 0, 32, 16);
        IHash mac = p.CreateHmac(HashAlgorithm.Sha256, macKey, 0, 32);
        Array.Clear(cbcKey);
        Array.Clear(gcmKey);
        Array.Clear(macKey);

        byte[] c = (byte[])data.Clone();
        cbc.EncryptCbc(iv, 0, c, 0, c.Length);
        Assert.Equal(Providers.EncryptCbc(p, CipherAlgorithm.AesCbc, key, iv, data), c);

        byte[] g = (byte[])data.Clone();
        byte[] tag = new byte[16];
        gcm.Encrypt(nonce, 0, iv, 0, 8, g, 0, g.Length, tag, 0);
        byte[] g2 = (byte[])data.Clone();
        byte[] tag2 = new byte[16];
        p.CreateGcm(key, 0, 32, 16).Encrypt(nonce, 0, iv, 0, 8, g2, 0, g2.Length, tag2, 0);
        Assert.Equal(g2, g);
        Assert.Equal(tag2, tag);

        byte[] m = new byte[32], m2 = new byte[32];
        mac.Append(data, 0, data.Length);
        mac.Finish(m, 0);
        IHash fresh = p.CreateHmac(HashAlgorithm.Sha256, key, 0, 32);
        fresh.Append(data, 0, data.Length);
        fresh.Finish(m2, 0);
        Assert.Equal(m2, m);
    }

    private static int Expected(HashAlgorithm h) => h switch
    {
        HashAlgorithm.Md5 => 16,
        HashAlgorithm.Sha1 => 20,
        HashAlgorithm.Sha256 => 32,
        HashAlgorithm.Sha384 => 48,
        _ => 64,
    };
}
