using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

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
