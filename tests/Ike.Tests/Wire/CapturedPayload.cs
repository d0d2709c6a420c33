using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>A payload located in a captured (and, if needed, decrypted) strongSwan message.</summary>
public sealed class CapturedPayload
{
    private CapturedPayload(byte[] buffer, int offset, int length)
    {
        Buffer = buffer;
        Offset = offset;
        Length = length;
    }

    public byte[] Buffer { get; }
    public int Offset { get; }
    public int Length { get; }

    /// <summary>
    /// The payload's bytes copied to a fresh array, as a standalone payload: Next Payload 0, which
    /// is what the builders write (MessageBuilder.Append chains it).
    /// </summary>
    public byte[] Bytes
    {
        get
        {
            byte[] b = Buffer[Offset..(Offset + Length)];
            b[0] = 0;
            return b;
        }
    }

    /// <summary>The <paramref name="nth"/> payload of <paramref name="type"/> in a capture.</summary>
    public static CapturedPayload Find(string exchange, string name, int type, int nth = 0)
    {
        Capture c = Captures.Get(exchange, name);
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(c.Message, 0, c.Message.Length), m.Error.Reason);
        if (m.NeedsDecryption)
        {
            Assert.True(m.TryParseDecrypted(c.Plaintext!, 0, c.Plaintext!.Length), m.Error.Reason);
        }

        int index = -1;
        for (int i = 0; i <= nth; i++)
        {
            index = m.Find(type, index + 1);
            Assert.True(index >= 0, $"{c}: no {PayloadType.Name(type)} #{i}");
        }

        return new CapturedPayload(m.PayloadBuffer, m.PayloadOffsetAt(index), m.PayloadLengthAt(index));
    }

    /// <summary>
    /// The check-length contract (smoltcp check_len): the view accepts exactly the whole payload,
    /// rejects every shorter count with PAYLOAD-MALFORMED (or the view's own notify), and reads
    /// nothing past count.
    /// </summary>
    public static void AssertCheckLength(byte[] payload, Func<byte[], int, int, WireError, int> check)
    {
        var error = new WireError();
        error.Clear();
        Assert.Equal(payload.Length, check(payload, 0, payload.Length, error));
        Assert.False(error.IsError);
        for (int count = 0; count < payload.Length; count++)
        {
            byte[] shorter = payload[..count];
            error.Clear();
            Assert.Equal(-1, check(shorter, 0, count, error));
            Assert.True(error.IsError);
            Assert.NotEqual(0, error.Notify);
            Assert.NotEmpty(error.Reason);
        }
    }

    /// <summary>The buffer-length contract: a builder writes exactly its length and returns -1 when one byte short.</summary>
    public static void AssertEmitLength(byte[] expected, Func<byte[], int, int, int> write)
    {
        byte[] b = new byte[expected.Length + 10];
        Array.Fill(b, (byte)0xEE);
        Assert.Equal(expected.Length, write(b, 3, expected.Length));
        Assert.Equal(expected, b[3..(3 + expected.Length)]);
        Assert.Equal(0xEE, b[2]);
        Assert.Equal(0xEE, b[3 + expected.Length]);
        Assert.Equal(-1, write(new byte[expected.Length + 10], 3, expected.Length - 1));
    }
}
