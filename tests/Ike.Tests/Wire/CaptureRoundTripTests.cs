using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>Every captured strongSwan message parses and re-emits byte-identical (data/strongswan).</summary>
public class CaptureRoundTripTests
{
    [Fact]
    public void Captures_cover_every_exchange_and_are_decrypted()
    {
        IReadOnlyList<Capture> all = Captures.All;
        Assert.Equal(26, all.Count);
        Assert.Contains(all, c => c.Message[16] == PayloadType.Fragment);
        Assert.Contains(all, c => c.Message[18] == ExchangeType.IdentityProtection && c.IsEncrypted);
        Assert.Contains(all, c => c.Message[18] == ExchangeType.Aggressive);
        Assert.Contains(all, c => c.Message[18] == ExchangeType.QuickMode);
        Assert.Contains(all, c => c.Message[18] == ExchangeType.Informational);
        Assert.All(all.Where(c => c.IsEncrypted), c => Assert.NotNull(c.Plaintext));
    }

    [Theory]
    [MemberData(nameof(Captures.Rows), MemberType = typeof(Captures))]
    public void Parses_and_reemits_byte_identical(string exchange, string name)
    {
        Capture c = Captures.Get(exchange, name);
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(c.Message, 0, c.Message.Length), m.Error.Reason);
        Assert.Equal(c.IsEncrypted, m.NeedsDecryption);
        if (c.IsEncrypted)
        {
            Assert.Equal(0, m.PayloadCount);
            Assert.True(m.TryParseDecrypted(c.Plaintext!, 0, c.Plaintext!.Length), c + ": " + m.Error.Reason);
            int chain = m.PayloadEnd - m.PayloadStart;
            int padding = c.Plaintext.Length - chain;
            Assert.InRange(padding, 0, 16);

            byte[] again = Reemitter.Emit(m);
            Assert.Equal(c.Message[..24], again[..24]);
            Assert.Equal(c.Plaintext[..chain], again[28..]);
        }
        else
        {
            Assert.Equal(c.Message, Reemitter.Emit(m));
        }

        Assert.True(m.PayloadCount > 0);
        Assert.Equal(WireError.None, m.Error.Code);
    }

    [Theory]
    [MemberData(nameof(Captures.Rows), MemberType = typeof(Captures))]
    public void Parses_at_an_offset_and_behind_a_non_esp_marker(string exchange, string name)
    {
        Capture c = Captures.Get(exchange, name);
        byte[] big = new byte[c.Message.Length + 100];
        big.AsSpan().Fill(0xA5);
        c.Message.CopyTo(big, 37);
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(big, 37, c.Message.Length), m.Error.Reason);
        Assert.Equal(37, m.Offset);
        Assert.Equal(c.Message.Length, m.Length);
        if (!c.IsEncrypted)
        {
            Assert.Equal(37 + 28, m.PayloadStart);
            Assert.Equal(37 + c.Message.Length, m.PayloadEnd);
        }
    }
}

/// <summary>
/// The full send path for encrypted messages: rebuild the plaintext chain with the builders, add
/// strongSwan's zero padding (1..16 bytes, never 0: 10-info-delete-isakmp carries a whole block), encrypt in place after the header with Ka and the IV of RFC 2409
/// Appendix B, and FinishEncrypted: the datagram equals the captured one byte for byte.
/// </summary>
public class EncryptedRebuildTests
{
    public static IEnumerable<object[]> Encrypted() => Captures.All.Where(c => c.IsEncrypted).Select(c => new object[] { c.Exchange, c.Name });

    [Theory]
    [MemberData(nameof(Encrypted))]
    public void Rebuilt_and_reencrypted_equals_the_capture(string exchange, string name)
    {
        Capture c = Captures.Get(exchange, name);
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(c.Message, 0, c.Message.Length));
        Assert.True(m.TryParseDecrypted(c.Plaintext!, 0, c.Plaintext!.Length));
        Assert.All(c.Plaintext[(m.PayloadEnd - m.PayloadStart)..], b => Assert.Equal(0, b)); // zero padding (tshark: "Extra data: 00..")

        byte[] b = new byte[c.Message.Length + 4 + 64];
        var mb = new MessageBuilder();
        mb.Begin(b, 0, b.Length, true, c.Message, 0, c.Message, 8, m.ExchangeType, 0, m.MessageId);
        for (int i = 0; i < m.PayloadCount; i++)
        {
            Assert.True(mb.Append(m.PayloadTypeAt(i), Reemitter.EmitPayload(m.PayloadTypeAt(i), m.PayloadBuffer, m.PayloadOffsetAt(i), b, mb.Position, mb.Room)));
        }

        int chain = mb.Position - mb.BodyOffset;
        int padded = chain + (16 - (chain % 16)); // strongSwan pads 1..16 bytes: a full block when the chain is aligned
        Array.Clear(b, mb.Position, padded - chain);
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = c.Key!;
        byte[] cipher = aes.EncryptCbc(b.AsSpan(mb.BodyOffset, padded), c.Iv!, System.Security.Cryptography.PaddingMode.None);
        cipher.CopyTo(b, mb.BodyOffset);
        int total = mb.FinishEncrypted(padded);
        Assert.Equal(c.Message.Length + 4, total);
        Assert.Equal(c.Message, b[4..total]);
    }
}
