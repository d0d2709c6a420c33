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
