using NanoGate.Hal.Crypto;

namespace NanoGate.Hal.Tests.Crypto;

/// <summary>
/// RFC 4106 §2 / SP 800-38D §7.2: a packet whose tag does not verify is rejected, and its
/// plaintext is never released (the buffer stays ciphertext or is zeroed).
/// </summary>
public class TagFailureTests
{
    public static TheoryData<string, int> ProviderAndTag()
    {
        var rows = new TheoryData<string, int>();
        foreach (string p in Providers.All)
        {
            foreach (int tag in new[] { 16, 12, 8 })
            {
                rows.Add(p, tag);
            }
        }

        return rows;
    }

    private static (IAead Gcm, byte[] Nonce, byte[] Aad, byte[] Plain, byte[] Cipher, byte[] Tag) Sealed(string provider, int tagSize)
    {
        var rng = new DeterministicRandom(99);
        byte[] key = new byte[16];
        byte[] nonce = new byte[12];
        byte[] aad = new byte[8];
        byte[] plain = new byte[100];
        rng.Fill(key, 0, 16);
        rng.Fill(nonce, 0, 12);
        rng.Fill(aad, 0, 8);
        rng.Fill(plain, 0, 100);
        IAead gcm = Providers.Get(provider).CreateGcm(key, 0, 16, tagSize);
        byte[] cipher = (byte[])plain.Clone();
        byte[] tag = new byte[tagSize];
        gcm.Encrypt(nonce, 0, aad, 0, 8, cipher, 0, 100, tag, 0);
        return (gcm, nonce, aad, plain, cipher, tag);
    }

    private static void AssertNotReleased(byte[] buffer, byte[] plain, byte[] cipher)
    {
        bool zeroed = buffer.All(b => b == 0);
        bool ciphertext = buffer.AsSpan().SequenceEqual(cipher);
        Assert.True(zeroed || ciphertext, "buffer after a failed Decrypt must be ciphertext or zeros");
        Assert.False(buffer.AsSpan().SequenceEqual(plain));
    }

    [Theory]
    [MemberData(nameof(ProviderAndTag))]
    public void Every_flipped_tag_bit_is_rejected(string provider, int tagSize)
    {
        var s = Sealed(provider, tagSize);
        for (int bit = 0; bit < 8 * tagSize; bit++)
        {
            byte[] tag = (byte[])s.Tag.Clone();
            tag[bit / 8] ^= (byte)(1 << (bit % 8));
            byte[] buffer = (byte[])s.Cipher.Clone();
            Assert.False(s.Gcm.Decrypt(s.Nonce, 0, s.Aad, 0, 8, buffer, 0, 100, tag, 0), $"tag bit {bit}");
            AssertNotReleased(buffer, s.Plain, s.Cipher);
        }
    }

    [Theory]
    [MemberData(nameof(ProviderAndTag))]
    public void Flipped_ciphertext_aad_or_nonce_bit_is_rejected(string provider, int tagSize)
    {
        var s = Sealed(provider, tagSize);
        foreach (int bit in new[] { 0, 7, 100, 799 })
        {
            byte[] buffer = (byte[])s.Cipher.Clone();
            buffer[bit / 8] ^= (byte)(1 << (bit % 8));
            byte[] tampered = (byte[])buffer.Clone();
            Assert.False(s.Gcm.Decrypt(s.Nonce, 0, s.Aad, 0, 8, buffer, 0, 100, s.Tag, 0), $"ciphertext bit {bit}");
            Assert.True(buffer.All(b => b == 0) || buffer.AsSpan().SequenceEqual(tampered));
        }

        byte[] aad = (byte[])s.Aad.Clone();
        aad[7] ^= 1; // the sequence number's low bit (RFC 4106 §5 AAD = SPI | sequence)
        byte[] b1 = (byte[])s.Cipher.Clone();
        Assert.False(s.Gcm.Decrypt(s.Nonce, 0, aad, 0, 8, b1, 0, 100, s.Tag, 0));
        AssertNotReleased(b1, s.Plain, s.Cipher);

        byte[] nonce = (byte[])s.Nonce.Clone();
        nonce[11] ^= 0x80;
        byte[] b2 = (byte[])s.Cipher.Clone();
        Assert.False(s.Gcm.Decrypt(nonce, 0, s.Aad, 0, 8, b2, 0, 100, s.Tag, 0));
        AssertNotReleased(b2, s.Plain, s.Cipher);

        // The untouched packet still opens on the same object afterwards.
        byte[] ok = (byte[])s.Cipher.Clone();
        Assert.True(s.Gcm.Decrypt(s.Nonce, 0, s.Aad, 0, 8, ok, 0, 100, s.Tag, 0));
        Assert.Equal(s.Plain, ok);
    }

    [Fact]
    public void FixedTime_AreEqual_compares_ranges()
    {
        byte[] a = Hex.Parse("00112233445566778899");
        byte[] b = Hex.Parse("ff00112233445566778899");
        Assert.True(FixedTime.AreEqual(a, 0, b, 1, 10));
        Assert.True(FixedTime.AreEqual(a, 3, b, 4, 0));
        for (int i = 0; i < 10; i++)
        {
            byte[] c = (byte[])b.Clone();
            c[1 + i] ^= 0x01;
            Assert.False(FixedTime.AreEqual(a, 0, c, 1, 10), $"difference at byte {i}");
        }

        Assert.False(FixedTime.AreEqual(a, 0, b, 0, 1));
    }

    [Fact]
    public void FixedTime_Wipe_zeroes_the_range_only()
    {
        byte[] k = Hex.Parse("0102030405");
        FixedTime.Wipe(k, 1, 3);
        Assert.Equal(Hex.Parse("0100000005"), k);
        FixedTime.Wipe(k);
        Assert.All(k, v => Assert.Equal(0, v));
        FixedTime.Wipe(null!);
    }
}
