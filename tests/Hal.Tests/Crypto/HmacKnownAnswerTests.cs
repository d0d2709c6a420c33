using NanoGate.Hal.Crypto;

namespace NanoGate.Hal.Tests.Crypto;

public class HmacKnownAnswerTests
{
    private const string LongKeyData = "Test Using Larger Than Block-Size Key - Hash Key First";
    private const string LongKeyLongData2202 = "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data";
    private const string LongKeyLongData4231 =
        "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.";

    /// <summary>(provider, algorithm, key hex, data hex, expected hex; a shorter expected value is a truncated MAC).</summary>
    public static TheoryData<string, HashAlgorithm, string, string, string> Vectors()
    {
        var rows = new TheoryData<string, HashAlgorithm, string, string, string>();
        string hiThere = Hex.Format(TestBytes.Ascii("Hi There"));
        string jefeData = Hex.Format(TestBytes.Ascii("what do ya want for nothing?"));
        string jefe = Hex.Format(TestBytes.Ascii("Jefe"));
        string dd50 = Hex.Format(TestBytes.Repeat(0xdd, 50));
        string cd50 = Hex.Format(TestBytes.Repeat(0xcd, 50));
        string key25 = Hex.Format(TestBytes.Range(1, 25));
        string truncation = Hex.Format(TestBytes.Ascii("Test With Truncation"));
        foreach (string p in Providers.All)
        {
            // RFC 2202 §2: HMAC-MD5 test cases 1-7.
            rows.Add(p, HashAlgorithm.Md5, Hex.Format(TestBytes.Repeat(0x0b, 16)), hiThere, "9294727a3638bb1c13f48ef8158bfc9d");
            rows.Add(p, HashAlgorithm.Md5, jefe, jefeData, "750c783e6ab0b503eaa86e310a5db738");
            rows.Add(p, HashAlgorithm.Md5, Hex.Format(TestBytes.Repeat(0xaa, 16)), dd50, "56be34521d144c88dbb8c733f0e8b3f6");
            rows.Add(p, HashAlgorithm.Md5, key25, cd50, "697eaf0aca3a3aea3a75164746ffaa79");
            rows.Add(p, HashAlgorithm.Md5, Hex.Format(TestBytes.Repeat(0x0c, 16)), truncation, "56461ef2342edc00f9bab995");
            rows.Add(p, HashAlgorithm.Md5, Hex.Format(TestBytes.Repeat(0xaa, 80)), Hex.Format(TestBytes.Ascii(LongKeyData)), "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd");
            rows.Add(p, HashAlgorithm.Md5, Hex.Format(TestBytes.Repeat(0xaa, 80)), Hex.Format(TestBytes.Ascii(LongKeyLongData2202)), "6f630fad67cda0ee1fb1f562db3aa53e");

            // RFC 2202 §3: HMAC-SHA-1 test cases 1-7.
            rows.Add(p, HashAlgorithm.Sha1, Hex.Format(TestBytes.Repeat(0x0b, 20)), hiThere, "b617318655057264e28bc0b6fb378c8ef146be00");
            rows.Add(p, HashAlgorithm.Sha1, jefe, jefeData, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
            rows.Add(p, HashAlgorithm.Sha1, Hex.Format(TestBytes.Repeat(0xaa, 20)), dd50, "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
            rows.Add(p, HashAlgorithm.Sha1, key25, cd50, "4c9007f4026250c6bc8414f9bf50c86c2d7235da");
            rows.Add(p, HashAlgorithm.Sha1, Hex.Format(TestBytes.Repeat(0x0c, 20)), truncation, "4c1a03424b55e07fe7f27be1");
            rows.Add(p, HashAlgorithm.Sha1, Hex.Format(TestBytes.Repeat(0xaa, 80)), Hex.Format(TestBytes.Ascii(LongKeyData)), "aa4ae5e15272d00e95705637ce8a3b55ed402112");
            rows.Add(p, HashAlgorithm.Sha1, Hex.Format(TestBytes.Repeat(0xaa, 80)), Hex.Format(TestBytes.Ascii(LongKeyLongData2202)), "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");

            // RFC 4231 §4.2-4.8: HMAC-SHA-256/384/512 test cases 1-7 (case 5 truncated to 128 bits,
            // cases 6 and 7 with a 131-byte key, longer than the block).
            string k0b = Hex.Format(TestBytes.Repeat(0x0b, 20));
            string kaa = Hex.Format(TestBytes.Repeat(0xaa, 20));
            string k0c = Hex.Format(TestBytes.Repeat(0x0c, 20));
            string kaa131 = Hex.Format(TestBytes.Repeat(0xaa, 131));
            string long1 = Hex.Format(TestBytes.Ascii(LongKeyData));
            string long2 = Hex.Format(TestBytes.Ascii(LongKeyLongData4231));
            rows.Add(p, HashAlgorithm.Sha256, k0b, hiThere, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
            rows.Add(p, HashAlgorithm.Sha384, k0b, hiThere,
                "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6");
            rows.Add(p, HashAlgorithm.Sha512, k0b, hiThere,
                "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854");
            rows.Add(p, HashAlgorithm.Sha256, jefe, jefeData, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
            rows.Add(p, HashAlgorithm.Sha384, jefe, jefeData,
                "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649");
            rows.Add(p, HashAlgorithm.Sha512, jefe, jefeData,
                "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
            rows.Add(p, HashAlgorithm.Sha256, kaa, dd50, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
            rows.Add(p, HashAlgorithm.Sha384, kaa, dd50,
                "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27");
            rows.Add(p, HashAlgorithm.Sha512, kaa, dd50,
                "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb");
            rows.Add(p, HashAlgorithm.Sha256, key25, cd50, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
            rows.Add(p, HashAlgorithm.Sha384, key25, cd50,
                "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb");
            rows.Add(p, HashAlgorithm.Sha512, key25, cd50,
                "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd");
            rows.Add(p, HashAlgorithm.Sha256, k0c, truncation, "a3b6167473100ee06e0c796c2955552b");
            rows.Add(p, HashAlgorithm.Sha384, k0c, truncation, "3abf34c3503b2a23a46efc619baef897");
            rows.Add(p, HashAlgorithm.Sha512, k0c, truncation, "415fad6271580a531d4179bc891d87a6");
            rows.Add(p, HashAlgorithm.Sha256, kaa131, long1, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
            rows.Add(p, HashAlgorithm.Sha384, kaa131, long1,
                "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952");
            rows.Add(p, HashAlgorithm.Sha512, kaa131, long1,
                "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598");
            rows.Add(p, HashAlgorithm.Sha256, kaa131, long2, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
            rows.Add(p, HashAlgorithm.Sha384, kaa131, long2,
                "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e");
            rows.Add(p, HashAlgorithm.Sha512, kaa131, long2,
                "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58");

            // RFC 4868 §2.7.2.1-2.7.2.3: authenticator test cases with keys as long as the output.
            rows.Add(p, HashAlgorithm.Sha256, Hex.Format(TestBytes.Repeat(0x0b, 32)), hiThere,
                "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7");
            rows.Add(p, HashAlgorithm.Sha256, Hex.Format(TestBytes.Ascii("JefeJefeJefeJefeJefeJefeJefeJefe")), jefeData,
                "167f928588c5cc2eef8e3093caa0e87c9ff566a14794aa61648d81621a2a40c6");
            rows.Add(p, HashAlgorithm.Sha256, Hex.Format(TestBytes.Repeat(0xaa, 32)), dd50,
                "cdcb1220d1ecccea91e53aba3092f962e549fe6ce9ed7fdc43191fbde45c30b0");
            rows.Add(p, HashAlgorithm.Sha256, Hex.Format(TestBytes.Range(1, 32)), cd50,
                "372efcf9b40b35c2115b1346903d2ef42fced46f0846e7257bb156d3d7b30d3f");
            rows.Add(p, HashAlgorithm.Sha384, Hex.Format(TestBytes.Repeat(0x0b, 48)), hiThere,
                "b6a8d5636f5c6a7224f9977dcf7ee6c7fb6d0c48cbdee9737a959796489bddbc4c5df61d5b3297b4fb68dab9f1b582c2");
            rows.Add(p, HashAlgorithm.Sha512, Hex.Format(TestBytes.Repeat(0x0b, 64)), hiThere,
                "637edc6e01dce7e6742a99451aae82df23da3e92439e590e43e761b33e910fb8ac2878ebd5803f6f0b61dbce5e251ff8789a4722c1be65aea45fd464e89f8f5b");
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Published_mac(string provider, HashAlgorithm algorithm, string key, string data, string expected)
    {
        byte[] k = Hex.Parse(key);
        byte[] d = Hex.Parse(data);

        // The key sits at an offset inside a larger buffer, as SKEYID does.
        byte[] keyBuffer = new byte[k.Length + 10];
        k.CopyTo(keyBuffer, 4);
        IHash mac = Providers.Get(provider).CreateHmac(algorithm, keyBuffer, 4, k.Length);
        byte[] output = new byte[mac.HashSize];
        mac.Append(d, 0, d.Length);
        mac.Finish(output, 0);
        Assert.Equal(expected, Hex.Format(output, 0, expected.Length / 2));

        // Again in pieces on the same object: Finish reset it to the keyed state.
        int half = d.Length / 2;
        mac.Append(d, 0, half);
        mac.Append(d, half, 0);
        mac.Append(d, half, d.Length - half);
        byte[] again = new byte[mac.HashSize];
        mac.Finish(again, 0);
        Assert.Equal(output, again);
    }
}
