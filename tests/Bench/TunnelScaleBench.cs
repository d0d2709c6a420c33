using System.Diagnostics;
using NanoGate.Boards.Host;
using NanoGate.Esp;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Bench;

/// <summary>
/// Issue 17: ns per packet each way with 1, 100, 1,000 and 10,000 tunnels installed (a policy and
/// an SA pair each, AES-128-GCM, host provider; 64-byte inner packets, where the lookups weigh most,
/// and 1400-byte ones),
/// packets spread over every tunnel in a shuffled order; and the outbound policy lookup alone next
/// to the plain first-match scan it replaced. Fastest of many 64-packet rounds.
/// </summary>
public sealed class TunnelScaleBench : IBench
{
    private const int Batch = 64;
    private static readonly int[] s_tunnels = [1, 100, 1000, 10000];

    public string Name => "tunnels";

    public void Run(TextWriter output, bool quick)
    {
        double seconds = quick ? 0.05 : 0.5;
        output.WriteLine("tunnels: policy 10.1.0.0/16 -> 10.(2+n/256).(n%256).0/24 and an SA pair per tunnel; packets round-robin over a shuffled tunnel order");
        output.WriteLine($"{"tunnels",8} | {"64 B encap",10} {"decap",7} | {"1400 B encap",12} {"decap",7} | {"lookup ns",10} {"scan ns",9}");
        var first = new double[4];
        var last = new double[4];
        foreach (int n in s_tunnels)
        {
            var hub = new Hub(n);
            (double enc, double dec) = hub.Measure(64, seconds);
            (double enc1400, double dec1400) = hub.Measure(1400, seconds);
            (double lookup, double scan) = hub.MeasureLookup(seconds);
            output.WriteLine($"{n,8} | {enc,10:F0} {dec,7:F0} | {enc1400,12:F0} {dec1400,7:F0} | {lookup,10:F1} {scan,9:F1}");
            last = [enc, dec, enc1400, dec1400];
            if (n == s_tunnels[0])
            {
                first = last;
            }
        }

        output.WriteLine($"{s_tunnels[^1]:N0} tunnels against 1: 64 B encap {last[0] / first[0] - 1:+0%;-0%}, decap {last[1] / first[1] - 1:+0%;-0%}; 1400 B encap {last[2] / first[2] - 1:+0%;-0%}, decap {last[3] / first[3] - 1:+0%;-0%} (target: at most +10 %)");
    }

    private static uint Remote(int n) => 0x0A000000u | (uint)((2 + (n >> 8)) << 16) | (uint)((n & 255) << 8);

    private sealed class Hub
    {
        private readonly EspEngine _a;
        private readonly EspEngine _b;
        private readonly int _count;
        private readonly int[] _order;
        private readonly PacketSlot[] _slots = new PacketSlot[Batch];
        private int _next;

        public Hub(int count)
        {
            _count = count;
            var crypto = new DotNetCryptoProvider();
            var random = new DeterministicRandom(5);
            _a = new EspEngine(crypto, random, count + 1, count + 1, count + 1);
            _b = new EspEngine(crypto, random, count + 1, count + 1, count + 1);
            for (int n = 0; n < count; n++)
            {
                int policy = _a.AddPolicy(new TrafficSelector(0x0A010000, 16), new TrafficSelector(Remote(n), 24), 0, PolicyAction.Protect);
                uint spi = _b.ReserveInboundSpi();
                SaParameters p = Parameters(spi, n);
                p.PolicyId = policy;
                if (_a.InstallOutbound(p, 0, out SaInstallResult r) < 0 || _b.InstallInbound(Parameters(spi, n), 0) != SaInstallResult.Ok)
                {
                    throw new InvalidOperationException("install failed: " + r);
                }
            }

            var shuffle = new Random(7);
            _order = Enumerable.Range(0, count).OrderBy(_ => shuffle.Next()).ToArray();
            for (int i = 0; i < Batch; i++)
            {
                _slots[i] = new PacketSlot(1500);
            }
        }

        private static SaParameters Parameters(uint spi, int n) => new()
        {
            Spi = spi,
            Cipher = CipherAlgorithm.AesGcm,
            EncryptionKey = Enumerable.Range(n, 20).Select(i => (byte)i).ToArray(),
            LocalAddress = 0xC0000201,
            RemoteAddress = 0xC6336402,
        };

        public (double Enc, double Dec) Measure(int size, double seconds)
        {
            long enc = long.MaxValue, dec = long.MaxValue;
            long end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
            for (int round = 0; round < 8 || Stopwatch.GetTimestamp() < end; round++)
            {
                for (int i = 0; i < Batch; i++)
                {
                    EspBench.WriteInner(_slots[i], size, Remote(_order[_next]) | 7);
                    _next = (_next + 1) % _count;
                }

                long t0 = Stopwatch.GetTimestamp();
                for (int i = 0; i < Batch; i++)
                {
                    if (_a.Encapsulate(_slots[i], 0) != DropReason.None)
                    {
                        throw new InvalidOperationException("encapsulate: " + _slots[i].Verdict);
                    }
                }

                long t1 = Stopwatch.GetTimestamp();
                for (int i = 0; i < Batch; i++)
                {
                    _slots[i].Offset = _slots[i].EspOffset;
                    _slots[i].Length = _slots[i].EspLength;
                }

                long t2 = Stopwatch.GetTimestamp();
                for (int i = 0; i < Batch; i++)
                {
                    if (_b.Decapsulate(_slots[i], 0) != DropReason.None)
                    {
                        throw new InvalidOperationException("decapsulate: " + _slots[i].Verdict);
                    }
                }

                long t3 = Stopwatch.GetTimestamp();
                enc = Math.Min(enc, t1 - t0);
                dec = Math.Min(dec, t3 - t2);
            }

            double perPacket = 1e9 / Stopwatch.Frequency / Batch;
            return (enc * perPacket, dec * perPacket);
        }

        public (double Lookup, double Scan) MeasureLookup(double seconds)
        {
            PolicyTable table = _a.Policies;
            long lookup = long.MaxValue, scan = long.MaxValue;
            long end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
            int found = 0;
            for (int round = 0; round < 8 || Stopwatch.GetTimestamp() < end; round++)
            {
                int start = _next;
                long t0 = Stopwatch.GetTimestamp();
                for (int i = 0; i < Batch; i++)
                {
                    found += table.Find(0x0A010005, Remote(_order[(start + i) % _count]) | 7, 17) != null ? 1 : 0;
                }

                long t1 = Stopwatch.GetTimestamp();
                for (int i = 0; i < Batch; i++)
                {
                    found += Scan(table, 0x0A010005, Remote(_order[(start + i) % _count]) | 7, 17) != null ? 1 : 0;
                }

                long t2 = Stopwatch.GetTimestamp();
                lookup = Math.Min(lookup, t1 - t0);
                scan = Math.Min(scan, t2 - t1);
                _next = (start + Batch) % _count;
            }

            if (found == 0)
            {
                throw new InvalidOperationException("no policy found");
            }

            double perLookup = 1e9 / Stopwatch.Frequency / Batch;
            return (lookup * perLookup, scan * perLookup);
        }

        // The rule the table implements (RFC 4301 §4.4.1), as the table did it before issue 17.
        private static Policy? Scan(PolicyTable table, uint source, uint destination, byte protocol)
        {
            for (int i = 0; i < table.Capacity; i++)
            {
                Policy p = table.Get(i);
                if (p != null && p.Matches(source, destination, protocol))
                {
                    return p;
                }
            }

            return null;
        }
    }
}
