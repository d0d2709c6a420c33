using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Esp.Tests;

/// <summary>
/// Published ESP packets through the real inbound and outbound paths, with both providers:
/// each decrypts to the published plaintext, and re-encrypting that plaintext (IV and sequence
/// number forced to the published ones) gives the published bytes.
/// </summary>
public class EspKnownAnswerTests
{
    public sealed record Vector(string Name, CipherAlgorithm Cipher, string Key, uint Spi, ulong Sequence, string Iv,
        string Packet, string Plaintext, byte NextHeader, int IcvLength, bool Esn = false, bool InnerLengthCoversTrailer = false);

    public static readonly Vector[] Vectors =
    [
        // RFC 3602 §4, Case #7: sample tunnel-mode ESP packet (ping 192.168.123.200), AES-128-CBC, no ICV.
        new("RFC 3602 case 7", CipherAlgorithm.AesCbc, "01234567 89abcdef 01234567 89abcdef", 0x8765, 2,
            "f4e76524 4f6407ad f13dc138 0f673f37",
            "00008765 00000002 f4e76524 4f6407ad f13dc138 0f673f37" +
            "773b5241 a4c44922 5e4f3ce5 ed611b0c 237ca96c f74a9301 3c1b0ea1 a0cf70f8" +
            "e4ecaec7 8ac53aad 7a0f022b 859243c6 47752e94 a859352b 8a4d4d2d ecd136e5" +
            "c177f132 ad3fbfb2 201ac990 4c74ee0a 109e0ca1 e4dfe9d5 a100b842 f1c22f0d",
            "45000054 09040000 4001f988 c0a87b03 c0a87bc8 08009f76 a90a0100 b49c083d" +
            "02a20400 08090a0b 0c0d0e0f 10111213 14151617 18191a1b 1c1d1e1f 20212223" +
            "24252627 28292a2b 2c2d2e2f 30313233 34353637" +
            "01020304 05060708 090a 0a04", 4, 0),

        // RFC 3602 §4, Case #8: sample tunnel-mode ESP packet (ping -p ff -s 40 192.168.123.200), AES-128-CBC.
        new("RFC 3602 case 8", CipherAlgorithm.AesCbc, "01234567 89abcdef 01234567 89abcdef", 0x8765, 5,
            "85d47224 b5f3dd5d 2101d4ea 8dffab22",
            "00008765 00000005 85d47224 b5f3dd5d 2101d4ea 8dffab22" +
            "15b92683 819596a8 047232cc 00f7048f e45318e1 1f8a0f62 ede3c3fc 61203bb5" +
            "0f980a08 c9843fd3 a1b06d5c 07ff9639 b7eb7dfb 3512e5de 435e7207 ed971ef3" +
            "d2726d9b 5ef6affc 6d17a0de cbb13892",
            "45000044 090c0000 4001f990 c0a87b03 c0a87bc8 0800d63c aa0a0200 c69c083d" +
            "a3de0300 ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff" +
            "ffffffff 01020304 05060708 090a 0a04", 4, 0),

        // draft-mcgrew-gcm-test-01 §4, AES-GCM-ESP with a 128-bit key: salt cafebabe, IV facedbaddecaf888,
        // SPI 0000a5f8, sequence 0000000a; the plaintext's next header is 1 as published.
        new("draft-mcgrew-gcm-test-01 AES-128", CipherAlgorithm.AesGcm, "feffe992 8665731c 6d6a8f94 67308308 cafebabe", 0xa5f8, 10,
            "facedbad decaf888",
            "0000a5f8 0000000a facedbad decaf888 deb22cd9 b07c72c1 6e3a65be eb8df304" +
            "a5a5897d 33ae530f 1ba76d5d 114d2a5c 3de81827 c10e9a4f 51330d0e ec416642" +
            "cfbb85a5 b47e48a4 ec3b9ba9 5d918bd1 83b70d3a a8bc6ee4 c309e9d8 5a41ad4a",
            "4500003e 698f0000 80114dcc c0a80102 c0a80101 0a980035 002a2343 b2d00100" +
            "00010000 00000000 03736970 09637962 65726369 74790264 6b000001 00010001", 1, 16),

        // draft-mcgrew-gcm-test-01 §4, AES-GCM-ESP with a 256-bit key: salt 11223344, SPI 4a2cbfe3, sequence 2.
        new("draft-mcgrew-gcm-test-01 AES-256", CipherAlgorithm.AesGcm,
            "abbccdde f0011223 34455667 78899aab abbccdde f0011223 34455667 78899aab 11223344", 0x4a2cbfe3, 2,
            "01020304 05060708",
            "4a2cbfe3 00000002 01020304 05060708 ff425c9b 724599df 7a3bcd51 0194e00d" +
            "6a78107f 1b0b1cbf 06efae9d 65a5d763 748a6379 85771d34 7f054565 9f14e99d" +
            "ef842d8e b335f4ee cfdbf831 824b4c49 15956c96",
            "45000030 69a64000 80062690 c0a80102 9389155e 0a9e008b 2dc57ee0 00000000" +
            "70024000 20bf0000 020405b4 01010402 01020201", 1, 16),

        // draft-mcgrew-gcm-test-01 §4, AES-128 with extended sequence numbers: SPI 00004321, sequence
        // 87654321 00000000 (only the low half, 0, on the wire; the 12-byte AAD carries both). As
        // published, the inner IPv4 total length (0x48) counts the ESP trailer too, so the path
        // authenticates and decrypts it, then rightly refuses the inner packet; it cannot be rebuilt.
        new("draft-mcgrew-gcm-test-01 AES-128 ESN", CipherAlgorithm.AesGcm, "4c80cdef bb5d10da 906ac73c 3613a634 2e443b68", 0x4321,
            0x8765432100000000UL, "4956ed7e 3b244cfe",
            "00004321 00000000 4956ed7e 3b244cfe" +
            "fecf537e 729d5b07 dc30df52 8dd22b76 8d1b9873 6696a6fd 348509fa 13ceac34 cfa2436f 14a3f3cf" +
            "65925bf1 f4a13c5d 15b21e18 84f5ff62 47aeabb7 86b93bce 61bc17d7 68fd9732" +
            "45901814 8f6cbe72 2fd04796 562dfdb4",
            "45000048 699a0000 80114db7 c0a80102 c0a80101 0a9bf156 38d30100 00010000 00000000 045f7369" +
            "70045f75 64700373 69700963 79626572 63697479 02646b00 00210001 01020201", 1, 16, Esn: true,
            InnerLengthCoversTrailer: true),

        // (The draft's all-zero-key packet uses SPI 0, which RFC 4303 §2.1 reserves; on port 4500 it
        // would be the non-ESP marker. It cannot reach an ESP path, so it is not here.)
    ];

    public static TheoryData<string, int> Cases() => Select(all: true);

    public static TheoryData<string, int> RebuildableCases() => Select(all: false);

    private static TheoryData<string, int> Select(bool all)
    {
        var data = new TheoryData<string, int>();
        foreach (string provider in new[] { "dotnet", "portable" })
        {
            for (int i = 0; i < Vectors.Length; i++)
            {
                if (all || !Vectors[i].InnerLengthCoversTrailer)
                {
                    data.Add(provider, i);
                }
            }
        }

        return data;
    }

    private static SaParameters ParametersFor(Vector v) => new()
    {
        Spi = v.Spi,
        Cipher = v.Cipher,
        ExtendedSequenceNumbers = v.Esn,
        EncryptionKey = Hex.Parse(v.Key),
        IntegrityKey = null!,
        AllowEncryptionOnly = true,
        GcmIcvLength = 16,
        LocalAddress = 0xC0A87B03,
        RemoteAddress = 0xC0A87BC8,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Published_packet_decrypts_to_the_published_plaintext(string provider, int index)
    {
        Vector v = Vectors[index];
        var engine = new EspEngine(EspPair.Provider(provider), new DeterministicRandom(1), 4, 4, 4);
        Assert.True(engine.ReserveInboundSpi(v.Spi));
        Assert.Equal(SaInstallResult.Ok, engine.InstallInbound(ParametersFor(v), 0));
        SecurityAssociation sa = engine.FindInbound(v.Spi)!;
        sa.NextHeader = v.NextHeader;
        if (v.Sequence > 1000)
        {
            sa.ReplayWindow.Update(v.Sequence - 16); // the receiver has followed the sender so far
        }

        byte[] packet = Hex.Parse(v.Packet);
        byte[] plaintext = Hex.Parse(v.Plaintext);
        var slot = new PacketSlot(1500);
        Array.Copy(packet, 0, slot.Buffer, 40, packet.Length);
        slot.Offset = 40;
        slot.Length = packet.Length;

        int ivLength = v.Cipher == CipherAlgorithm.AesGcm ? 8 : 16;
        int payload = 40 + 8 + ivLength;
        if (v.InnerLengthCoversTrailer)
        {
            // Authenticated (else BadIcv) and decrypted, then refused for its inner length.
            Assert.Equal(DropReason.BadInnerPacket, engine.Decapsulate(slot, 0));
            Assert.Equal(Hex.Format(plaintext, 0, plaintext.Length), Hex.Format(slot.Buffer, payload, plaintext.Length));
            Assert.Equal(v.Sequence, sa.ReplayWindow.Top);
            return;
        }

        Assert.Equal(DropReason.None, engine.Decapsulate(slot, 0));
        Assert.Equal(payload, slot.Offset);
        // The published plaintext is the inner packet followed by padding, pad length and next header.
        Assert.Equal(Hex.Format(plaintext, 0, plaintext.Length), Hex.Format(slot.Buffer, slot.Offset, plaintext.Length));
        Assert.Equal(BigEndian.ReadUInt16(plaintext, 2), slot.Length);
        Assert.Equal(v.Sequence, engine.FindInbound(v.Spi)!.ReplayWindow.Top);

        // The same packet again is a replay.
        Array.Copy(packet, 0, slot.Buffer, 40, packet.Length);
        slot.Offset = 40;
        slot.Length = packet.Length;
        Assert.Equal(DropReason.Replay, engine.Decapsulate(slot, 0));
    }

    [Theory]
    [MemberData(nameof(RebuildableCases))]
    public void Published_plaintext_encrypts_to_the_published_packet(string provider, int index)
    {
        Vector v = Vectors[index];
        var engine = new EspEngine(EspPair.Provider(provider), new DeterministicRandom(1), 4, 4, 4);
        int policy = engine.AddPolicy(TrafficSelector.Any(), TrafficSelector.Any(), 0, PolicyAction.Protect);
        SaParameters p = ParametersFor(v);
        p.PolicyId = policy;
        int handle = engine.InstallOutbound(p, 0, out SaInstallResult result);
        Assert.Equal(SaInstallResult.Ok, result);
        SecurityAssociation sa = engine.GetOutbound(handle)!;
        sa.ForcedIv = Hex.Parse(v.Iv);
        sa.Sequence = v.Sequence - 1;
        sa.NextHeader = v.NextHeader;

        byte[] plaintext = Hex.Parse(v.Plaintext);
        int innerLength = BigEndian.ReadUInt16(plaintext, 2);
        var slot = new PacketSlot(1500);
        slot.ResetForInner(innerLength);
        Array.Copy(plaintext, 0, slot.Buffer, slot.Offset, innerLength);

        Assert.Equal(DropReason.None, engine.Encapsulate(slot, 0));
        byte[] packet = Hex.Parse(v.Packet);
        Assert.Equal(Hex.Format(packet, 0, packet.Length), Hex.Format(slot.Buffer, slot.EspOffset, slot.EspLength));

        // RFC 3948 §2.1: UDP 4500 -> 4500, length, checksum 0; outer IPv4 with a valid checksum.
        byte[] b = slot.Buffer;
        int udp = slot.EspOffset - 8;
        Assert.Equal(4500, BigEndian.ReadUInt16(b, udp));
        Assert.Equal(4500, BigEndian.ReadUInt16(b, udp + 2));
        Assert.Equal(8 + packet.Length, BigEndian.ReadUInt16(b, udp + 4));
        Assert.Equal(0, BigEndian.ReadUInt16(b, udp + 6));
        Assert.Equal(udp - 20, slot.Offset);
        Assert.Equal(28 + packet.Length, slot.Length);
        Assert.Equal(0x45, b[slot.Offset]);
        Assert.Equal(slot.Length, BigEndian.ReadUInt16(b, slot.Offset + 2));
        Assert.Equal(17, b[slot.Offset + 9]);
        Assert.Equal(0, EspLayout.Checksum(b, slot.Offset, 20));
        Assert.Equal(0xC0A87B03u, Ipv4.Read(b, slot.Offset + 12));
        Assert.Equal(0xC0A87BC8u, Ipv4.Read(b, slot.Offset + 16));
        Assert.Equal(0xC0A87BC8u, slot.RemoteAddress);
        Assert.True(slot.UdpEncapsulated);
    }
}
