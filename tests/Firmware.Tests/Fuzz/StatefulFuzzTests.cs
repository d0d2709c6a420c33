using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using NanoGate.Firmware.Tests.Gateway;
using NanoGate.Hal;
using NanoGate.Ike;
using Xunit.Abstractions;

namespace NanoGate.Firmware.Tests.Fuzz;

/// <summary>
/// The stateful fuzzer (issue #13): two complete gateways on the sim board, gwA behind a
/// port-changing NAT and gwB public, negotiate and carry pings both ways while an
/// <see cref="Adversary"/> on the internet link drops, mutates, duplicates, reorders and injects
/// datagrams at UDP 500 and 4500 (authentic-looking ones included) and random console lines reach
/// both consoles. Short SA lifetimes make rekeys, DPD and re-authentication happen under fire, and
/// quiet stretches let time pass with no traffic. After every step: nothing threw (an exception
/// fails the test), the tables stay within their capacities. At the end, with the adversary gone:
/// the tunnel that should be up is up in both directions, and after <c>reset ike sa</c> and
/// <c>reset ipsec sa</c> every IKE, child and ESP table is empty on both sides.
/// The CI run is bounded by time; <c>NANOGATE_FUZZ_INPUTS</c> asks for a long run (docs/PERFORMANCE.md).
/// </summary>
public sealed class StatefulFuzzTests(ITestOutputHelper output)
{
    private const int Step = 10;
    private static readonly string[] s_consoleCorpus =
    [
        "display ike sa", "display ike sa verbose", "display ipsec sa", "display ike statistics", "display ike error-info",
        "display current-configuration", "display interface", "display ike proposal", "display ipsec policy", "display version", "?",
        "display ike sa conn-id 1", "display ipsec sa brief",
    ];

    private readonly ManualClock _clock = new();
    private SimNetwork _net = null!;
    private SimGateway _a = null!, _b = null!;
    private IkeKeyExchange _ikeA = null!, _ikeB = null!;
    private SimLanHost _hostA = null!, _hostB = null!;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Two_gateways_under_a_hostile_network_keep_their_invariants_and_recover(int seed)
    {
        long wanted = long.TryParse(Environment.GetEnvironmentVariable("NANOGATE_FUZZ_INPUTS"), out long n) ? n : 0;
        TimeSpan budget = wanted > 0 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(20);
        Run(seed, wanted, budget);
    }

    private void Run(int seed, long wantedInputs, TimeSpan budget)
    {
        Start(seed);
        var adversary = new Adversary(seed);
        _net.Tamper = adversary.Tamper;
        var rng = new Random(seed);
        var started = System.Diagnostics.Stopwatch.StartNew();
        long steps = 0, consoleLines = 0, pings = 0, answered = 0;
        ushort sequence = 1;
        while (wantedInputs > 0 ? adversary.Inputs + consoleLines < wantedInputs : started.Elapsed < budget)
        {
            // Phases of 60 simulated seconds: mostly under attack with traffic, sometimes quiet.
            bool quiet = steps / 6000 % 5 == 4;
            adversary.Active = !quiet;
            if (!quiet && steps % 20 == 0)
            {
                _hostA.Ping(_hostB.Address, sequence);
                _hostB.Ping(_hostA.Address, sequence);
                sequence = (ushort)(sequence == ushort.MaxValue ? 1 : sequence + 1);
                pings += 2;
            }

            if (!quiet)
            {
                adversary.Inject(_net, 4);
                if (steps % 25 == 0)
                {
                    Console(rng.Next(2) == 0 ? _a : _b, ConsoleLine(rng));
                    consoleLines++;
                }
            }

            Pump(1);
            CheckBounds();
            steps++;
            if (steps % 10000 == 0)
            {
                answered += _hostA.Replies.Count + _hostB.Replies.Count;
                _hostA.Replies.Clear();
                _hostB.Replies.Clear();
            }
        }

        output.WriteLine($"seed {seed}: {adversary.Inputs + consoleLines:N0} inputs ({adversary.Injected:N0} injected, "
            + $"{adversary.Inputs - adversary.Injected:N0} tampered on the path, {consoleLines:N0} console lines), {pings:N0} pings ({answered:N0} answered), "
            + $"{steps * Step / 1000:N0} simulated s, {started.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(Console(_b, "display ike statistics"));
        Assert.True(adversary.Inputs > 1000, "the adversary hardly acted");
        // The tunnel worked under attack most of the time (quiet phases send nothing; losses and rekeys cost some).
        Assert.True(answered > pings / 2, $"only {answered} of {pings} pings answered under attack");

        // The adversary leaves: within DPD and retry time the tunnel carries both directions again.
        adversary.Active = false;
        _net.Tamper = null;
        Assert.True(PingUntilAnswered(_hostA, _hostB, 120000), "A -> B does not recover: " + Records(_ikeA) + " / " + Records(_ikeB));
        Assert.True(PingUntilAnswered(_hostB, _hostA, 60000), "B -> A does not recover: " + Records(_ikeA) + " / " + Records(_ikeB));

        // No leaks: reset both and every table is empty.
        foreach (SimGateway g in new[] { _a, _b })
        {
            Console(g, "reset ike sa");
            Console(g, "reset ipsec sa");
        }

        Pump(3000);
        Assert.Equal(0, Count(_ikeA));
        Assert.Equal(0, Count(_ikeB));
        Assert.Equal(0, LiveChildren(_ikeA));
        Assert.Equal(0, LiveChildren(_ikeB));
        Assert.Equal(0, EspSas(_a));
        Assert.Equal(0, EspSas(_b));
    }

    private void Start(int seed)
    {
        _net = new SimNetwork(_clock, new DeterministicRandom((uint)seed)) { Recording = false };
        _net.AddNat("branch", Ip("198.51.100.1"), Ip("192.168.1.0"), 24, NatPortMode.Change);
        _a = new SimGateway(_net, "gwA", Ip("192.168.1.2"), (uint)seed * 2 + 1,
            Config("gwA", "192.168.1.2/24", "192.168.1.1", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24"), TextWriter.Null);
        _b = new SimGateway(_net, "gwB", Ip("203.0.113.2"), (uint)seed * 2 + 2,
            Config("gwB", "203.0.113.2/24", "203.0.113.1", "10.2.0.1/24", "198.51.100.1", "10.2.0.0/24", "10.1.0.0/24"), TextWriter.Null);
        _ikeA = new IkeKeyExchange(_a.Node);
        _a.Node.KeyExchange = _ikeA;
        _ikeB = new IkeKeyExchange(_b.Node);
        _b.Node.KeyExchange = _ikeB;
        _hostA = _a.Board.Lan.AddHost(Ip("10.1.0.10"));
        _hostB = _b.Board.Lan.AddHost(Ip("10.2.0.20"));
    }

    /// <summary>Short lifetimes (phase 1 10 min, phase 2 2 min) and DPD, so that rekeys and re-authentication happen under attack.</summary>
    private static string Config(string sysname, string wan, string gateway, string lan, string peer, string localNet, string remoteNet) =>
        $"""
        sysname {sysname}
        interface wan address {wan} gateway {gateway}
        interface lan address {lan}
        ike proposal 10
         sa duration 600
        ike peer peer
         pre-shared-key simple fake-test-key
         remote-address {peer}
         ike-proposal 10
         dpd interval 10 retry 3
        ipsec proposal p1
        ipsec policy to-peer
         ike-peer peer
         proposal p1
         local-subnet {localNet}
         remote-subnet {remoteNet}
         sa duration time-based 120
        """;

    private static uint Ip(string s) => ManualKeys.Ip(s);

    private void Pump(long ms)
    {
        for (long t = 0; t < ms; t += Step)
        {
            _a.Node.RunOnce(_clock.NowMs);
            _b.Node.RunOnce(_clock.NowMs);
            _net.Poll();
            _clock.Advance(Step);
        }
    }

    private bool PingUntilAnswered(SimLanHost from, SimLanHost to, long maxMs)
    {
        from.Replies.Clear();
        for (long t = 0; t < maxMs; t += 500)
        {
            from.Ping(to.Address, (ushort)(t / 500 + 1));
            Pump(500);
            if (from.Replies.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string Console(SimGateway g, string line)
    {
        var output = new TextBuffer();
        g.Node.ExecuteLine(line, g.Board.Clock.NowMs, output);
        return output.ToString();
    }

    /// <summary>A display command, one with its characters changed, or junk with control characters: never a command that changes the box.</summary>
    private static string ConsoleLine(Random rng)
    {
        string line = s_consoleCorpus[rng.Next(s_consoleCorpus.Length)];
        switch (rng.Next(3))
        {
            case 0:
                return line;
            case 1:
                char[] c = line.ToCharArray();
                for (int i = rng.Next(1, 4); i > 0; i--)
                {
                    int at = rng.Next(c.Length > 8 ? 8 : 0, c.Length); // the verb stays "display"
                    c[at] = (char)rng.Next(0, 128);
                }

                return new string(c);
            default:
                char[] junk = new char[rng.Next(0, 300)];
                for (int i = 0; i < junk.Length; i++)
                {
                    junk[i] = (char)rng.Next(0, 256);
                }

                return new string(junk);
        }
    }

    /// <summary>After every step: no table beyond its capacity, responder half-open SAs within their cap, records bounded.</summary>
    private void CheckBounds()
    {
        foreach (IkeKeyExchange ike in new[] { _ikeA, _ikeB })
        {
            int halfOpen = 0;
            for (int i = 0; i < ike.Daemon.Capacity; i++)
            {
                IkeSa? sa = ike.Daemon.GetSa(i);
                if (sa is { IsInitiator: false } && sa.State != IkeSaState.Established && sa.State != IkeSaState.Dead)
                {
                    halfOpen++;
                }
            }

            if (halfOpen > ike.Daemon.MaxHalfOpen)
            {
                Assert.Fail($"{halfOpen} responder half-open SAs, cap {ike.Daemon.MaxHalfOpen}");
            }

            if (ike.RecordCount > IkeKeyExchange.MaxRecords)
            {
                Assert.Fail($"{ike.RecordCount} error records, cap {IkeKeyExchange.MaxRecords}");
            }
        }
    }

    private static int Count(IkeKeyExchange ike) =>
        Enumerable.Range(0, ike.Daemon.Capacity).Count(i => ike.Daemon.GetSa(i) is { State: not IkeSaState.Dead });

    private static int LiveChildren(IkeKeyExchange ike) =>
        Enumerable.Range(0, ike.Quick.ChildCount).Select(ike.Quick.GetChild).Count(c => c.State != ChildSaState.Retired);

    private static int EspSas(SimGateway g) =>
        Enumerable.Range(0, g.Node.Esp.Sas.OutboundCapacity).Count(i => g.Node.Esp.GetOutbound(i) != null)
        + Enumerable.Range(0, g.Node.Esp.Sas.InboundCapacity).Count(i => g.Node.Esp.Sas.InboundAt(i) != null);

    private static string Records(IkeKeyExchange ike) =>
        string.Join("\n", Enumerable.Range(0, ike.RecordCount).Select(ike.GetRecord));
}
