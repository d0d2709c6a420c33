using NanoGate.Boards.Host;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Native;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Hal.Tests.Crypto;

/// <summary>
/// Native (native over mbedTLS) against .NET (boards/Host, OpenSSL) and portable
/// (hal/Crypto/Soft), byte for byte, on seeded random keys, lengths (0 and block edges included)
/// and buffer offsets, for every algorithm and key or tag size. The seed is in each case, the
/// message names the iteration. Objects are reused across messages and wiped at the end.
/// </summary>
public class NativeDifferentialTests
{
    private static readonly int[] s_edges = [0, 1, 15, 16, 17, 63, 64, 65, 1400];
    private readonly ICryptoProvider _native = new NativeCryptoProvider();
    private readonly ICryptoProvider _dotnet = new DotNetCryptoProvider();
    private readonly ICryptoProvider _portable = new PortableCryptoProvider();

    [Theory]
    [InlineData(CipherAlgorithm.AesCbc, 16, 101u)]
    [InlineData(CipherAlgorithm.AesCbc, 24, 102u)]
    [InlineData(CipherAlgorithm.AesCbc, 32, 103u)]
    [InlineData(CipherAlgorithm.TripleDesCbc, 24, 104u)]
    public void Cbc_equals_dotnet_and_portable(CipherAlgorithm algorithm, int keySize, uint seed)
    {
        var rng = new DeterministicRandom(seed);
        for (int k = 0; k < 40; k++)
        {
            byte[] key = Bytes(rng, keySize + 8);
            int keyOffset = (int)(rng.Next() % 9);
            IBlockCipher[] all =
            [
                _native.CreateCbc(algorithm, key, keyOffset, keySize),
                _dotnet.CreateCbc(algorithm, key, keyOffset, keySize),
                _portable.CreateCbc(algorithm, key, keyOffset, keySize),
            ];
            int bs = all[0].BlockSize;
            for (int m = 0; m < 8; m++)
            {
                int length = m == 0 ? 0 : (int)(rng.Next() % (1500 / bs + 1)) * bs;
                int offset = (int)(rng.Next() % 40);
                int ivOffset = (int)(rng.Next() % 20);
                byte[] iv = Bytes(rng, ivOffset + bs);
                byte[] plain = Bytes(rng, offset + length + 7);
                byte[][] out3 = [(byte[])plain.Clone(), (byte[])plain.Clone(), (byte[])plain.Clone()];
                for (int i = 0; i < 3; i++)
                {
                    all[i].EncryptCbc(iv, ivOffset, out3[i], offset, length);
                }

                string where = $"seed {seed} key {k} message {m} length {length} offset {offset}";
                Assert.True(out3[0].AsSpan().SequenceEqual(out3[1]), "native differs from .NET: " + where);
                Assert.True(out3[0].AsSpan().SequenceEqual(out3[2]), "native differs from portable: " + where);

                // The native cipher decrypts what the others encrypted.
                all[0].DecryptCbc(iv, ivOffset, out3[1], offset, length);
                Assert.True(out3[1].AsSpan().SequenceEqual(plain), "native decrypt: " + where);
            }

            all[0].Wipe();
        }
    }

    [Theory]
    [InlineData(16, 16, 111u)]
    [InlineData(24, 16, 112u)]
    [InlineData(32, 16, 113u)]
    [InlineData(16, 12, 114u)]
    [InlineData(32, 12, 115u)]
    [InlineData(16, 8, 116u)]
    [InlineData(32, 8, 117u)]
    public void Gcm_equals_dotnet_and_portable(int keySize, int tagSize, uint seed)
    {
        var rng = new DeterministicRandom(seed);
        for (int k = 0; k < 30; k++)
        {
            byte[] key = Bytes(rng, keySize);
            IAead native = _native.CreateGcm(key, 0, keySize, tagSize);
            IAead portable = _portable.CreateGcm(key, 0, keySize, tagSize);
            IAead dotnet = _dotnet.CreateGcm(key, 0, keySize, 16); // .NET's full tag; shorter ones are its leading bytes
            for (int m = 0; m < 8; m++)
            {
                int length = m < s_edges.Length && k == 0 ? s_edges[m] : (int)(rng.Next() % 1501);
                int offset = (int)(rng.Next() % 40);
                int aadCount = (int)(rng.Next() % 3) switch { 0 => 8, 1 => 12, _ => (int)(rng.Next() % 40) };
                byte[] nonce = Bytes(rng, 12 + 5);
                byte[] aad = Bytes(rng, aadCount + 3);
                byte[] plain = Bytes(rng, offset + length + 5);
                byte[] a = (byte[])plain.Clone(), b = (byte[])plain.Clone(), c = (byte[])plain.Clone();
                byte[] tagA = new byte[tagSize + 2], tagB = new byte[tagSize + 2], tagC = new byte[16];
                native.Encrypt(nonce, 5, aad, 3, aadCount, a, offset, length, tagA, 2);
                portable.Encrypt(nonce, 5, aad, 3, aadCount, b, offset, length, tagB, 2);
                dotnet.Encrypt(nonce, 5, aad, 3, aadCount, c, offset, length, tagC, 0);
                string where = $"seed {seed} key {k} message {m} length {length} aad {aadCount}";
                Assert.True(a.AsSpan().SequenceEqual(b), "ciphertext differs from portable: " + where);
                Assert.True(a.AsSpan().SequenceEqual(c), "ciphertext differs from .NET: " + where);
                Assert.True(tagA.AsSpan().SequenceEqual(tagB), "tag differs from portable: " + where);
                Assert.True(tagA.AsSpan(2, tagSize).SequenceEqual(tagC.AsSpan(0, tagSize)), "tag differs from .NET: " + where);

                // Opens what portable sealed; refuses it with one bit of the tag flipped, zeroing the buffer.
                Assert.True(native.Decrypt(nonce, 5, aad, 3, aadCount, b, offset, length, tagB, 2), where);
                Assert.True(b.AsSpan().SequenceEqual(plain), "native decrypt: " + where);
                tagA[2 + (m % tagSize)] ^= 0x20;
                Assert.False(native.Decrypt(nonce, 5, aad, 3, aadCount, a, offset, length, tagA, 2), "forged tag accepted: " + where);
                Assert.True(a.AsSpan(offset, length).IndexOfAnyExcept((byte)0) < 0, "forged packet left as data: " + where);
            }

            native.Wipe();
        }
    }

    [Theory]
    [InlineData(HashAlgorithm.Md5, 121u)]
    [InlineData(HashAlgorithm.Sha1, 122u)]
    [InlineData(HashAlgorithm.Sha256, 123u)]
    [InlineData(HashAlgorithm.Sha384, 124u)]
    [InlineData(HashAlgorithm.Sha512, 125u)]
    public void Hash_and_hmac_equal_dotnet_and_portable(HashAlgorithm algorithm, uint seed)
    {
        var rng = new DeterministicRandom(seed);
        IHash[] hashes = [_native.CreateHash(algorithm), _dotnet.CreateHash(algorithm), _portable.CreateHash(algorithm)];
        for (int k = 0; k < 60; k++)
        {
            // Keys from empty through longer than the block (which HMAC hashes first, RFC 2104 §2).
            int keyCount = k < 3 ? k * 100 : (int)(rng.Next() % 200);
            byte[] key = Bytes(rng, keyCount + 3);
            IHash[] macs =
            [
                _native.CreateHmac(algorithm, key, 3, keyCount),
                _dotnet.CreateHmac(algorithm, key, 3, keyCount),
                _portable.CreateHmac(algorithm, key, 3, keyCount),
            ];
            for (int m = 0; m < 4; m++)
            {
                int length = k == 0 ? s_edges[m * 2] : (int)(rng.Next() % 2001);
                byte[] data = Bytes(rng, length + 10);
                string where = $"seed {seed} key {k} ({keyCount} bytes) message {m} length {length}";
                uint pieceSeed = rng.Next();
                string expectedHash = Run(hashes[1], data, length, pieceSeed);
                string expectedMac = Run(macs[1], data, length, pieceSeed);
                Assert.Equal(expectedHash, Run(hashes[2], data, length, pieceSeed));
                Assert.Equal(expectedMac, Run(macs[2], data, length, pieceSeed));
                Assert.True(Run(hashes[0], data, length, pieceSeed) == expectedHash, "hash differs: " + where);
                Assert.True(Run(macs[0], data, length, pieceSeed) == expectedMac, "hmac differs: " + where);
            }

            // Reset discards what was appended.
            macs[0].Append(key, 0, key.Length);
            macs[0].Reset();
            Assert.Equal(Run(macs[1], key, 0, 1), Run(macs[0], key, 0, 1));
            macs[0].Wipe();
        }

        hashes[0].Wipe();
    }

    [Theory]
    [InlineData(DhGroup.Modp1024)]
    [InlineData(DhGroup.Modp1536)]
    [InlineData(DhGroup.Modp2048)]
    [InlineData(DhGroup.Modp3072)]
    [InlineData(DhGroup.Modp4096)]
    [InlineData(DhGroup.Ecp256)]
    [InlineData(DhGroup.Ecp384)]
    [InlineData(DhGroup.Ecp521)]
    public void Diffie_Hellman_equals_dotnet_and_portable(DhGroup group)
    {
        for (uint seed = 131; seed < 134; seed++)
        {
            // The same seeded source draws the same private value in all three.
            IDiffieHellman native = _native.CreateDiffieHellman(group, new DeterministicRandom(seed));
            IDiffieHellman dotnet = _dotnet.CreateDiffieHellman(group, new DeterministicRandom(seed));
            IDiffieHellman portable = _portable.CreateDiffieHellman(group, new DeterministicRandom(seed));
            Assert.Equal(PublicOf(dotnet), PublicOf(native));
            Assert.Equal(PublicOf(portable), PublicOf(native));

            // Each against a peer of another provider: one secret.
            IDiffieHellman peer = _dotnet.CreateDiffieHellman(group, new DeterministicRandom(seed + 1000));
            byte[] peerValue = PublicOf(peer);
            byte[] fromNative = new byte[native.SharedSecretLength + 3];
            byte[] fromPortable = new byte[native.SharedSecretLength];
            byte[] fromPeer = new byte[native.SharedSecretLength];
            byte[] padded = new byte[peerValue.Length + 7];
            peerValue.CopyTo(padded, 7);
            Assert.Equal(DhResult.Ok, native.ComputeSharedSecret(padded, 7, peerValue.Length, fromNative, 3));
            Assert.Equal(DhResult.Ok, portable.ComputeSharedSecret(peerValue, 0, peerValue.Length, fromPortable, 0));
            Assert.Equal(DhResult.Ok, peer.ComputeSharedSecret(PublicOf(native), 0, native.PublicValueLength, fromPeer, 0));
            Assert.Equal(fromPortable, fromNative[3..]);
            Assert.Equal(fromPeer, fromPortable);
            native.Wipe();
        }
    }

    /// <summary>Appends in pieces drawn from <paramref name="pieceSeed"/>, finishes at an offset, returns hex.</summary>
    private static string Run(IHash h, byte[] data, int length, uint pieceSeed)
    {
        var rng = new DeterministicRandom(pieceSeed);
        int done = 0;
        while (done < length)
        {
            int piece = Math.Min((int)(rng.Next() % 300), length - done);
            h.Append(data, 10 + done, piece);
            done += piece;
        }

        int outOffset = (int)(rng.Next() % 7);
        byte[] output = new byte[outOffset + h.HashSize];
        h.Finish(output, outOffset);
        return Hex.Format(output, outOffset, h.HashSize);
    }

    private static byte[] PublicOf(IDiffieHellman dh)
    {
        byte[] value = new byte[dh.PublicValueLength];
        dh.WritePublicValue(value, 0);
        return value;
    }

    private static byte[] Bytes(DeterministicRandom rng, int count)
    {
        byte[] b = new byte[count];
        rng.Fill(b, 0, count);
        return b;
    }
}
