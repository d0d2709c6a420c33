using NanoGate.Boards.Sim;

namespace NanoGate.Firmware.Tests.Fuzz;

/// <summary>
/// Someone on the internet link between two gateways (issue #13, the stateful fuzzer): on the path
/// it drops, mutates and duplicates what passes (<see cref="Tamper"/>); off the path it injects
/// datagrams at UDP 500 and 4500 (<see cref="Inject"/>): empty ones, junk, replays of what it saw,
/// replays mutated behind intact cookies, forged headers with real cookies and plausible message
/// IDs, and ESP with real SPIs, from its own address or spoofing a gateway's. Seeded: a failing
/// seed repeats exactly.
/// </summary>
internal sealed class Adversary
{
    private const int Remembered = 128;
    private static readonly Endpoint s_self = new(0xC0000242, 40000); // 192.0.2.66, TEST-NET-1

    private readonly Random _rng;
    private readonly byte[][] _data = new byte[Remembered][];
    private readonly Endpoint[] _from = new Endpoint[Remembered];
    private readonly Endpoint[] _to = new Endpoint[Remembered];
    private readonly List<(long At, Endpoint From, Endpoint To, byte[] Data)> _held = [];
    private int _seen;

    public Adversary(int seed) => _rng = new Random(seed);

    /// <summary>Percentages of passing datagrams dropped, mutated and duplicated (the copy held back 0-2 s: reordering).</summary>
    public int DropPercent { get; set; } = 3;
    public int MutatePercent { get; set; } = 3;
    public int DuplicatePercent { get; set; } = 3;

    /// <summary>Datagrams the adversary dropped, changed, duplicated or injected: the fuzzer's inputs.</summary>
    public long Inputs { get; private set; }

    public long Injected { get; private set; }

    public bool Active { get; set; } = true;

    /// <summary><see cref="SimNetwork.Tamper"/>: remembers what passes and, now and then, changes its fate.</summary>
    public byte[]? Tamper(Endpoint from, Endpoint to, byte[] data)
    {
        if (from == s_self)
        {
            return data;
        }

        int slot = _seen++ % Remembered;
        _data[slot] = data;
        _from[slot] = from;
        _to[slot] = to;
        if (!Active)
        {
            return data;
        }

        int roll = _rng.Next(100);
        if (roll < DropPercent)
        {
            Inputs++;
            return null;
        }

        if (roll < DropPercent + MutatePercent)
        {
            Inputs++;
            return Mutate(data, data.Length > 4 && to.Port == 4500 && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] == 0 ? 4 : 0);
        }

        if (roll < DropPercent + MutatePercent + DuplicatePercent)
        {
            Inputs++;
            _held.Add((0, from, to, data)); // released by the next Inject, with a delay
        }

        return data;
    }

    /// <summary>Releases held copies that are due and puts <paramref name="count"/> datagrams of its own on the wire.</summary>
    public void Inject(SimNetwork net, int count)
    {
        for (int i = _held.Count - 1; i >= 0; i--)
        {
            var h = _held[i];
            if (h.At == 0)
            {
                _held[i] = (net.Clock.NowMs + _rng.Next(2000), h.From, h.To, h.Data);
            }
            else if (h.At <= net.Clock.NowMs)
            {
                net.Inject(h.From, h.To, h.Data);
                _held.RemoveAt(i);
            }
        }

        if (!Active || _seen == 0)
        {
            return;
        }

        for (int i = 0; i < count; i++)
        {
            int pick = _rng.Next(Math.Min(_seen, Remembered));
            byte[] seen = _data[pick];
            Endpoint to = _rng.Next(4) == 0 ? _from[pick] : _to[pick]; // both gateways get attacked
            if (_rng.Next(3) == 0)
            {
                to = new Endpoint(to.Address, _rng.Next(2) == 0 ? 500 : 4500);
            }

            Endpoint from = _rng.Next(2) == 0 ? s_self : (to == _to[pick] ? _from[pick] : _to[pick]); // spoofed: the other gateway
            net.Inject(from, to, Make(seen, to.Port));
            Inputs++;
            Injected++;
        }
    }

    private byte[] Make(byte[] seen, int port)
    {
        int marker = port == 4500 && seen.Length >= 4 && seen[0] == 0 && seen[1] == 0 && seen[2] == 0 && seen[3] == 0 ? 4 : 0;
        switch (_rng.Next(7))
        {
            case 0:
                return [];
            case 1:
                return Junk(_rng.Next(1, 600));
            case 2:
                return seen; // a replay, as is
            case 3:
                return Mutate(seen, marker + 16); // cookies intact: the right IKE SA, wrong contents
            case 4:
                return Forge(seen, marker);
            case 5:
                return Mutate(seen, marker);
            default:
                // Tiny: one to eight bytes, the non-ESP marker and a keepalive among them.
                return _rng.Next(4) == 0 ? [0xFF] : Junk(_rng.Next(1, 9));
        }
    }

    /// <summary>An IKE header with the cookies seen, a plausible message ID and exchange type, a random body.</summary>
    private byte[] Forge(byte[] seen, int marker)
    {
        if (seen.Length < marker + 28)
        {
            return Junk(28);
        }

        int body = _rng.Next(0, 200);
        byte[] m = new byte[marker + 28 + body];
        Array.Copy(seen, 0, m, 0, marker + 16); // marker and cookies
        m[marker + 16] = (byte)new[] { 0, 1, 5, 8, 11, 13 }[_rng.Next(6)]; // next payload
        m[marker + 17] = 0x10;
        m[marker + 18] = (byte)new[] { 2, 4, 5, 32, 33 }[_rng.Next(5)]; // exchange
        m[marker + 19] = (byte)_rng.Next(8); // flags: encryption, commit, authentication-only
        Array.Copy(seen, marker + 20, m, marker + 20, 4); // message ID seen, or off by one
        if (_rng.Next(2) == 0)
        {
            m[marker + 23]++;
        }

        int length = m.Length - marker;
        m[marker + 24] = (byte)(length >> 24);
        m[marker + 25] = (byte)(length >> 16);
        m[marker + 26] = (byte)(length >> 8);
        m[marker + 27] = (byte)length;
        for (int i = marker + 28; i < m.Length; i++)
        {
            m[i] = (byte)_rng.Next(256);
        }

        return m;
    }

    /// <summary>A copy with bytes from <paramref name="keep"/> on flipped, cut, extended or a length field broken.</summary>
    private byte[] Mutate(byte[] data, int keep)
    {
        if (data.Length <= keep)
        {
            return Junk(_rng.Next(0, 64));
        }

        byte[] m;
        switch (_rng.Next(4))
        {
            case 0:
                m = data[..(keep + _rng.Next(data.Length - keep))];
                break;
            case 1:
                m = new byte[data.Length + _rng.Next(1, 64)];
                Array.Copy(data, m, data.Length);
                for (int i = data.Length; i < m.Length; i++)
                {
                    m[i] = (byte)_rng.Next(256);
                }

                break;
            case 2:
                m = (byte[])data.Clone();
                int at = keep + _rng.Next(data.Length - keep);
                for (int i = at; i < m.Length && i < at + 2; i++)
                {
                    m[i] = _rng.Next(2) == 0 ? (byte)0 : (byte)0xFF; // a length or type at its extremes
                }

                break;
            default:
                m = (byte[])data.Clone();
                int flips = _rng.Next(1, 5);
                for (int i = 0; i < flips; i++)
                {
                    m[keep + _rng.Next(m.Length - keep)] ^= (byte)(1 << _rng.Next(8));
                }

                break;
        }

        return m;
    }

    private byte[] Junk(int length)
    {
        byte[] j = new byte[length];
        _rng.NextBytes(j);
        return j;
    }
}
