using NanoGate.Hal.Crypto;

namespace NanoGate.Hal.Tests.Crypto;

/// <summary>
/// McGrew and Viega, "The Galois/Counter Mode of Operation (GCM)", Appendix B test cases
/// (the same vectors as the GCM spec submitted to NIST for SP 800-38D); all use 96-bit IVs.
/// </summary>
public class GcmKnownAnswerTests
{
    private const string Key3 = "feffe9928665731c6d6a8f9467308308";
    private const string Iv3 = "cafebabefacedbaddecaf888";
    private const string Plain3 =
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    private const string Plain4 =
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
    private const string Aad4 = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

    public static TheoryData<string, string, string, string, string, string, string, string> Cases()
    {
        var rows = new TheoryData<string, string, string, string, string, string, string, string>();
        foreach (string provider in Providers.All)
        {
            rows.Add(provider, "Test Case 1", new string('0', 32), new string('0', 24), "", "", "", "58e2fccefa7e3061367f1d57a4e7455a");
            rows.Add(provider, "Test Case 2", new string('0', 32), new string('0', 24), new string('0', 32), "",
                "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf");
            rows.Add(provider, "Test Case 3", Key3, Iv3, Plain3, "",
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
                "4d5c2af327cd64a62cf35abd2ba6fab4");
            rows.Add(provider, "Test Case 4", Key3, Iv3, Plain4, Aad4,
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
                "5bc94fbc3221a5db94fae95ae7121a47");
            rows.Add(provider, "Test Case 13", new string('0', 64), new string('0', 24), "", "", "", "530f8afbc74536b9a963b4f1c4cb738b");
            rows.Add(provider, "Test Case 14", new string('0', 64), new string('0', 24), new string('0', 32), "",
                "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919");
            rows.Add(provider, "Test Case 15", Key3 + Key3, Iv3, Plain3, "",
                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
                "b094dac5d93471bdec1a502270e3cc6c");
            rows.Add(provider, "Test Case 16", Key3 + Key3, Iv3, Plain4, Aad4,
                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
                "76fc6ece0f4e1768cddf8853bb2d551b");
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void McGrew_Viega_test_case(string provider, string name, string key, string iv, string plain, string aad, string cipher, string tag)
    {
        Assert.NotEmpty(name);
        ICryptoProvider p = Providers.Get(provider);
        byte[] k = Hex.Parse(key);
        byte[] nonce = Hex.Parse(iv);
        byte[] a = Hex.Parse(aad);
        foreach (int tagSize in new[] { 16, 12, 8 })
        {
            IAead gcm = p.CreateGcm(k, 0, k.Length, tagSize);
            Assert.Equal(tagSize, gcm.TagSize);
            byte[] buffer = Hex.Parse(plain);
            byte[] t = new byte[tagSize];
            gcm.Encrypt(nonce, 0, a, 0, a.Length, buffer, 0, buffer.Length, t, 0);
            Assert.Equal(cipher, Hex.Format(buffer));

            // Shorter tags are the leading bytes of the full tag (SP 800-38D §5.2.1.2).
            Assert.Equal(tag[..(2 * tagSize)], Hex.Format(t));
            Assert.True(gcm.Decrypt(nonce, 0, a, 0, a.Length, buffer, 0, buffer.Length, t, 0));
            Assert.Equal(plain, Hex.Format(buffer));
        }
    }

    // Test Case 4 placed at odd offsets inside larger buffers, as ESP hands them over.
    [Theory]
    [InlineData(Providers.Portable)]
    [InlineData(Providers.DotNet)]
    [InlineData(Providers.Native)]
    public void Offsets_are_honoured(string provider)
    {
        ICryptoProvider p = Providers.Get(provider);
        byte[] k = new byte[21];
        Hex.Parse(Key3).CopyTo(k, 5);
        byte[] nonce = new byte[15];
        Hex.Parse(Iv3).CopyTo(nonce, 3);
        byte[] a = new byte[27];
        Hex.Parse(Aad4).CopyTo(a, 7);
        byte[] buffer = new byte[80];
        Hex.Parse(Plain4).CopyTo(buffer, 9);
        byte[] t = new byte[19];
        IAead gcm = p.CreateGcm(k, 5, 16, 16);
        gcm.Encrypt(nonce, 3, a, 7, 20, buffer, 9, 60, t, 3);
        Assert.Equal("5bc94fbc3221a5db94fae95ae7121a47", Hex.Format(t, 3, 16));
        Assert.Equal("42831ec2217774244b7221b784d0d49c", Hex.Format(buffer, 9, 16));
        Assert.All(buffer[..9], b => Assert.Equal(0, b));
        Assert.All(buffer[69..], b => Assert.Equal(0, b));
        Assert.True(gcm.Decrypt(nonce, 3, a, 7, 20, buffer, 9, 60, t, 3));
        Assert.Equal(Plain4, Hex.Format(buffer, 9, 60));
    }
}
