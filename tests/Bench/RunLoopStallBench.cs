using System.Diagnostics;
using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Soft;
using NanoGate.Host;

namespace NanoGate.Bench;

/// <summary>
/// What a Diffie-Hellman costs the run loop (issue 15): two gateways on the sim network bring up
/// one tunnel (main mode and quick mode with PFS, both MODP-2048) while the wall-clock time of
/// every <c>RunOnce</c> is taken. "inline" runs the DH on the run loop (the code before the job
/// runner); "thread" is the Linux and device boards' <see cref="ThreadJobRunner"/>. The longest
/// iteration is how long ESP forwarding stood still. The manual clock follows real time (the loop spins; no sleep).
/// </summary>
public sealed class RunLoopStallBench : IBench
{
    public string Name => "stall";

    public void Run(TextWriter output, bool quick)
    {
        output.WriteLine("Longest run-loop iteration while one tunnel comes up (MODP-2048 phase 1 + MODP-2048 PFS), both gateways");
        output.WriteLine($"  {"provider",-10} {"DH runs",-8} {"longest ms",11} {"p99.9 ms",9} {"iterations",11} {"up after ms",12}");
        foreach (string provider in quick ? new[] { "dotnet" } : new[] { "dotnet", "portable" })
        {
            foreach (bool threaded in new[] { false, true })
            {
                (double longest, double p999, int iterations, long upMs) = Measure(provider, threaded);
                output.WriteLine($"  {provider,-10} {(threaded ? "thread" : "inline"),-8} {longest,11:F2} {p999,9:F2} {iterations,11} {upMs,12}");
            }
        }
    }

    private static (double Longest, double P999, int Iterations, long UpMs) Measure(string provider, bool threaded)
    {
        var clock = new ManualClock();
        var net = new SimNetwork(clock, new DeterministicRandom(15));
        var quiet = new StringWriter();
        Gateway a = Create(net, "a", "198.51.100.2", "203.0.113.2", "10.1.0", "10.2.0", provider, threaded, quiet);
        Gateway b = Create(net, "b", "203.0.113.2", "198.51.100.2", "10.2.0", "10.1.0", provider, threaded, quiet);
        var times = new List<double>();
        var wall = Stopwatch.StartNew();
        long start = clock.NowMs;
        while (a.Runtime.IpsecSaCount == 0 || b.Runtime.IpsecSaCount == 0)
        {
            if (clock.NowMs - start > 120_000)
            {
                throw new InvalidOperationException("no tunnel after 120 s");
            }

            long t0 = Stopwatch.GetTimestamp();
            a.RunOnce(clock.NowMs);
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            t0 = Stopwatch.GetTimestamp();
            b.RunOnce(clock.NowMs);
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            net.Poll();
            long real = wall.ElapsedMilliseconds;
            clock.Advance(Math.Max(0, start + real - clock.NowMs));
        }

        times.Sort();
        return (times[^1], times[(int)(times.Count * 0.999)], times.Count, clock.NowMs - start);
    }

    private static Gateway Create(SimNetwork net, string name, string wan, string peer, string local, string remote, string provider, bool threaded,
        TextWriter quiet)
    {
        ICryptoProvider crypto = provider == "portable" ? new PortableCryptoProvider() : new DotNetCryptoProvider();
        var sim = new SimBoard(net, name, Address(wan), name == "a" ? 1u : 2u, crypto, quiet);
        IJobRunner jobs = threaded ? new ThreadJobRunner() : new InlineJobRunner();
        GatewayBoard board = SimGatewayBoard.Create(sim, "sim-" + name, true, bd => bd.Jobs = jobs);
        string config = $"""
            sysname {name}
            interface wan address {wan}/24 gateway {wan[..wan.LastIndexOf('.')]}.1
            interface lan address {local}.1/24
            ike peer peer
             pre-shared-key simple fake-bench-key
             remote-address {peer}
            ipsec proposal p1
            ipsec policy tun
             ike-peer peer
             proposal p1
             local-subnet {local}.0/24
             remote-subnet {remote}.0/24
             pfs dh-group14
             sa trigger-mode {(name == "a" ? "auto" : "traffic-based")}
            """;
        var report = new NanoGate.Firmware.Cli.TextBuffer();
        Gateway g = GatewayStartup.Create(board, config, report) ?? throw new InvalidOperationException("configuration rejected: " + report);
        g.Start(0);
        return g;
    }

    private static uint Address(string text) =>
        Ipv4.TryParse(text, out uint a) ? a : throw new ArgumentException("not an IPv4 address: " + text);
}
