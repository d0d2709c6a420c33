using NanoGate.Hal.Crypto;

namespace NanoGate.Hal.Tests.Crypto;

/// <summary>
/// draft-mcgrew-gcm-test-01 §4: whole ESP packets protected with AES-GCM as RFC 4106 specifies.
/// Nonce = salt (4 bytes, from KEYMAT) | explicit IV (8 bytes, in the packet); AAD = SPI | sequence
/// (8 bytes) or SPI | 64-bit extended sequence (12 bytes); plaintext = inner IP packet plus ESP trailer.
/// </summary>
public class GcmEspPacketTests
{
    public static TheoryData<string, string, string, string, string, string, string> Packets()
    {
        var rows = new TheoryData<string, string, string, string, string, string, string>();
        foreach (string p in Providers.All)
        {
            // 128-bit key, extended sequence numbers (12-byte AAD).
            rows.Add(p, "4c80cdefbb5d10da906ac73c3613a634", "2e443b68 4956ed7e3b244cfe", "00004321 87654321 00000000",
                "45000048699a000080114db7c0a80102c0a801010a9bf15638d301000001000000000000045f736970045f756470037369700963796265726369747902646b000021000101020201",
                "fecf537e729d5b07dc30df528dd22b768d1b98736696a6fd348509fa13ceac34cfa2436f14a3f3cf65925bf1f4a13c5d15b21e1884f5ff6247aeabb786b93bce61bc17d768fd9732",
                "459018148f6cbe722fd04796562dfdb4");

            // 192-bit key.
            rows.Add(p, "feffe9928665731c6d6a8f9467308308feffe9928665731c", "cafebabe facedbaddecaf888", "0000a5f8 0000000a",
                "45000028a4ad4000400678800a01038f0a010612802306b8cb712602dd6bb03e501016d075680001",
                "a5b1f8066029aea40e598b8122de02420938b3ab33f828e687b8858b5bfbdbd0315b27452144cc77",
                "95457b9652037f5318027b5b4cd7a636");

            // 256-bit key.
            rows.Add(p, "abbccddef00112233445566778899aababbccddef00112233445566778899aab", "11223344 0102030405060708", "4a2cbfe3 00000002",
                "4500003069a6400080062690c0a801029389155e0a9e008b2dc57ee0000000007002400020bf0000020405b40101040201020201",
                "ff425c9b724599df7a3bcd510194e00d6a78107f1b0b1cbf06efae9d65a5d763748a637985771d347f0545659f14e99def842d8e",
                "b335f4eecfdbf831824b4c4915956c96");

            // All-zero 128-bit key and nonce.
            rows.Add(p, "00000000000000000000000000000000", "00000000 0000000000000000", "00000000 00000001",
                "4500003c99c500008001cb7a40679318010101010800075c020044006162636465666768696a6b6c6d6e6f707172737475767761626364656667686901020201",
                "4688daf2f973a392732909c331d56d60f694abaa414b5e7ff5fdcdfff5e9a284456476492719ffb64de7d9dca1e1d894bc3bd57873ed4d181d19d4d5c8c18af3",
                "f821d496eeb096e98ad2b69e4799c71d");

            // A 4-byte payload (the smallest: pad, pad length, next header).
            rows.Add(p, "7d773d00c144c525ac619d18c84a3f47", "d9664267 43457e9182443bc6", "335467ae ffffffff",
                "01020201", "437f866b", "cb3f699fe9b0822bac961c4504bef270");
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Packets))]
    public void Packet_seals_and_opens_in_place(string provider, string key, string nonce, string aad, string plain, string cipher, string tag)
    {
        byte[] k = Hex.Parse(key);
        byte[] n = Hex.Parse(nonce);
        byte[] a = Hex.Parse(aad);
        byte[] pt = Hex.Parse(plain);

        // Lay the packet out as ESP does: SPI | sequence | IV | payload | ICV, payload encrypted in place.
        byte[] packet = new byte[8 + 8 + pt.Length + 16];
        Array.Copy(a, 0, packet, 0, 8);
        Array.Copy(n, 4, packet, 8, 8);
        Array.Copy(pt, 0, packet, 16, pt.Length);
        IAead gcm = Providers.Get(provider).CreateGcm(k, 0, k.Length, 16);
        gcm.Encrypt(n, 0, a, 0, a.Length, packet, 16, pt.Length, packet, 16 + pt.Length);
        Assert.Equal(cipher, Hex.Format(packet, 16, pt.Length));
        Assert.Equal(tag, Hex.Format(packet, 16 + pt.Length, 16));

        Assert.True(gcm.Decrypt(n, 0, a, 0, a.Length, packet, 16, pt.Length, packet, 16 + pt.Length));
        Assert.Equal(plain, Hex.Format(packet, 16, pt.Length));
    }
}
