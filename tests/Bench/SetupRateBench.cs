using System.Diagnostics;
using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Host;

namespace NanoGate.Bench;

/// <summary>
/// Responder tunnel setups per second (issue 17): N simulated NanoGate branches start their tunnel
/// at once (sa trigger-mode auto) towards one hub on the sim network; each setup is main mode
/// (MODP-2048, AES-128-CBC, SHA-256) and quick mode (no PFS, the host's defaults), the hub answering.
/// The hub runs the .NET (libcrypto) provider with the Linux board's tables, and its Diffie-Hellman
/// budget lifted so nothing but its own cost paces it.
/// <para>
/// "cost": the hub's Diffie-Hellman inline, the manual clock stepped 1 ms per round: setups per
/// second of hub run-loop time (the initiators' time is not counted), so one core's capacity.
/// "stall": the clock follows real time and the hub runs its Diffie-Hellman inline or on the
/// <see cref="ThreadJobRunner"/> (the Linux board's): the longest hub iteration while the N setups
/// run is how long its ESP forwarding stood still (ESP is forwarded only between iterations), "loop
/// ms" the hub's run-loop time in all, and how long until all N were up. An iteration takes up to
/// Gateway.PacketBudget IKE messages per port, so a burst of first messages lands in few iterations.
/// </para>
/// </summary>
public sealed class SetupRateBench : IBench
{
    public string Name => "setups";

    public void Run(TextWriter output, bool quick)
    {
        int[] counts = quick ? [20] : [50, 200, 1000];

        // Warm-up: the JIT compiles phase 1, quick mode and both job runners' paths before anything is timed.
        new Hub(10, inline: true, realTime: false).Run();
        new Hub(10, inline: false, realTime: true).Run();
        output.WriteLine("Responder setups (main mode + quick mode, MODP-2048, no PFS) from N branches starting at once; hub on the .NET provider");
        output.WriteLine($"  {"N",5} {"hub ms",9} {"ms/setup",9} {"setups/s",9} {"iterations",11} {"idle us/it",11}   (hub run-loop time, DH inline, best of {(quick ? 1 : 3)})");
        foreach (int n in counts)
        {
            Result? best = null;
            double idle = double.MaxValue;
            for (int round = 0; round < (quick ? 1 : 3); round++)
            {
                var hub = new Hub(n, inline: true, realTime: false);
                Result r = hub.Run();
                best = best is null || r.HubMs < best.HubMs ? r : best;
                idle = Math.Min(idle, hub.IdleIterationUs());
            }

            output.WriteLine($"  {n,5} {best!.HubMs,9:F1} {best.HubMs / n,9:F3} {n / (best.HubMs / 1000),9:F0} {best.Iterations,11} {idle,11:F1}");
        }

        output.WriteLine();
        int reps = quick ? 1 : 3;
        output.WriteLine($"Hub run-loop stall while N setups run (clock follows real time; median of {reps} runs)");
        output.WriteLine($"  {"N",5} {"DH runs",-8} {"longest ms",11} {"p99 ms",7} {"loop ms",8} {"iterations",11} {"all up ms",10}");
        foreach (int n in counts.Where(c => c <= 200))
        {
            foreach (bool inline in new[] { true, false })
            {
                Result[] runs = Enumerable.Range(0, reps).Select(_ => new Hub(n, inline, realTime: true).Run()).ToArray();
                double Median(Func<Result, double> f) => runs.Select(f).OrderBy(v => v).ElementAt(reps / 2);
                output.WriteLine($"  {n,5} {(inline ? "inline" : "thread"),-8} {Median(r => r.LongestMs),11:F2} {Median(r => r.P99Ms),7:F2} "
                    + $"{Median(r => r.HubMs),8:F1} {Median(r => r.Iterations),11:F0} {Median(r => r.UpMs),10:F0}");
            }
        }
    }

    private sealed record Result(double HubMs, double LongestMs, double P99Ms, int Iterations, long UpMs);

    /// <summary>The hub and its N branches, each branch behind its own port-changing NAT.</summary>
    private sealed class Hub
    {
        private readonly ManualClock _clock = new();
        private readonly SimNetwork _net;
        private readonly Gateway _hub;
        private readonly Gateway[] _branches;
        private readonly bool _realTime;

        public Hub(int n, bool inline, bool realTime)
        {
            _realTime = realTime;
            _net = new SimNetwork(_clock, new DeterministicRandom(17)) { Recording = false };
            var quiet = new StringWriter();
            var hubSim = new SimBoard(_net, "hub", Address("203.0.113.2"), 1000, new DotNetCryptoProvider(), quiet);
            IJobRunner jobs = inline ? new InlineJobRunner() : new ThreadJobRunner();
            _hub = Create(SimGatewayBoard.Create(hubSim, "sim-hub", true, b =>
            {
                b.Jobs = jobs;
                b.SlotCount = 64;
                b.MaxIkeSas = 2 * n + 16;
                b.MaxSas = 4 * n;
                b.MaxPolicies = n;
                b.ResponderDhPerSecond = 0;
            }), HubConfig(n));
            _branches = new Gateway[n];
            for (int i = 0; i < n; i++)
            {
                uint inside = Address("10.128.0.2") + (uint)(i << 8);
                _net.AddNat("n" + i, Address("198.18.0.1") + (uint)i, inside & 0xFFFFFF00, 24, NatPortMode.Change);
                var sim = new SimBoard(_net, "b" + i, inside, (uint)(i + 1), new DotNetCryptoProvider(), quiet);
                _branches[i] = Create(SimGatewayBoard.Create(sim, "sim-b" + i), BranchConfig(i, inside));
            }
        }

        public Result Run()
        {
            var times = new List<double>();
            var wall = Stopwatch.StartNew();
            double hubMs = 0;
            int n = _branches.Length;
            for (int round = 0; ; round++)
            {
                if (round % 10 == 0 && _hub.Runtime.IpsecSaCount >= n)
                {
                    break;
                }

                if (_clock.NowMs > 120_000)
                {
                    throw new InvalidOperationException($"only {_hub.Runtime.IpsecSaCount} of {n} tunnels up after 120 s");
                }

                foreach (Gateway b in _branches)
                {
                    b.RunOnce(_clock.NowMs);
                }

                long t0 = Stopwatch.GetTimestamp();
                _hub.RunOnce(_clock.NowMs);
                double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                hubMs += ms;
                times.Add(ms);
                _net.Poll();
                _clock.Advance(_realTime ? Math.Max(0, wall.ElapsedMilliseconds - _clock.NowMs) : 1);
            }

            times.Sort();
            return new Result(hubMs, times[^1], times[(int)(times.Count * 0.99)], times.Count, _clock.NowMs);
        }

        /// <summary>What one hub iteration costs with every tunnel up and nothing to do (µs, best of 20 rounds of 100).</summary>
        public double IdleIterationUs()
        {
            double best = double.MaxValue;
            for (int round = 0; round < 20; round++)
            {
                long t0 = Stopwatch.GetTimestamp();
                for (int i = 0; i < 100; i++)
                {
                    _hub.RunOnce(_clock.NowMs);
                }

                best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalMicroseconds / 100);
            }

            return best;
        }

        private static Gateway Create(GatewayBoard board, string config)
        {
            var report = new NanoGate.Firmware.Cli.TextBuffer();
            Gateway g = GatewayStartup.Create(board, config, report) ?? throw new InvalidOperationException("configuration rejected: " + report);
            g.Start(0);
            return g;
        }

        private static string HubConfig(int n)
        {
            var text = new System.Text.StringBuilder("sysname hub\ninterface wan address 203.0.113.2/24 gateway 203.0.113.1\n"
                + "interface lan address 10.0.0.1/16\nipsec proposal p1\n");
            for (int i = 0; i < n; i++)
            {
                text.Append($"ike peer b{i}\n pre-shared-key simple fake-bench-key\n remote-address {Ipv4.Format(Address("198.18.0.1") + (uint)i)}\n")
                    .Append($"ipsec policy to-b{i}\n ike-peer b{i}\n proposal p1\n local-subnet 10.0.0.0/16\n")
                    .Append($" remote-subnet {Ipv4.Format(Address("10.64.0.0") + (uint)(i << 8))}/24\n");
            }

            return text.ToString();
        }

        private static string BranchConfig(int i, uint wan) => $"""
            sysname b{i}
            interface wan address {Ipv4.Format(wan)}/24 gateway {Ipv4.Format((wan & 0xFFFFFF00) + 1)}
            interface lan address {Ipv4.Format(Address("10.64.0.1") + (uint)(i << 8))}/24
            ike peer hub
             pre-shared-key simple fake-bench-key
             remote-address 203.0.113.2
            ipsec proposal p1
            ipsec policy to-hub
             ike-peer hub
             proposal p1
             local-subnet {Ipv4.Format(Address("10.64.0.0") + (uint)(i << 8))}/24
             remote-subnet 10.0.0.0/16
             sa trigger-mode auto
            """;
    }

    private static uint Address(string text) =>
        Ipv4.TryParse(text, out uint a) ? a : throw new ArgumentException("not an IPv4 address: " + text);
}
