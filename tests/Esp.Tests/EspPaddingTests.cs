using System.Security.Cryptography;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Esp.Tests;

/// <summary>
/// The trailer of a decrypted packet (RFC 4303 §2.4-2.6): the padding bytes are 1, 2, 3, ... and
/// the receiver checks them ("the receiver SHOULD inspect the Padding field", §2.4), the pad length
/// fits the payload, and the next header is the SA's. Each row is RFC 3602 case #7 (AES-128-CBC, no
/// ICV, pad length 10, next header 4) with its plaintext changed, re-encrypted by .NET's AES with
/// the published IV: a packet that decrypts, with the trailer the row says.
/// </summary>
public class EspPaddingTests
{
    private static readonly EspKnownAnswerTests.Vector s_case7 = EspKnownAnswerTests.Vectors[0];

    // Offsets from the end of the plaintext: ... pad(10) | pad length | next header.
    public static TheoryData<string, string, int, int, DropReason> Rows => new()
    {
        { "as published", "dotnet", 0, 0, DropReason.None },
        { "as published", "portable", 0, 0, DropReason.None },
        { "first pad byte 0 instead of 1", "dotnet", -12, 0x00, DropReason.BadPadding },
        { "first pad byte 0 instead of 1", "portable", -12, 0x00, DropReason.BadPadding },
        { "last pad byte 9 instead of 10", "dotnet", -3, 0x09, DropReason.BadPadding },
        { "last pad byte 9 instead of 10", "portable", -3, 0x09, DropReason.BadPadding },
        { "middle pad byte 0xff", "portable", -7, 0xff, DropReason.BadPadding },
        { "pad length 11 (one more than sent: the 11th byte from the end is data)", "portable", -2, 11, DropReason.BadPadding },
        { "pad length larger than the payload", "portable", -2, 0xff, DropReason.BadPadding },
        { "next header 59 (dummy packet, RFC 4303 §2.6)", "portable", -1, 59, DropReason.DummyPacket },
        { "next header 17 on an SA for 4", "portable", -1, 17, DropReason.BadNextHeader },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Trailer_follows_the_table(string name, string provider, int fromEnd, int value, DropReason expected)
    {
        byte[] plain = Hex.Parse(s_case7.Plaintext);
        if (fromEnd != 0)
        {
            plain[plain.Length + fromEnd] = (byte)value;
        }

        using var aes = Aes.Create();
        aes.Key = Hex.Parse(s_case7.Key);
        byte[] iv = Hex.Parse(s_case7.Iv);
        byte[] cipher = aes.EncryptCbc(plain, iv, PaddingMode.None);
        byte[] packet = [.. ProtectedHeader(s_case7.Spi, (uint)s_case7.Sequence), .. iv, .. cipher];

        var engine = new EspEngine(EspPair.Provider(provider), new DeterministicRandom(1), 4, 4, 4);
        Assert.True(engine.ReserveInboundSpi(s_case7.Spi));
        Assert.Equal(SaInstallResult.Ok, engine.InstallInbound(new SaParameters
        {
            Spi = s_case7.Spi,
            Cipher = CipherAlgorithm.AesCbc,
            EncryptionKey = Hex.Parse(s_case7.Key),
            IntegrityKey = null!,
            AllowEncryptionOnly = true,
            LocalAddress = 0xC0A87B03,
            RemoteAddress = 0xC0A87BC8,
        }, 0));
        SecurityAssociation sa = engine.FindInbound(s_case7.Spi)!;
        sa.NextHeader = 4;

        var slot = new PacketSlot(1500);
        Array.Copy(packet, 0, slot.Buffer, 40, packet.Length);
        slot.Offset = 40;
        slot.Length = packet.Length;
        Assert.True(expected == engine.Decapsulate(slot, 0), name);
        if (expected != DropReason.None)
        {
            Assert.Equal(1L, engine.Drops.Get(expected));
        }
    }

    private static byte[] ProtectedHeader(uint spi, uint sequence)
    {
        byte[] h = new byte[8];
        BigEndian.WriteUInt32(h, 0, spi);
        BigEndian.WriteUInt32(h, 4, sequence);
        return h;
    }
}
