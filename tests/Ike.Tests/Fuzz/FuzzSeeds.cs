using NanoGate.Ike.Tests.Wire;

namespace NanoGate.Ike.Tests.Fuzz;

/// <summary>
/// Starting points for the mutation fuzzer: every captured strongSwan message as sent, plus each
/// encrypted one rebuilt in plaintext (E flag cleared, decrypted chain without padding, Length
/// fixed), so mutations reach the payload checks of MM5/MM6, quick mode and informational too.
/// </summary>
public static class FuzzSeeds
{
    private static readonly Lazy<byte[][]> s_seeds = new(Build);

    public static byte[][] All => s_seeds.Value;

    private static byte[][] Build()
    {
        var seeds = new List<byte[]>();
        foreach (Capture c in Captures.All)
        {
            seeds.Add(c.Message);
            if (c.Plaintext is not null)
            {
                int chain = ChainLength(c.Plaintext, c.Message[16]);
                byte[] plain = new byte[28 + chain];
                c.Message.AsSpan(0, 28).CopyTo(plain);
                c.Plaintext.AsSpan(0, chain).CopyTo(plain.AsSpan(28));
                plain[19] &= 0xFE;
                WriteLength(plain);
                seeds.Add(plain);
            }
        }

        return seeds.ToArray();
    }

    /// <summary>Sets the header Length to the buffer length.</summary>
    public static void WriteLength(byte[] m)
    {
        if (m.Length >= 28)
        {
            m[24] = (byte)(m.Length >> 24);
            m[25] = (byte)(m.Length >> 16);
            m[26] = (byte)(m.Length >> 8);
            m[27] = (byte)m.Length;
        }
    }

    private static int ChainLength(byte[] p, int next)
    {
        int pos = 0;
        while (next != 0)
        {
            next = p[pos];
            pos += p[pos + 2] << 8 | p[pos + 3];
        }

        return pos;
    }
}
