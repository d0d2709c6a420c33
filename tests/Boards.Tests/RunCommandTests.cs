using System.Diagnostics;
using NanoGate.Boards.Linux;
using NanoGate.Firmware;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using Xunit.Abstractions;

namespace NanoGate.Boards.Tests;

/// <summary>
/// Issue 16 on the host: `nanogate` options, `nanogate run` on the linux board (what save writes,
/// what the console refuses, a second instance, the TUN set-up, one connection's view not leaking
/// into the next) and `nanogate console`'s exit status, as sessions of the real program.
/// The `run` session needs root (network namespace, TUN device); CI runs as root.
/// </summary>
public sealed class RunCommandTests(ITestOutputHelper log)
{
    private const string Config = """
        sysname branch-gw
        interface wan address 192.0.2.1/24 gateway 192.0.2.254
        interface lan tun ngr0 address 10.79.0.1/24
        ike proposal 10
        ike peer hq
         pre-shared-key simple fake-test-key
         remote-address 198.51.100.7
         ike-proposal 10
        ipsec proposal p1
        ipsec policy to-hq
         ike-peer hq
         proposal p1
         local-subnet 10.79.0.0/24
         remote-subnet 10.80.0.0/24
        """;

    [Fact]
    public void Help_and_unknown_options_never_run_the_demo()
    {
        (int code, string text) = Nanogate("--help");
        Assert.Equal(0, code);
        Assert.StartsWith("usage: nanogate ", text);
        Assert.DoesNotContain("NanoGate demo", text);

        (code, text) = Nanogate("--x");
        Assert.Equal(2, code);
        Assert.Equal("nanogate: demo: unknown option '--x' (try: nanogate help)\n", text);

        (code, text) = Nanogate("run", "--board", "linux", "--confg", "a.cfg");
        Assert.Equal(2, code);
        Assert.Contains("run: unknown option '--confg'", text);
    }

    [Fact]
    public void The_demo_shows_what_was_negotiated_the_dropped_first_pings_and_both_sides()
    {
        (int code, string text) = Nanogate("demo");
        Assert.Equal(0, code);
        Assert.Contains("Phase 1 (main mode): aes-256, sha2-256, DH group14\n", text);
        Assert.Contains("NAT detected (RFC 3947 NAT-D): the peer is seen at 203.0.113.2:4500; IKE and ESP moved to UDP 4500\n", text);
        Assert.Contains("Phase 2 (quick mode): ESP aes-128, sha2-256, PFS DH group14, UDP-encapsulated (RFC 3948)\n", text);
        Assert.Matches(@"Pings branch -> head office: (\d+) sent, (\d+) answered, [1-9]\d* dropped \(no-sa\)", text);
        Assert.Contains("<branch> display ipsec sa\n", text);
        Assert.Contains("<hq> display ipsec sa\n", text);
        Assert.Matches(@"\nResult: tunnel up; \d+ ping\(s\) branch -> head office answered, head office -> branch answered\.\n$", text);
    }

    [Fact]
    public void Bad_arguments_are_reported_without_a_stack_trace()
    {
        (int code, string text) = Nanogate("demo", "--esp", "bogus");
        Assert.Equal(2, code);
        Assert.Equal("nanogate demo: unknown --esp 'bogus' (aes-128, aes-192, aes-256, aes-gcm-128, aes-gcm-256, 3des)\n", text);

        string dir = Directory.CreateTempSubdirectory("ngrun-").FullName;
        try
        {
            (code, text) = Nanogate("run", "--board", "linux", "--config", dir);
            Assert.Equal(2, code);
            Assert.Equal($"nanogate run: --config {dir} is a directory; give the startup configuration file (CLI syntax)\n", text);

            string config = Path.Combine(dir, "a.cfg");
            File.WriteAllText(config, Config);
            (code, text) = Nanogate("run", "--board", "linux", "--config", config, "--console-socket", Path.Combine(dir, "missing", "s.sock"));
            Assert.Equal(2, code);
            Assert.Equal($"nanogate run: --console-socket {Path.Combine(dir, "missing", "s.sock")}: the directory {Path.Combine(dir, "missing")} does not exist\n", text);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Each_console_connection_starts_in_the_system_view()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ng-view-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        var routed = new RoutedLineWriter(null);
        var cli = new CommandLine(routed);
        routed.Target = new TextBuffer();
        Assert.True(cli.LoadStartup(Config));
        using var server = new ConsoleSocketServer(path) { ConnectionStarted = cli.ReturnToSystemView };
        using var stop = new CancellationTokenSource();
        var loop = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (server.Service((line, write) =>
                {
                    routed.Target = new CallbackWriter(write);
                    cli.Execute(line, 0);
                    routed.Target = null;
                }) == 0)
                {
                    Thread.Sleep(1);
                }
            }
        });
        loop.Start();
        try
        {
            var first = new StringWriter();
            Assert.True(ConsoleSocketClient.Run(path, ["ike peer hq", "nat traversal"], first, first));
            Assert.Equal("", first.ToString());

            // The next connection is not in the peer view the first one left open.
            var second = new StringWriter();
            Assert.True(ConsoleSocketClient.Run(path, ["nat traversal"], second, second));
            Assert.Contains("Error: Unrecognized command", second.ToString());
        }
        finally
        {
            stop.Cancel();
            loop.Join();
        }
    }

    [Fact]
    public void TunSetup_recognises_an_address_held_by_an_interface()
    {
        const string listing = "2: lan0    inet 10.79.0.1/24 brd 10.79.0.255 scope global lan0\\       valid_lft forever preferred_lft forever\n";
        Assert.True(TunSetup.HoldsAddress(listing, "10.79.0.1"));
        Assert.False(TunSetup.HoldsAddress(listing, "10.79.0.10"));
    }

    [Fact]
    public async Task Nanogate_run_saves_its_config_file_refuses_what_the_board_cannot_do_and_sets_up_its_TUN_device()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            log.WriteLine("nanogate run session: NOT RUN, needs root (network namespace, TUN device).");
            Assert.Equal(2, Nanogate("run", "--board", "linux").Code);
            return;
        }

        string ns = "ngrun-" + Environment.ProcessId;
        string dir = Directory.CreateTempSubdirectory("ngrun-").FullName;
        Process? gateway = null;
        try
        {
            Sh("ip", "netns", "add", ns);
            Sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
            Sh("ip", "netns", "exec", ns, "ip", "addr", "add", "192.0.2.1/24", "dev", "lo");
            Sh("ip", "netns", "exec", ns, "ip", "tuntap", "add", "dev", "ngr0", "mode", "tun");
            string config = Path.Combine(dir, "branch.cfg");
            string socket = Path.Combine(dir, "console.sock");
            File.WriteAllText(config, Config);

            var start = new ProcessStartInfo("ip") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { "netns", "exec", ns, "dotnet", RepoPaths.NanogateDll, "run", "--board", "linux", "--config", config, "--console-socket", socket })
            {
                start.ArgumentList.Add(a);
            }

            gateway = Process.Start(start)!;
            gateway.StandardInput.Close();
            Task<string> stdout = gateway.StandardOutput.ReadToEndAsync();
            Task<string> stderr = gateway.StandardError.ReadToEndAsync();
            var wait = Stopwatch.StartNew();
            while (!File.Exists(socket) && !gateway.HasExited && wait.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(100);
            }

            Assert.True(File.Exists(socket), "no console socket; stderr: " + (gateway.HasExited ? await stderr : "(still running)"));

            // The TUN device came up from the configuration: address, MTU, the route to the remote subnet.
            string addr = Sh("ip", "netns", "exec", ns, "ip", "-o", "addr", "show", "dev", "ngr0");
            Assert.Contains("inet 10.79.0.1/24", addr);
            Assert.Contains("mtu 1400", Sh("ip", "netns", "exec", ns, "ip", "link", "show", "dev", "ngr0"));
            Assert.Contains("10.80.0.0/24 dev ngr0", Sh("ip", "netns", "exec", ns, "ip", "route", "show"));

            // A second instance on the same WAN address is refused.
            (int second, string secondText) = Exec(["ip", "netns", "exec", ns, "dotnet", RepoPaths.NanogateDll, "run", "--board", "linux", "--config", config, "--no-tun-setup"]);
            Assert.Equal(1, second);
            Assert.Contains("nanogate run: UDP port 500 on 192.0.2.1 is in use", secondText);

            // The console: refusals exit 1, what the board cannot do is refused, save writes the --config file.
            (int code, string text) = Nanogate("console", "--socket", socket, "-c", "interface wan dhcp");
            Assert.Equal(1, code);
            Assert.Contains("Error: this board's UDP 500/4500 sockets are bound to 192.0.2.1", text);
            (code, text) = Nanogate("console", "--socket", socket, "-c", "sysname renamed", "-c", "save");
            Assert.Equal(0, code);
            Assert.Contains("Info: The current configuration was saved to branch.cfg (", text);
            Assert.StartsWith("#\nsysname renamed\n", File.ReadAllText(config));
            Assert.EndsWith("return\n", File.ReadAllText(config));
            (code, text) = Nanogate("console", "--socket", socket, "-c", "display version");
            Assert.Equal(0, code);
            Assert.Contains("Board: linux\n", text);

            Sh("kill", "-TERM", gateway.Id.ToString());
            Assert.True(gateway.WaitForExit(15000), "nanogate did not stop on SIGTERM");
            log.WriteLine(await stdout);
            Assert.Equal(0, gateway.ExitCode);
        }
        finally
        {
            if (gateway is { HasExited: false })
            {
                gateway.Kill();
                gateway.WaitForExit(5000);
            }

            Exec(["ip", "netns", "del", ns]);
            Directory.Delete(dir, true);
        }
    }

    private static (int Code, string Text) Nanogate(params string[] args) => Exec(["dotnet", RepoPaths.NanogateDll, .. args]);

    private static string Sh(params string[] args) => TestProcess.Sh(args);

    private static (int Code, string Text) Exec(string[] args) => TestProcess.Exec(args);
}
