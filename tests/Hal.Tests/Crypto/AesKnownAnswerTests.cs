using NanoGate.Hal.Crypto;

namespace NanoGate.Hal.Tests.Crypto;

public class AesKnownAnswerTests
{
    // FIPS 197 Appendix C.1-C.3: key 00 01 02 ..., plaintext 00112233...eeff. One block = CBC with a zero IV.
    [Theory]
    [InlineData(Providers.Portable, 16, "69c4e0d86a7b0430d8cdb78070b4c55a")]
    [InlineData(Providers.Portable, 24, "dda97ca4864cdfe06eaf70a0ec0d7191")]
    [InlineData(Providers.Portable, 32, "8ea2b7ca516745bfeafc49904b496089")]
    [InlineData(Providers.DotNet, 16, "69c4e0d86a7b0430d8cdb78070b4c55a")]
    [InlineData(Providers.Native, 16, "69c4e0d86a7b0430d8cdb78070b4c55a")]
    [InlineData(Providers.DotNet, 24, "dda97ca4864cdfe06eaf70a0ec0d7191")]
    [InlineData(Providers.Native, 24, "dda97ca4864cdfe06eaf70a0ec0d7191")]
    [InlineData(Providers.DotNet, 32, "8ea2b7ca516745bfeafc49904b496089")]
    [InlineData(Providers.Native, 32, "8ea2b7ca516745bfeafc49904b496089")]
    public void Fips197_appendix_C_block(string provider, int keySize, string expected)
    {
        ICryptoProvider p = Providers.Get(provider);
        byte[] key = TestBytes.Range(0, keySize - 1);
        byte[] plain = Hex.Parse("00112233445566778899aabbccddeeff");
        byte[] iv = new byte[16];
        byte[] cipher = Providers.EncryptCbc(p, CipherAlgorithm.AesCbc, key, iv, plain);
        Assert.Equal(expected, Hex.Format(cipher));
        Assert.Equal(plain, Providers.DecryptCbc(p, CipherAlgorithm.AesCbc, key, iv, cipher));
    }

    private const string Sp80038aPlain =
        "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51 30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710";

    // NIST SP 800-38A Appendix F.2.1/F.2.2 (CBC-AES128), F.2.3/F.2.4 (CBC-AES192), F.2.5/F.2.6 (CBC-AES256).
    [Theory]
    [InlineData(Providers.Portable, "2b7e151628aed2a6abf7158809cf4f3c",
        "7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2 73bed6b8e3c1743b7116e69e22229516 3ff1caa1681fac09120eca307586e1a7")]
    [InlineData(Providers.Portable, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
        "4f021db243bc633d7178183a9fa071e8 b4d9ada9ad7dedf4e5e738763f69145a 571b242012fb7ae07fa9baac3df102e0 08b0e27988598881d920a9e64f5615cd")]
    [InlineData(Providers.Portable, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
        "f58c4c04d6e5f1ba779eabfb5f7bfbd6 9cfc4e967edb808d679f777bc6702c7d 39f23369a9d9bacfa530e26304231461 b2eb05e2c39be9fcda6c19078c6a9d1b")]
    [InlineData(Providers.DotNet, "2b7e151628aed2a6abf7158809cf4f3c",
        "7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2 73bed6b8e3c1743b7116e69e22229516 3ff1caa1681fac09120eca307586e1a7")]
    [InlineData(Providers.Native, "2b7e151628aed2a6abf7158809cf4f3c",
        "7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2 73bed6b8e3c1743b7116e69e22229516 3ff1caa1681fac09120eca307586e1a7")]
    [InlineData(Providers.DotNet, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
        "4f021db243bc633d7178183a9fa071e8 b4d9ada9ad7dedf4e5e738763f69145a 571b242012fb7ae07fa9baac3df102e0 08b0e27988598881d920a9e64f5615cd")]
    [InlineData(Providers.Native, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
        "4f021db243bc633d7178183a9fa071e8 b4d9ada9ad7dedf4e5e738763f69145a 571b242012fb7ae07fa9baac3df102e0 08b0e27988598881d920a9e64f5615cd")]
    [InlineData(Providers.DotNet, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
        "f58c4c04d6e5f1ba779eabfb5f7bfbd6 9cfc4e967edb808d679f777bc6702c7d 39f23369a9d9bacfa530e26304231461 b2eb05e2c39be9fcda6c19078c6a9d1b")]
    [InlineData(Providers.Native, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
        "f58c4c04d6e5f1ba779eabfb5f7bfbd6 9cfc4e967edb808d679f777bc6702c7d 39f23369a9d9bacfa530e26304231461 b2eb05e2c39be9fcda6c19078c6a9d1b")]
    public void Sp800_38a_F2_cbc(string provider, string key, string expected)
    {
        ICryptoProvider p = Providers.Get(provider);
        byte[] iv = Hex.Parse("000102030405060708090a0b0c0d0e0f");
        byte[] plain = Hex.Parse(Sp80038aPlain);
        byte[] cipher = Providers.EncryptCbc(p, CipherAlgorithm.AesCbc, Hex.Parse(key), iv, plain);
        Assert.Equal(Hex.Format(Hex.Parse(expected)), Hex.Format(cipher));
        Assert.Equal(plain, Providers.DecryptCbc(p, CipherAlgorithm.AesCbc, Hex.Parse(key), iv, cipher));
    }

    public static TheoryData<string, string, string, string, string> Rfc3602Cases()
    {
        var rows = new TheoryData<string, string, string, string, string>();
        foreach (string provider in Providers.All)
        {
            // RFC 3602 §4 Case #1: 16 bytes (1 block), 128-bit key.
            rows.Add(provider, "06a9214036b8a15b512e03d534120006", "3dafba429d9eb430b422da802c9fac41",
                Hex.Format(TestBytes.Ascii("Single block msg")), "e353779c1079aeb82708942dbe77181a");

            // RFC 3602 §4 Case #2: 32 bytes (2 blocks).
            rows.Add(provider, "c286696d887c9aa0611bbb3e2025a45a", "562e17996d093d28ddb3ba695a2e6f58",
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                "d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1");

            // RFC 3602 §4 Case #3: 48 bytes (3 blocks).
            rows.Add(provider, "6c3ea0477630ce21a2ce334aa746c2cd", "c782dc4c098c66cbd9cd27d825682c81",
                Hex.Format(TestBytes.Ascii("This is a 48-byte message (exactly 3 AES blocks)")),
                "d0a02b3836451753d493665d33f0e8862dea54cdb293abc7506939276772f8d5021c19216bad525c8579695d83ba2684");

            // RFC 3602 §4 Case #4: 64 bytes (4 blocks).
            rows.Add(provider, "56e47a38c5598974bc46903dba290349", "8ce82eefbea0da3c44699ed7db51b7d9",
                "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf",
                "c30e32ffedc0774e6aff6af0869f71aa0f3af07a9a31a9c684db207eb0ef8e4e35907aa632c3ffdf868bb7b29d3d46ad83ce9f9a102ee99d49a53e87f4c3da55");
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rfc3602Cases))]
    public void Rfc3602_section4_cases_1_to_4(string provider, string key, string iv, string plain, string expected)
    {
        ICryptoProvider p = Providers.Get(provider);
        byte[] cipher = Providers.EncryptCbc(p, CipherAlgorithm.AesCbc, Hex.Parse(key), Hex.Parse(iv), Hex.Parse(plain));
        Assert.Equal(expected, Hex.Format(cipher));
        Assert.Equal(plain, Hex.Format(Providers.DecryptCbc(p, CipherAlgorithm.AesCbc, Hex.Parse(key), Hex.Parse(iv), cipher)));
    }

    // RFC 3602 §4 Case #5: sample transport-mode ESP packet (ping 192.168.123.100), decrypted in
    // place inside the packet, the IV read from the packet just before the payload.
    [Theory]
    [InlineData(Providers.Portable)]
    [InlineData(Providers.DotNet)]
    [InlineData(Providers.Native)]
    public void Rfc3602_case_5_esp_packet_decrypts_in_place(string provider)
    {
        ICryptoProvider p = Providers.Get(provider);
        byte[] packet = Hex.Parse(
            "4500007c 08f20000 4032f9a5 c0a87b03 c0a87b64" // IP header
            + "00004321 00000001" // SPI, sequence
            + "e96e8c08 ab465763 fd098d45 dd3ff893" // IV
            + "f663c25d 325c18c6 a9453e19 4e120849 a4870b66 cc6b9965 330013b4 898dc856"
            + "a4699e52 3a55db08 0b59ec3a 8e4b7e52 775b07d1 db34ed9c 538ab50c 551b874a"
            + "a269add0 47ad2d59 13ac19b7 cfbad4a6");
        byte[] expected = Hex.Parse(
            "08000ebd a70a0000 8e9c083d b95b0700 08090a0b 0c0d0e0f 10111213 14151617"
            + "18191a1b 1c1d1e1f 20212223 24252627 28292a2b 2c2d2e2f 30313233 34353637"
            + "01020304 05060708 090a0b0c 0d0e0e01");
        byte[] key = Hex.Parse("90d382b4 10eeba7a d938c46c ec1a82bf");
        IBlockCipher c = p.CreateCbc(CipherAlgorithm.AesCbc, key, 0, 16);
        c.DecryptCbc(packet, 28, packet, 44, 80);
        Assert.Equal(Hex.Format(expected), Hex.Format(packet, 44, 80));

        // And back: encrypting the padded payload with the packet's IV gives the packet's bytes.
        IBlockCipher e = p.CreateCbc(CipherAlgorithm.AesCbc, key, 0, 16);
        e.EncryptCbc(packet, 28, packet, 44, 80);
        Assert.Equal("f663c25d325c18c6a9453e194e120849", Hex.Format(packet, 44, 16));
        Assert.Equal("a269add047ad2d5913ac19b7cfbad4a6", Hex.Format(packet, 108, 16));
    }
}
