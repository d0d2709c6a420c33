using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Esp;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Native;
using NanoGate.Hal.Crypto.Soft;
using NanoGate.Host;

namespace NanoGate.Bench;

/// <summary>
/// Issue 17: managed bytes per established tunnel on a hub, for each crypto provider. N NanoGate
/// branches (sim board, .NET provider) bring their tunnels up to one NanoGate hub through the real
/// exchanges (main mode ECP-256 AES-128 SHA-256, quick mode without PFS), the hub on the provider
/// measured, the Linux board's table sizes. After the finished quick modes are forgotten
/// (QuickMode.KeepMs) the branches are powered off and dropped, so what is left is what the hub
/// keeps per tunnel: the ISAKMP SA after phase 1, the IPsec SA pair installed in the EspEngine and
/// the SA-side bookkeeping (ChildSa, pair tables).
/// <para>
/// "SAs B/tunnel" = Heap() of the hub with its N peers configured and started, no
/// tunnel up, against the same hub with all N up and the branches gone, over N. "policy B" = the
/// EspEngine's outbound policy (Policy object and index entry) made from the configuration at
/// start: GC delta of N AddPolicy calls on an empty engine, over N (the peer's and policy's
/// configuration objects are not counted). The breakdown by type is a walk of the hub (HeapWalker)
/// before and after, per tunnel. Native provider: key schedules and hash states live in the C
/// component's slots, outside the managed heap; their count per tunnel is shown.
/// </para>
/// </summary>
public sealed class TunnelMemoryBench : IBench
{
    public string Name => "tunnel-memory";

    public void Run(TextWriter output, bool quick)
    {
        int n = quick ? 100 : 1000;
        string[] suites = ["aes-128 sha2-256", "aes-gcm-128"];
        (string Name, Func<ICryptoProvider> Make)[] providers =
        [
            ("portable", () => new PortableCryptoProvider()),
            ("dotnet", () => new DotNetCryptoProvider()),
            ("native", () => new NativeCryptoProvider()),
        ];

        // Warm-up: JIT and the providers' static tables before anything is measured.
        foreach (var p in providers)
        {
            new Hub(10, p.Make(), suites[0]).Measure();
        }

        double policy = PolicyBytes(n);
        output.WriteLine($"{n} tunnels per run: hub with the Linux board's tables, branches on the .NET provider; phase 1 ECP-256 AES-128 SHA-256, quick mode without PFS");
        output.WriteLine($"{"provider",-9} {"ESP",-17} | {"SAs B/tunnel",12} {"policy B",9} {"total B",8} | {"walk B/tunnel",13} {"native slots",12}");
        var breakdowns = new List<(string Label, Dictionary<string, (int Count, long Host)> Types, Dictionary<string, (int Count, long Host)> Fields)>();
        foreach (var p in providers)
        {
            foreach (string suite in suites)
            {
                int slotsBefore = NativeSlots.InUse;
                var hub = new Hub(n, p.Make(), suite);
                Result r = hub.Measure();
                double slots = (double)(NativeSlots.InUse - slotsBefore) / n;
                double sas = (double)r.GcDelta / n;
                output.WriteLine($"{p.Name,-9} {suite,-17} | {sas,12:F0} {policy,9:F0} {sas + policy,8:F0} | {(double)r.WalkDelta / n,13:F0} {slots,12:F1}");
                breakdowns.Add(($"{p.Name}, {suite}", r.Types, r.Fields));
                GC.KeepAlive(hub);
            }
        }

        foreach (var (label, types, fields) in breakdowns)
        {
            output.WriteLine();
            output.WriteLine($"per tunnel ({label}; walk, host layout, at least 8 B per tunnel): by type | arrays by the field holding them");
            var left = types.Where(kv => kv.Value.Host >= 8L * n).OrderByDescending(kv => kv.Value.Host).ToArray();
            var right = fields.Where(kv => kv.Value.Host >= 8L * n).OrderByDescending(kv => kv.Value.Host).ToArray();
            for (int i = 0; i < Math.Max(left.Length, right.Length); i++)
            {
                string l = i < left.Length ? $"{left[i].Key,-24} {(double)left[i].Value.Count / n,5:F2} {(double)left[i].Value.Host / n,6:F0} B" : "";
                string r = i < right.Length ? $"{right[i].Key,-36} {(double)right[i].Value.Count / n,5:F2} {(double)right[i].Value.Host / n,6:F0} B" : "";
                output.WriteLine($"  {l,-41} | {r}");
            }
        }
    }

    /// <summary>Bytes one outbound policy adds to an EspEngine (GC delta over n adds, as TunnelTable makes them).</summary>
    private static double PolicyBytes(int n)
    {
        var engine = new EspEngine(new PortableCryptoProvider(), new DeterministicRandom(1), 4 * n, 4 * n, n);
        long before = Heap();
        for (int i = 0; i < n; i++)
        {
            engine.AddPolicy(new TrafficSelector(0x0A000000, 16), new TrafficSelector(0x0A400000u + (uint)(i << 8), 24), 0, PolicyAction.Protect);
        }

        long delta = Heap() - before;
        GC.KeepAlive(engine);
        return (double)delta / n;
    }

    private static long Heap()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        return GC.GetTotalMemory(false);
    }

    private sealed record Result(long GcDelta, long WalkDelta, Dictionary<string, (int Count, long Host)> Types, Dictionary<string, (int Count, long Host)> Fields);

    private static Dictionary<string, (int Count, long Host)> Delta(Dictionary<string, (int Count, long Host, long Nano)> before, Dictionary<string, (int Count, long Host, long Nano)> after)
    {
        var delta = new Dictionary<string, (int Count, long Host)>();
        foreach (var (key, v) in after)
        {
            var b = before.TryGetValue(key, out var x) ? x : default;
            delta[key] = (v.Count - b.Count, v.Host - b.Host);
        }

        return delta;
    }

    /// <summary>The hub and its N branches on the sim network (no NAT: the hub's state is the same).</summary>
    private sealed class Hub
    {
        private readonly ManualClock _clock = new();
        private readonly SimNetwork _net;
        private readonly Gateway _hub;
        private readonly int _n;
        private readonly string _suite;

        public Hub(int n, ICryptoProvider crypto, string suite)
        {
            _n = n;
            _suite = suite;
            _net = new SimNetwork(_clock, new DeterministicRandom(17)) { Recording = false };
            var hubSim = new SimBoard(_net, "hub", Address("203.0.113.2"), 1000, crypto, TextWriter.Null);
            _hub = Create(SimGatewayBoard.Create(hubSim, "sim-hub", true, b =>
            {
                b.Jobs = new InlineJobRunner();
                b.SlotCount = 64;
                b.MaxIkeSas = 2 * n + 16;
                b.MaxSas = 4 * n;
                b.MaxPolicies = n;
                b.ResponderDhPerSecond = 0;
            }), HubConfig(n, suite));
        }

        public Result Measure()
        {
            HeapWalker before = Walk();
            long gcBefore = GC.GetTotalMemory(true);
            WeakReference branch = BringUp();
            for (int i = 0; i < 3; i++)
            {
                _net.Poll();
                _hub.RunOnce(_clock.NowMs);
            }

            long gcDelta = GC.GetTotalMemory(true) - gcBefore;
            if (branch.IsAlive)
            {
                throw new InvalidOperationException("a branch gateway is still reachable: the GC delta would count it");
            }

            HeapWalker after = Walk();
            return new Result(gcDelta, after.HostBytes - before.HostBytes, Delta(before.ByType, after.ByType), Delta(before.ByField, after.ByField));
        }

        /// <summary>
        /// Makes the N branches, runs until all N tunnels are up and the finished quick modes are
        /// forgotten, then powers the branches off; none is reachable once this returns.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private WeakReference BringUp()
        {
            var boards = new SimBoard[_n];
            var branches = new Gateway[_n];
            for (int i = 0; i < _n; i++)
            {
                boards[i] = new SimBoard(_net, "b" + i, Branch(i), (uint)(i + 1), new DotNetCryptoProvider(), TextWriter.Null);
                branches[i] = Create(SimGatewayBoard.Create(boards[i], "sim-b" + i), BranchConfig(i, _suite));
            }

            while (_hub.Runtime.IpsecSaCount < _n)
            {
                if (_clock.NowMs > 120_000)
                {
                    throw new InvalidOperationException($"only {_hub.Runtime.IpsecSaCount} of {_n} tunnels up after 120 s");
                }

                Step(branches, 1);
            }

            // Run on until the finished quick modes are forgotten: what an established tunnel keeps for good.
            for (long end = _clock.NowMs + Ike.QuickMode.KeepMs + 1000; _clock.NowMs < end;)
            {
                Step(branches, 50);
            }

            if (_hub.Runtime.IpsecSaCount < _n)
            {
                throw new InvalidOperationException($"{_hub.Runtime.IpsecSaCount} of {_n} tunnels left after {_clock.NowMs} ms");
            }

            foreach (SimBoard b in boards)
            {
                b.PowerOff();
            }

            return new WeakReference(branches[0]);
        }

        private void Step(Gateway[] branches, int ms)
        {
            foreach (Gateway b in branches)
            {
                b.RunOnce(_clock.NowMs);
            }

            _hub.RunOnce(_clock.NowMs);
            _net.Poll();
            _clock.Advance(ms);
        }

        private HeapWalker Walk()
        {
            var walker = new HeapWalker(t => t.Namespace is { } ns && (ns.StartsWith("NanoGate.Boards.SimX", StringComparison.Ordinal) || ns.StartsWith("System.Reflection", StringComparison.Ordinal))
                || typeof(Type).IsAssignableFrom(t) || typeof(TextWriter).IsAssignableFrom(t));
            var roots = new List<(object?, string)> { (_hub, "Gateway"), (_net, "net") };
            foreach (var a in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name!.StartsWith("NanoGate", StringComparison.Ordinal)))
            {
                foreach (var t in a.GetTypes().Where(t => !t.ContainsGenericParameters))
                {
                    foreach (var f in t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly))
                    {
                        if (!f.IsLiteral && !f.FieldType.IsValueType)
                        {
                            roots.Add((f.GetValue(null), "static " + t.Name + "." + f.Name));
                        }
                    }
                }
            }

            walker.Walk(roots);
            return walker;
        }

        private static Gateway Create(GatewayBoard board, string config)
        {
            var report = new NanoGate.Firmware.Cli.TextBuffer();
            Gateway g = GatewayStartup.Create(board, config, report) ?? throw new InvalidOperationException("configuration rejected: " + report);
            g.Start(0);
            return g;
        }

        private static uint Branch(int i) => Address("198.18.0.2") + (uint)i;

        private static string Esp(string suite) =>
            string.Join("", suite.Split(' ').Select((a, i) => i == 0 ? $" esp encryption-algorithm {a}\n" : $" esp authentication-algorithm {a}\n"));

        private const string IkeProposal = "ike proposal 10\n encryption-algorithm aes-128\n authentication-algorithm sha2-256\n dh group19\n";

        private static string HubConfig(int n, string suite)
        {
            var text = new System.Text.StringBuilder("sysname hub\ninterface wan address 203.0.113.2/24 gateway 203.0.113.1\n"
                + "interface lan address 10.0.0.1/16\n" + IkeProposal + "ipsec proposal p1\n" + Esp(suite));
            for (int i = 0; i < n; i++)
            {
                text.Append($"ike peer b{i}\n pre-shared-key simple fake-bench-key\n remote-address {Ipv4.Format(Branch(i))}\n ike-proposal 10\n")
                    .Append($"ipsec policy to-b{i}\n ike-peer b{i}\n proposal p1\n local-subnet 10.0.0.0/16\n")
                    .Append($" remote-subnet {Ipv4.Format(Address("10.64.0.0") + (uint)(i << 8))}/24\n");
            }

            return text.ToString();
        }

        private static string BranchConfig(int i, string suite) =>
            $"sysname b{i}\ninterface wan address {Ipv4.Format(Branch(i))}/16 gateway 198.18.0.1\n"
            + $"interface lan address {Ipv4.Format(Address("10.64.0.1") + (uint)(i << 8))}/24\n" + IkeProposal
            + "ike peer hub\n pre-shared-key simple fake-bench-key\n remote-address 203.0.113.2\n ike-proposal 10\n"
            + "ipsec proposal p1\n" + Esp(suite)
            + $"ipsec policy to-hub\n ike-peer hub\n proposal p1\n local-subnet {Ipv4.Format(Address("10.64.0.0") + (uint)(i << 8))}/24\n"
            + " remote-subnet 10.0.0.0/16\n sa trigger-mode auto\n";
    }

    private static uint Address(string text) =>
        Ipv4.TryParse(text, out uint a) ? a : throw new ArgumentException("not an IPv4 address: " + text);
}
