using NanoGate.Hal.Crypto;

namespace NanoGate.Hal.Tests.Crypto;

public class HashKnownAnswerTests
{
    private const string Msg448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    private const string Msg896 =
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

    public static TheoryData<string, HashAlgorithm, string, string> Fips180Examples()
    {
        var rows = new TheoryData<string, HashAlgorithm, string, string>();
        foreach (string provider in Providers.All)
        {
            // FIPS 180-4 examples (NIST CSRC "Examples with intermediate values"): "abc", the 448-bit
            // two-block message (SHA-1/256) and the 896-bit one (SHA-384/512).
            rows.Add(provider, HashAlgorithm.Sha1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d");
            rows.Add(provider, HashAlgorithm.Sha1, Msg448, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
            rows.Add(provider, HashAlgorithm.Sha256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            rows.Add(provider, HashAlgorithm.Sha256, Msg448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
            rows.Add(provider, HashAlgorithm.Sha384, "abc",
                "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
            rows.Add(provider, HashAlgorithm.Sha384, Msg896,
                "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039");
            rows.Add(provider, HashAlgorithm.Sha512, "abc",
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
            rows.Add(provider, HashAlgorithm.Sha512, Msg896,
                "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");

            // RFC 1321 Appendix A.5 test suite.
            rows.Add(provider, HashAlgorithm.Md5, "", "d41d8cd98f00b204e9800998ecf8427e");
            rows.Add(provider, HashAlgorithm.Md5, "a", "0cc175b9c0f1b6a831c399e269772661");
            rows.Add(provider, HashAlgorithm.Md5, "abc", "900150983cd24fb0d6963f7d28e17f72");
            rows.Add(provider, HashAlgorithm.Md5, "message digest", "f96b697d7cb7938d525a2f31aaf161d0");
            rows.Add(provider, HashAlgorithm.Md5, "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b");
            rows.Add(provider, HashAlgorithm.Md5, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                "d174ab98d277d9f5a5611c2c9f419d9f");
            rows.Add(provider, HashAlgorithm.Md5,
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a");
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Fips180Examples))]
    public void Published_digest(string provider, HashAlgorithm algorithm, string message, string expected)
    {
        IHash h = Providers.Get(provider).CreateHash(algorithm);
        Assert.Equal(expected.Length / 2, h.HashSize);
        Assert.Equal(expected, Hex.Format(Providers.Digest(h, TestBytes.Ascii(message))));

        // Finish resets: the same object gives the same answer again, also when fed byte by byte.
        byte[] m = TestBytes.Ascii(message);
        for (int i = 0; i < m.Length; i++)
        {
            h.Append(m, i, 1);
        }

        byte[] again = new byte[h.HashSize + 3];
        h.Finish(again, 3);
        Assert.Equal(expected, Hex.Format(again, 3, h.HashSize));
    }

    // FIPS 180-4 examples: one million repetitions of 'a', appended in uneven pieces.
    [Theory]
    [InlineData(Providers.Portable, HashAlgorithm.Sha1, "34aa973cd4c4daa4f61eeb2bdbad27316534016f")]
    [InlineData(Providers.Portable, HashAlgorithm.Sha256, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")]
    [InlineData(Providers.Portable, HashAlgorithm.Sha384,
        "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985")]
    [InlineData(Providers.Portable, HashAlgorithm.Sha512,
        "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b")]
    [InlineData(Providers.DotNet, HashAlgorithm.Sha1, "34aa973cd4c4daa4f61eeb2bdbad27316534016f")]
    [InlineData(Providers.Native, HashAlgorithm.Sha1, "34aa973cd4c4daa4f61eeb2bdbad27316534016f")]
    [InlineData(Providers.DotNet, HashAlgorithm.Sha256, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")]
    [InlineData(Providers.Native, HashAlgorithm.Sha256, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")]
    [InlineData(Providers.DotNet, HashAlgorithm.Sha384,
        "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985")]
    [InlineData(Providers.Native, HashAlgorithm.Sha384,
        "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985")]
    [InlineData(Providers.DotNet, HashAlgorithm.Sha512,
        "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b")]
    [InlineData(Providers.Native, HashAlgorithm.Sha512,
        "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b")]
    public void One_million_a(string provider, HashAlgorithm algorithm, string expected)
    {
        IHash h = Providers.Get(provider).CreateHash(algorithm);
        byte[] chunk = TestBytes.Repeat((byte)'a', 1000);
        int left = 1_000_000;
        int piece = 1;
        while (left > 0)
        {
            int n = Math.Min(Math.Min(piece, left), chunk.Length);
            h.Append(chunk, 0, n);
            left -= n;
            piece = (piece * 7 % 997) + 1;
        }

        byte[] output = new byte[h.HashSize];
        h.Finish(output, 0);
        Assert.Equal(expected, Hex.Format(output));
    }

    [Theory]
    [InlineData(Providers.Portable)]
    [InlineData(Providers.DotNet)]
    [InlineData(Providers.Native)]
    public void Reset_discards_appended_bytes(string provider)
    {
        IHash h = Providers.Get(provider).CreateHash(HashAlgorithm.Sha256);
        byte[] junk = TestBytes.Repeat(0x55, 100);
        h.Append(junk, 0, 100);
        h.Reset();

        // FIPS 180-4 example "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex.Format(Providers.Digest(h, TestBytes.Ascii("abc"))));
    }
}
