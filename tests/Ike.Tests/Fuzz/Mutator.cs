namespace NanoGate.Ike.Tests.Fuzz;

/// <summary>
/// Deterministic mutations of ISAKMP messages: bit flips, interesting bytes, truncation,
/// extension, splices between seeds, and rewrites of the length and next-payload fields found by
/// walking generic payload headers (also inside SA payloads). Seeded, so a run is reproducible.
/// </summary>
public sealed class Mutator(int seed)
{
    private static readonly int[] s_interestingLengths = [0, 1, 3, 4, 5, 7, 8, 11, 12, 13, 16, 28, 255, 256, 0x7FFF, 0x8000, 0xFFFF];
    private static readonly byte[] s_interestingBytes = [0, 1, 2, 3, 4, 5, 8, 10, 11, 12, 13, 20, 21, 32, 0x7F, 0x80, 130, 131, 132, 0xFF];
    private readonly Random _random = new(seed);

    /// <summary>Returns a mutated copy of one seed (1 to 4 stacked mutations).</summary>
    public byte[] Next(byte[][] seeds)
    {
        byte[] m = (byte[])seeds[_random.Next(seeds.Length)].Clone();
        int rounds = 1 + _random.Next(4);
        for (int i = 0; i < rounds; i++)
        {
            m = MutateOnce(m, seeds);
        }

        // Most real attacks keep the header length consistent; fixing it lets mutations reach the payloads.
        if (_random.Next(10) < 7)
        {
            FuzzSeeds.WriteLength(m);
        }

        return m;
    }

    private byte[] MutateOnce(byte[] m, byte[][] seeds)
    {
        switch (_random.Next(9))
        {
            case 0:
                return FlipBits(m);
            case 1:
                return SetInteresting(m);
            case 2:
                return m.Length == 0 ? m : m[.._random.Next(m.Length)];
            case 3:
                return Extend(m);
            case 4:
                return Splice(m, seeds[_random.Next(seeds.Length)]);
            case 5:
            case 6:
                return RewriteLength(m);
            case 7:
                return RewriteNextPayload(m);
            default:
                return RewriteCount(m);
        }
    }

    private byte[] FlipBits(byte[] m)
    {
        int flips = 1 + _random.Next(8);
        for (int i = 0; i < flips && m.Length > 0; i++)
        {
            m[_random.Next(m.Length)] ^= (byte)(1 << _random.Next(8));
        }

        return m;
    }

    private byte[] SetInteresting(byte[] m)
    {
        if (m.Length > 0)
        {
            m[_random.Next(m.Length)] = s_interestingBytes[_random.Next(s_interestingBytes.Length)];
        }

        return m;
    }

    private byte[] Extend(byte[] m)
    {
        int extra = 1 + _random.Next(64);
        byte[] longer = new byte[m.Length + extra];
        m.CopyTo(longer, 0);
        if (_random.Next(2) == 0)
        {
            _random.NextBytes(longer.AsSpan(m.Length));
        }

        return longer;
    }

    private byte[] Splice(byte[] a, byte[] b)
    {
        int cutA = _random.Next(a.Length + 1);
        int cutB = _random.Next(b.Length + 1);
        byte[] s = new byte[cutA + (b.Length - cutB)];
        a.AsSpan(0, cutA).CopyTo(s);
        b.AsSpan(cutB).CopyTo(s.AsSpan(cutA));
        return s;
    }

    /// <summary>Offsets of every generic payload header reachable by a lenient walk (top level and inside SA payloads).</summary>
    private List<int> Headers(byte[] m)
    {
        var list = new List<int>();
        if (m.Length < 28)
        {
            return list;
        }

        int pos = 28;
        int next = m[16];
        while (next != 0 && pos + 4 <= m.Length && list.Count < 64)
        {
            list.Add(pos);
            int length = m[pos + 2] << 8 | m[pos + 3];
            if (next == 1 && length >= 12 && pos + length <= m.Length)
            {
                AddChildren(m, pos + 12, pos + length, list);
            }

            next = m[pos];
            if (length < 4)
            {
                break;
            }

            pos += length;
        }

        return list;
    }

    private static void AddChildren(byte[] m, int pos, int end, List<int> list)
    {
        while (pos + 8 <= end && list.Count < 64)
        {
            list.Add(pos);
            int length = m[pos + 2] << 8 | m[pos + 3];
            int transforms = pos + 8 + m[pos + 6];
            int proposalEnd = Math.Min(end, pos + Math.Max(length, 8));
            while (transforms + 8 <= proposalEnd && list.Count < 64)
            {
                list.Add(transforms);
                int tl = m[transforms + 2] << 8 | m[transforms + 3];
                if (tl < 8)
                {
                    break;
                }

                transforms += tl;
            }

            if (length < 8 || m[pos] == 0)
            {
                break;
            }

            pos += length;
        }
    }

    private byte[] RewriteLength(byte[] m)
    {
        List<int> headers = Headers(m);
        if (headers.Count == 0 || _random.Next(8) == 0)
        {
            if (m.Length >= 28)
            {
                uint v = _random.Next(3) switch { 0 => (uint)_random.Next(), 1 => (uint)(m.Length + _random.Next(-3, 4)), _ => 0xFFFFFFFF };
                m[24] = (byte)(v >> 24);
                m[25] = (byte)(v >> 16);
                m[26] = (byte)(v >> 8);
                m[27] = (byte)v;
            }

            return m;
        }

        int at = headers[_random.Next(headers.Count)];
        int old = m[at + 2] << 8 | m[at + 3];
        int value = _random.Next(3) switch
        {
            0 => s_interestingLengths[_random.Next(s_interestingLengths.Length)],
            1 => Math.Clamp(old + _random.Next(-4, 5), 0, 0xFFFF),
            _ => _random.Next(0x10000),
        };
        m[at + 2] = (byte)(value >> 8);
        m[at + 3] = (byte)value;
        return m;
    }

    private byte[] RewriteNextPayload(byte[] m)
    {
        List<int> headers = Headers(m);
        byte value = _random.Next(2) == 0 ? s_interestingBytes[_random.Next(s_interestingBytes.Length)] : (byte)_random.Next(256);
        if (headers.Count == 0 || _random.Next(6) == 0)
        {
            if (m.Length > 16)
            {
                m[16] = value;
            }

            return m;
        }

        m[headers[_random.Next(headers.Count)]] = value;
        return m;
    }

    /// <summary>Rewrites a count or size byte just after a header (SPI size, # of transforms, # of SPIs, ID type).</summary>
    private byte[] RewriteCount(byte[] m)
    {
        List<int> headers = Headers(m);
        if (headers.Count == 0)
        {
            return FlipBits(m);
        }

        int at = headers[_random.Next(headers.Count)] + 4 + _random.Next(8);
        if (at < m.Length)
        {
            m[at] = s_interestingBytes[_random.Next(s_interestingBytes.Length)];
        }

        return m;
    }
}
