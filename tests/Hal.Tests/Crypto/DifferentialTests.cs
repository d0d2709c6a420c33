using NanoGate.Boards.Host;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Hal.Tests.Crypto;

/// <summary>
/// Host (.NET/OpenSSL) against portable, byte for byte, over seeded random keys, lengths and buffer
/// offsets. The seed is in each test so a failure reproduces; the message names the iteration.
/// Cipher objects are reused across messages, which also exercises the host CBC chain folding.
/// </summary>
public class DifferentialTests
{
    private readonly ICryptoProvider _host = new DotNetCryptoProvider();
    private readonly ICryptoProvider _soft = new PortableCryptoProvider();

    [Theory]
    [InlineData(CipherAlgorithm.AesCbc, 16, 1u)]
    [InlineData(CipherAlgorithm.AesCbc, 24, 2u)]
    [InlineData(CipherAlgorithm.AesCbc, 32, 3u)]
    [InlineData(CipherAlgorithm.TripleDesCbc, 24, 4u)]
    public void Cbc_matches(CipherAlgorithm algorithm, int keySize, uint seed)
    {
        var rng = new DeterministicRandom(seed);
        int keys = algorithm == CipherAlgorithm.TripleDesCbc ? 60 : 250;
        for (int k = 0; k < keys; k++)
        {
            byte[] keyBuffer = Bytes(rng, keySize + 8);
            int keyOffset = (int)(rng.Next() % 9);
            IBlockCipher host = _host.CreateCbc(algorithm, keyBuffer, keyOffset, keySize);
            IBlockCipher soft = _soft.CreateCbc(algorithm, keyBuffer, keyOffset, keySize);
            int bs = host.BlockSize;
            Assert.Equal(bs, soft.BlockSize);
            for (int m = 0; m < 8; m++)
            {
                int length = (int)(rng.Next() % (2000 / bs + 1)) * bs;
                int offset = (int)(rng.Next() % 40);
                int ivOffset = (int)(rng.Next() % 20);
                byte[] iv = Bytes(rng, ivOffset + bs);
                byte[] plain = Bytes(rng, offset + length + 7);
                byte[] a = (byte[])plain.Clone();
                byte[] b = (byte[])plain.Clone();
                host.EncryptCbc(iv, ivOffset, a, offset, length);
                soft.EncryptCbc(iv, ivOffset, b, offset, length);
                string where = $"seed {seed} key {k} message {m} length {length} offset {offset}";
                Assert.True(a.AsSpan().SequenceEqual(b), "encrypt differs: " + where);

                // Cross: what one encrypted the other decrypts, and untouched bytes stay untouched.
                host.DecryptCbc(iv, ivOffset, b, offset, length);
                soft.DecryptCbc(iv, ivOffset, a, offset, length);
                Assert.True(a.AsSpan().SequenceEqual(plain), "portable decrypt: " + where);
                Assert.True(b.AsSpan().SequenceEqual(plain), "host decrypt: " + where);
            }
        }
    }

    [Theory]
    [InlineData(16, 16, 11u)]
    [InlineData(24, 16, 12u)]
    [InlineData(32, 16, 13u)]
    [InlineData(16, 12, 14u)]
    [InlineData(32, 12, 15u)]
    [InlineData(16, 8, 16u)]
    public void Gcm_matches(int keySize, int tagSize, uint seed)
    {
        var rng = new DeterministicRandom(seed);
        for (int k = 0; k < 150; k++)
        {
            byte[] key = Bytes(rng, keySize);
            IAead host = _host.CreateGcm(key, 0, keySize, tagSize);
            IAead soft = _soft.CreateGcm(key, 0, keySize, tagSize);

            // The 8-byte tag is checked against .NET's full tag, since the host serves it with the portable AEAD.
            IAead full = _host.CreateGcm(key, 0, keySize, 16);
            for (int m = 0; m < 6; m++)
            {
                int length = (int)(rng.Next() % 2001);
                int offset = (int)(rng.Next() % 40);
                int aadCount = (int)(rng.Next() % 3) switch { 0 => 8, 1 => 12, _ => (int)(rng.Next() % 40) };
                byte[] nonce = Bytes(rng, 12 + 5);
                byte[] aad = Bytes(rng, aadCount + 3);
                byte[] plain = Bytes(rng, offset + length + 5);
                byte[] a = (byte[])plain.Clone();
                byte[] b = (byte[])plain.Clone();
                byte[] c = (byte[])plain.Clone();
                byte[] tagA = new byte[tagSize + 2];
                byte[] tagB = new byte[tagSize + 2];
                byte[] tagC = new byte[16];
                host.Encrypt(nonce, 5, aad, 3, aadCount, a, offset, length, tagA, 2);
                soft.Encrypt(nonce, 5, aad, 3, aadCount, b, offset, length, tagB, 2);
                full.Encrypt(nonce, 5, aad, 3, aadCount, c, offset, length, tagC, 0);
                string where = $"seed {seed} key {k} message {m} length {length} aad {aadCount}";
                Assert.True(a.AsSpan().SequenceEqual(b), "ciphertext differs: " + where);
                Assert.True(c.AsSpan().SequenceEqual(b), "ciphertext differs from .NET: " + where);
                Assert.True(tagA.AsSpan().SequenceEqual(tagB), "tag differs: " + where);
                Assert.True(tagB.AsSpan(2, tagSize).SequenceEqual(tagC.AsSpan(0, tagSize)), "tag is not .NET's leading bytes: " + where);

                Assert.True(host.Decrypt(nonce, 5, aad, 3, aadCount, b, offset, length, tagB, 2), where);
                Assert.True(soft.Decrypt(nonce, 5, aad, 3, aadCount, a, offset, length, tagA, 2), where);
                Assert.True(a.AsSpan().SequenceEqual(plain), "portable decrypt: " + where);
                Assert.True(b.AsSpan().SequenceEqual(plain), "host decrypt: " + where);
            }
        }
    }

    [Theory]
    [InlineData(HashAlgorithm.Md5, 21u)]
    [InlineData(HashAlgorithm.Sha1, 22u)]
    [InlineData(HashAlgorithm.Sha256, 23u)]
    [InlineData(HashAlgorithm.Sha384, 24u)]
    [InlineData(HashAlgorithm.Sha512, 25u)]
    public void Hash_and_hmac_match(HashAlgorithm algorithm, uint seed)
    {
        var rng = new DeterministicRandom(seed);
        IHash hostHash = _host.CreateHash(algorithm);
        IHash softHash = _soft.CreateHash(algorithm);
        for (int k = 0; k < 250; k++)
        {
            int keyCount = (int)(rng.Next() % 200);
            byte[] key = Bytes(rng, keyCount + 3);
            IHash hostMac = _host.CreateHmac(algorithm, key, 3, keyCount);
            IHash softMac = _soft.CreateHmac(algorithm, key, 3, keyCount);
            for (int m = 0; m < 4; m++)
            {
                int length = (int)(rng.Next() % 2001);
                byte[] data = Bytes(rng, length + 10);
                string where = $"seed {seed} key {k} ({keyCount} bytes) message {m} length {length}";
                Assert.Equal(Run(hostHash, data, 10, length, rng), Run(softHash, data, 10, length, rng));
                Assert.True(Run(hostMac, data, 10, length, rng) == Run(softMac, data, 10, length, rng), "hmac differs: " + where);
            }
        }
    }

    /// <summary>Appends in random pieces, finishes at a random offset, returns hex.</summary>
    private static string Run(IHash h, byte[] data, int offset, int length, DeterministicRandom rng)
    {
        int done = 0;
        while (done < length)
        {
            int piece = (int)(rng.Next() % 300);
            if (piece > length - done)
            {
                piece = length - done;
            }

            h.Append(data, offset + done, piece);
            done += piece;
        }

        int outOffset = (int)(rng.Next() % 7);
        byte[] output = new byte[outOffset + h.HashSize];
        h.Finish(output, outOffset);
        return Hex.Format(output, outOffset, h.HashSize);
    }

    private static byte[] Bytes(DeterministicRandom rng, int count)
    {
        byte[] b = new byte[count];
        rng.Fill(b, 0, count);
        return b;
    }
}
