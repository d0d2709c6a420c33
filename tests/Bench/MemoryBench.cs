using System.Reflection;
using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Firmware;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto.Native;
using NanoGate.Hal.Crypto.Soft;
using NanoGate.Host;

namespace NanoGate.Bench;

/// <summary>
/// Managed memory the device profile (DeviceProfile) retains: the demo's branch gateway on the sim
/// board, booted (startup configuration loaded, IKEv1 attached, started), then with 1 and with 8
/// tunnels up (IKE SA + quick-mode SA pairs with the head office, sa trigger-mode auto).
/// Two methods: GC.GetTotalMemory(true) before and after (at boot only the branch exists, so the
/// delta is the branch's; later it also holds the head office's growth), and a walk of everything
/// reachable from the branch gateway plus the static fields of the portable assemblies (hal, nat,
/// esp, ike, firmware), stopping at the simulation's objects (sim sockets, LAN, clock, storage).
/// </summary>
public sealed class MemoryBench : IBench
{
    public string Name => "memory";

    public void Run(TextWriter output, bool quick)
    {
        output.WriteLine($"device profile: SlotCount {DeviceProfile.SlotCount}, MaxSas {DeviceProfile.MaxSas}, MaxPolicies {DeviceProfile.MaxPolicies}, " +
            $"CaptureBytes {DeviceProfile.CaptureBytes} (at capture start), console line {SerialConsole.MaxLine} B");
        HeapWalker? boot = null;
        HeapWalker? last = null;
        foreach (bool native in new[] { false, true })
        {
            output.WriteLine(native
                ? "native provider (the device's default: keys and crypto state in the C component's slots, outside the managed heap):"
                : "portable provider (hal/Crypto/Soft: every key schedule and hash state on the managed heap):");
            output.WriteLine("scenario               GC delta   walk host  walk nanoCLR est.  objects" + (native ? "  native slots" : ""));
            foreach (int run in new[] { 0, 1, 8, -1, -8 })
            {
                // -1, -8: the same tunnels after the finished quick modes are forgotten (QuickMode.KeepMs).
                int tunnels = Math.Abs(run);
                long settleMs = run < 0 ? Ike.QuickMode.KeepMs + 1000 : 0;
                int slotsBefore = native ? NativeSlots.InUse : 0;
                var (delta, walker) = Measure(tunnels, native, settleMs);
                string name = tunnels == 0 ? "boot" : $"boot+{tunnels} tunnel" + (tunnels > 1 ? "s" : "") + (run < 0 ? ", 61 s" : "");
                string slots = native ? $" {NativeSlots.InUse - slotsBefore,13}" : "";
                string note = tunnels == 0 ? "" : "  (GC delta includes the head office's growth)";
                output.WriteLine($"{name,-22} {delta / 1024.0,7:F1} KB {walker.HostBytes / 1024.0,7:F1} KB {walker.NanoBytes / 1024.0,10:F1} KB {walker.Objects,10}{slots}{note}");
                if (native && run >= 0)
                {
                    boot ??= walker;
                    last = walker;
                }
            }
        }

        output.WriteLine();
        output.WriteLine("biggest consumers with 8 tunnels, native provider (walk, host layout):");
        foreach (var (type, v) in last!.ByType.OrderByDescending(kv => kv.Value.Host).Take(quick ? 5 : 30).Select(kv => (kv.Key, kv.Value)))
        {
            output.WriteLine($"  {type,-32} {v.Count,6} objects {v.Host / 1024.0,8:F1} KB  (nanoCLR est. {v.Nano / 1024.0,6:F1} KB)");
        }

        Fields(output, "boot", boot!, quick);
        Fields(output, "8 tunnels", last, quick);
    }

    private static void Fields(TextWriter output, string scenario, HeapWalker walker, bool quick)
    {
        output.WriteLine($"arrays and strings by the field holding them, {scenario} (walk, host layout):");
        foreach (var (field, v) in walker.ByField.OrderByDescending(kv => kv.Value.Host).Take(quick ? 5 : 45).Select(kv => (kv.Key, kv.Value)))
        {
            output.WriteLine($"  {field,-40} {v.Count,6} objects {v.Host / 1024.0,8:F1} KB  (nanoCLR est. {v.Nano / 1024.0,6:F1} KB)");
        }
    }

    private static (long Delta, HeapWalker Walker) Measure(int tunnels, bool native, long settleMs)
    {
        var clock = new ManualClock();
        var net = new SimNetwork(clock, new DeterministicRandom(2024));
        net.AddNat("branch-nat", Address("198.51.100.1"), Address("192.168.1.0"), 24, NatPortMode.Change);
        var quiet = new StringWriter();
        var hqBoard = new SimBoard(net, "hq", Address("203.0.113.2"), 22, new DotNetCryptoProvider(), quiet);
        Gateway hq = GatewayStartup.Create(Board(hqBoard, device: false), HeadOffice(tunnels), new TextBuffer())
            ?? throw new InvalidOperationException("head-office configuration rejected");

        long before = GC.GetTotalMemory(true);
        var branchBoard = new SimBoard(net, "branch", Address("192.168.1.2"), 11,
            native ? new NativeCryptoProvider() : new PortableCryptoProvider(), quiet);
        var report = new TextBuffer();
        Gateway branch = GatewayStartup.Create(Board(branchBoard, device: true), Branch(tunnels), report)
            ?? throw new InvalidOperationException("branch configuration rejected: " + report);
        branch.Start(clock.NowMs);
        hq.Start(clock.NowMs);
        long delta = GC.GetTotalMemory(true) - before;

        for (int ms = 0; tunnels > 0 && branch.Runtime.IpsecSaCount < tunnels; ms++)
        {
            if (ms > 120_000)
            {
                throw new InvalidOperationException($"only {branch.Runtime.IpsecSaCount} of {tunnels} tunnels up after 120 s");
            }

            branch.RunOnce(clock.NowMs);
            hq.RunOnce(clock.NowMs);
            net.Poll();
            clock.Advance(1);
        }

        for (long end = clock.NowMs + settleMs; clock.NowMs < end; clock.Advance(1))
        {
            branch.RunOnce(clock.NowMs);
            hq.RunOnce(clock.NowMs);
            net.Poll();
        }

        if (tunnels > 0)
        {
            delta = GC.GetTotalMemory(true) - before;
        }

        var walker = new HeapWalker(t => t.Namespace is { } ns && (ns.StartsWith("NanoGate.Boards.Sim", StringComparison.Ordinal) || ns.StartsWith("System.Reflection", StringComparison.Ordinal))
            || typeof(Type).IsAssignableFrom(t) || typeof(TextWriter).IsAssignableFrom(t));
        walker.Walk([(branch, "Gateway"), .. PortableStatics(native)]);
        GC.KeepAlive(hq);
        return (delta, walker);
    }

    private static uint Address(string text) =>
        Ipv4.TryParse(text, out uint a) ? a : throw new ArgumentException("not an IPv4 address: " + text);

    private static GatewayBoard Board(SimBoard sim, bool device)
    {
        // device: the device's sizes (DeviceProfile) before the capture taps go on. The head office
        // takes the device's proposal defaults too (ECP-256, AES-GCM), so both ends agree.
        return SimGatewayBoard.Create(sim, "sim-" + sim.Name, true,
            device ? DeviceProfile.Apply : b => b.ProposalDefaults = NanoGate.Firmware.Config.ProposalDefaults.Device());
    }

    /// <summary>Values of the static fields of the portable assemblies (on the device they live in the same heap).</summary>
    /// <remarks>
    /// Reading a static field runs its class's initializer, so with the native provider the
    /// portable crypto's tables (hal/Crypto/Soft: AES T-tables, DES boxes), which nothing on that
    /// board touches, are left out rather than made by the walk.
    /// </remarks>
    private static IEnumerable<(object? Value, string Label)> PortableStatics(bool native)
    {
        Assembly[] portable =
        [
            typeof(Ipv4).Assembly, typeof(Nat.NatDiscovery).Assembly, typeof(Esp.EspEngine).Assembly,
            typeof(Ike.IkeDaemon).Assembly, typeof(Gateway).Assembly, typeof(NativeCryptoProvider).Assembly,
        ];
        foreach (Assembly a in portable)
        {
            foreach (Type t in a.GetTypes().Where(t => !t.ContainsGenericParameters
                && !(native && t.Namespace == "NanoGate.Hal.Crypto.Soft")))
            {
                foreach (FieldInfo f in t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (!f.IsLiteral && !f.FieldType.IsValueType)
                    {
                        yield return (f.GetValue(null), "static " + t.Name + "." + f.Name);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The demo's configurations (firmware/Host/DemoCommand.cs): their policy (the view the text
    /// ends in) comes up without traffic, and tunnels 2..N add policies for further subnet pairs.
    /// </summary>
    private static string Branch(int tunnels) =>
        DemoCommand.Branch + "\n sa trigger-mode auto\n" + Policies(tunnels, "to-hq", "hq", 1, 2, auto: true);

    private static string HeadOffice(int tunnels) =>
        DemoCommand.HeadOffice + "\n" + Policies(tunnels, "to-branch", "branch", 2, 1, auto: false);

    private static string Policies(int tunnels, string name, string peer, int local, int remote, bool auto)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 1; i < tunnels; i++)
        {
            text.Append($"ipsec policy {name}-{i}\n ike-peer {peer}\n proposal p1\n pfs dh-group14\n")
                .Append($" local-subnet 10.{local}.{i}.0/24\n remote-subnet 10.{remote}.{i}.0/24\n")
                .Append(auto ? " sa trigger-mode auto\n" : "");
        }

        return text.ToString();
    }
}
