using System.Numerics;
using NanoGate.Boards.Host;
using NanoGate.Boards.Host.Dh;
using NanoGate.Boards.Host.LibCrypto;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Dh;
using NanoGate.Hal.Crypto.Soft;
using NanoGate.Hal.Tests.Dh;

namespace NanoGate.Hal.Tests.Crypto;

/// <summary>
/// The libcrypto paths (issue 19: EVP AES-GCM with a context per SA, BN_mod_exp) against .NET's
/// AesGcm and BigInteger and the portable code, byte for byte, over seeded keys, lengths, offsets
/// and many packets on one context (the per-packet nonce reset must not leak state between packets).
/// </summary>
public class LibCryptoDifferentialTests
{
    [Fact]
    public void Libcrypto_loads_on_this_host_and_the_dotnet_provider_uses_it()
    {
        Assert.True(LibCryptoModpDiffieHellman.IsAvailable);
        Assert.True(new DotNetCryptoProvider().UsesLibCrypto);
        Assert.False(new DotNetCryptoProvider(useLibCrypto: false).UsesLibCrypto);
        Assert.IsType<LibCryptoGcmAead>(new DotNetCryptoProvider().CreateGcm(new byte[16], 0, 16, 16));
        Assert.IsType<DotNetGcmAead>(new DotNetCryptoProvider(useLibCrypto: false).CreateGcm(new byte[16], 0, 16, 16));
    }

    [Theory]
    [InlineData(16, 16, 31u)]
    [InlineData(24, 16, 32u)]
    [InlineData(32, 16, 33u)]
    [InlineData(16, 12, 34u)]
    [InlineData(32, 12, 35u)]
    public void Gcm_matches_dotnet_and_portable_and_refuses_a_changed_byte(int keySize, int tagSize, uint seed)
    {
        var rng = new DeterministicRandom(seed);
        for (int k = 0; k < 40; k++)
        {
            byte[] key = Bytes(rng, keySize);
            IAead lib = new LibCryptoGcmAead(key, 0, keySize, tagSize);
            IAead bcl = new DotNetGcmAead(key, 0, keySize, tagSize);
            IAead soft = new PortableCryptoProvider().CreateGcm(key, 0, keySize, tagSize);
            for (int m = 0; m < 12; m++)
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
                byte[] tagC = new byte[tagSize + 2];
                lib.Encrypt(nonce, 5, aad, 3, aadCount, a, offset, length, tagA, 2);
                bcl.Encrypt(nonce, 5, aad, 3, aadCount, b, offset, length, tagB, 2);
                soft.Encrypt(nonce, 5, aad, 3, aadCount, c, offset, length, tagC, 2);
                string where = $"seed {seed} key {k} message {m} length {length} aad {aadCount}";
                Assert.True(a.AsSpan().SequenceEqual(b), "ciphertext differs from .NET: " + where);
                Assert.True(a.AsSpan().SequenceEqual(c), "ciphertext differs from portable: " + where);
                Assert.True(tagA.AsSpan().SequenceEqual(tagB), "tag differs from .NET: " + where);
                Assert.True(tagA.AsSpan().SequenceEqual(tagC), "tag differs from portable: " + where);

                if (length > 0 && m % 3 == 0)
                {
                    byte[] forged = (byte[])a.Clone();
                    forged[offset + (int)(rng.Next() % (uint)length)] ^= 0x01;
                    Assert.False(lib.Decrypt(nonce, 5, aad, 3, aadCount, forged, offset, length, tagA, 2), where);
                    Assert.True(forged.AsSpan(offset, length).IndexOfAnyExcept((byte)0) < 0, "forgery left bytes behind: " + where);
                }

                Assert.True(lib.Decrypt(nonce, 5, aad, 3, aadCount, b, offset, length, tagB, 2), where);
                Assert.True(b.AsSpan().SequenceEqual(plain), "libcrypto decrypt: " + where);
            }

            lib.Wipe();
            bcl.Wipe();
        }
    }

    [Theory]
    [MemberData(nameof(DhTestData.ModpTheory), MemberType = typeof(DhTestData))]
    public void Modp_matches_BigInteger_and_portable_on_seeded_key_pairs_and_secrets(DhGroup group)
    {
        BigInteger p = HostModpDiffieHellman.Prime(group);
        int size = ModpGroups.PrimeLength(group);
        for (uint seed = 1; seed <= 4; seed++)
        {
            var lib = new LibCryptoModpDiffieHellman(group, new DeterministicRandom(seed));
            var big = new HostModpDiffieHellman(group, new DeterministicRandom(seed));
            var portable = new ModpDiffieHellman(group, new DeterministicRandom(seed));
            byte[] pub = new byte[size];
            byte[] other = new byte[size];
            lib.WritePublicValue(pub, 0);
            big.WritePublicValue(other, 0);
            Assert.Equal(other, pub);
            portable.WritePublicValue(other, 0);
            Assert.Equal(other, pub);

            byte[] raw = new byte[size + 8];
            new DeterministicRandom(seed + 1000).Fill(raw, 0, raw.Length);
            byte[] peer = DhTestData.Bytes((DhTestData.Big(raw) % (p - 3)) + 2, size);
            byte[] fromLib = new byte[size + 3];
            byte[] fromBig = new byte[size];
            Assert.Equal(DhResult.Ok, lib.ComputeSharedSecret(peer, 0, size, fromLib, 3));
            Assert.Equal(DhResult.Ok, big.ComputeSharedSecret(peer, 0, size, fromBig, 0));
            Assert.Equal(fromBig, fromLib[3..]);
            lib.Wipe();
        }
    }

    [Fact]
    public void Modp_refuses_out_of_range_and_short_peer_values()
    {
        var dh = new LibCryptoModpDiffieHellman(DhGroup.Modp2048, new DeterministicRandom(9));
        int size = dh.PublicValueLength;
        byte[] output = new byte[size];
        byte[] one = new byte[size];
        one[^1] = 1;
        byte[] pMinusOne = DhTestData.Bytes(HostModpDiffieHellman.Prime(DhGroup.Modp2048) - 1, size);
        byte[] two = new byte[size];
        two[^1] = 2;
        Assert.Equal(DhResult.OutOfRange, dh.ComputeSharedSecret(new byte[size], 0, size, output, 0));
        Assert.Equal(DhResult.OutOfRange, dh.ComputeSharedSecret(one, 0, size, output, 0));
        Assert.Equal(DhResult.OutOfRange, dh.ComputeSharedSecret(pMinusOne, 0, size, output, 0));
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(two, 1, size - 1, output, 0));
        Assert.Equal(DhResult.Ok, dh.ComputeSharedSecret(two, 0, size, output, 0));
    }

    private static byte[] Bytes(DeterministicRandom rng, int n)
    {
        byte[] b = new byte[n];
        rng.Fill(b, 0, n);
        return b;
    }
}
