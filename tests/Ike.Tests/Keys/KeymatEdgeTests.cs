using System.Security.Cryptography;
using NanoGate.Boards.Host;
using HashAlgorithm = NanoGate.Hal.Crypto.HashAlgorithm;

namespace NanoGate.Ike.Tests.Keys;

/// <summary>
/// The edges of phase 1 key derivation (RFC 2409 §5, Appendix B) that the vectors in
/// <see cref="KeymatTests"/> do not reach: the IVs from .NET's own hash, key expansion ending on a
/// block boundary, and the keys wiped when the SA dies.
/// </summary>
public class KeymatEdgeTests
{
    private static readonly DotNetCryptoProvider s_crypto = new();

    /// <summary>RFC 2409 Appendix B: the phase 1 IV is the head of HASH(g^xi | g^xr), one cipher block.</summary>
    [Theory]
    [InlineData(HashAlgorithm.Sha1, 8)]      // 3DES block
    [InlineData(HashAlgorithm.Sha256, 16)]   // AES block
    public void Phase1_iv_is_the_head_of_the_hash_of_both_public_values(HashAlgorithm hash, int blockSize)
    {
        byte[] gxi = Enumerable.Range(1, 64).Select(i => (byte)i).ToArray();
        byte[] gxr = Enumerable.Range(100, 64).Select(i => (byte)i).ToArray();
        byte[] full = hash == HashAlgorithm.Sha1 ? SHA1.HashData([.. gxi, .. gxr]) : SHA256.HashData([.. gxi, .. gxr]);

        Assert.Equal(full[..blockSize], new Keymat(s_crypto, hash).Phase1Iv(gxi, gxr, blockSize));
    }

    /// <summary>RFC 2409 Appendix B: a phase 2 IV is the head of HASH(last phase 1 CBC block | M-ID), M-ID in network order.</summary>
    [Theory]
    [InlineData(HashAlgorithm.Sha1, 8)]
    [InlineData(HashAlgorithm.Sha256, 16)]
    public void Phase2_iv_is_the_head_of_the_hash_of_the_last_block_and_message_id(HashAlgorithm hash, int blockSize)
    {
        // The last block is the first blockSize bytes of a longer buffer: only they count.
        byte[] last = Enumerable.Range(0x40, 24).Select(i => (byte)i).ToArray();
        byte[] input = [.. last[..blockSize], 0xB6, 0x68, 0xF1, 0x78];
        byte[] full = hash == HashAlgorithm.Sha1 ? SHA1.HashData(input) : SHA256.HashData(input);

        byte[] output = new byte[blockSize + 3];
        new Keymat(s_crypto, hash).Phase2Iv(last, 0xb668f178u, blockSize, output, 2);

        Assert.Equal(new byte[2], output[..2]);
        Assert.Equal(full[..blockSize], output[2..(2 + blockSize)]);
        Assert.Equal(0, output[2 + blockSize]);
    }

    /// <summary>RFC 2409 Appendix B: a key of exactly two prf blocks is K1 | K2 (SHA-1, 40 bytes), nothing more computed.</summary>
    [Theory]
    [InlineData(40)]
    [InlineData(21)]
    [InlineData(20)]
    [InlineData(8)]
    public void Expansion_takes_whole_and_partial_blocks(int keySize)
    {
        byte[] skeyidE = Enumerable.Range(7, 20).Select(i => (byte)i).ToArray();
        byte[] k1 = HMACSHA1.HashData(skeyidE, new byte[] { 0 });
        byte[] k2 = HMACSHA1.HashData(skeyidE, k1);
        byte[] expected = keySize <= 20 ? skeyidE[..keySize] : [.. k1, .. k2[..(keySize - 20)]];

        Assert.Equal(expected, new Keymat(s_crypto, HashAlgorithm.Sha1).Expand(skeyidE, keySize));
    }

    [Fact]
    public void Wipe_zeroes_every_key()
    {
        var keys = new Keymat(s_crypto, HashAlgorithm.Sha1);
        keys.Derive([0x75], new byte[8], new byte[8], new byte[32], [1, 2, 3, 4, 5, 6, 7, 8], new byte[8], 32);
        byte[][] all = [keys.Skeyid, keys.SkeyidD, keys.SkeyidA, keys.SkeyidE, keys.EncryptionKey];
        Assert.All(all, k => Assert.Contains(k, b => b != 0));

        keys.Wipe();

        Assert.All(all, k => Assert.All(k, b => Assert.Equal(0, b)));
        Assert.Equal(HashAlgorithm.Sha1, keys.Hash);
    }

    [Fact]
    public void Wipe_before_any_derivation_is_harmless()
    {
        // An SA that dies before its keys were derived is wiped too.
        var keys = new Keymat(s_crypto, HashAlgorithm.Sha256);
        keys.Wipe();
        Assert.Null(keys.Skeyid);
    }
}
