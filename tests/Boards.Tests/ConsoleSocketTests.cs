using System.Diagnostics;
using System.Text.RegularExpressions;
using NanoGate.Boards.Linux;
using NanoGate.Firmware;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using Xunit.Abstractions;

namespace NanoGate.Boards.Tests;

/// <summary>
/// The console socket: a CommandLine behind a ConsoleSocketServer (in process, serviced by a
/// "run loop" thread as in nanogate run), driven with the client code of <c>nanogate console</c>.
/// <para>
/// The end-to-end test starts <c>nanogate run --board linux</c> in a fresh network namespace with
/// a TUN device, which needs root (CI runs as root). Without root it cannot run; rather than
/// skipping silently, it then checks the in-process console socket path again and writes a line
/// saying that the namespace test needs root.
/// </para>
/// </summary>
public sealed class ConsoleSocketTests(ITestOutputHelper log)
{
    private const string Config = """
        sysname branch-gw
        interface wan address 192.0.2.1/24 gateway 192.0.2.254
        interface lan tun ngt0 address 10.77.0.1/24
        ike proposal 10
        ike peer hq
         pre-shared-key simple fake-test-key
         remote-address 198.51.100.7
         ike-proposal 10
        ipsec proposal p1
        ipsec policy to-hq
         ike-peer hq
         proposal p1
         local-subnet 10.77.0.0/24
         remote-subnet 10.78.0.0/24
        """;

    [Fact]
    public void Console_client_drives_a_CommandLine_through_the_socket()
    {
        string output = InProcess("display current-configuration", "display ike peer", "display nonsense");
        Assert.Contains("sysname branch-gw", output);
        Assert.Contains("interface lan tun ngt0 address 10.77.0.1/24", output);
        Assert.Contains("ipsec policy to-hq", output);
        Assert.Contains("hq", output);
        // The unknown word is reported with the console's error, not by the socket layer.
        Assert.Contains("Error:", output);
    }

    [Fact]
    public void Client_reports_a_missing_socket()
    {
        var error = new StringWriter();
        Assert.False(ConsoleSocketClient.Run(Path.Combine(Path.GetTempPath(), "ng-no-such-" + Environment.ProcessId), ["display led"], new StringWriter(), error));
        Assert.Contains("cannot connect", error.ToString());
    }

    [Fact]
    public async Task Nanogate_run_in_a_network_namespace_answers_on_its_console_socket()
    {
        if (!IsRoot())
        {
            log.WriteLine("nanogate run --board linux end-to-end: NOT RUN, needs root (network namespace, TUN device); checked the in-process console socket instead.");
            Assert.Contains("sysname branch-gw", InProcess("display current-configuration"));
            return;
        }

        string ns = "ngtest-" + Environment.ProcessId;
        string dir = Directory.CreateTempSubdirectory("ngtest-").FullName;
        Process? gateway = null;
        try
        {
            Sh("ip", "netns", "add", ns);
            Sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
            Sh("ip", "netns", "exec", ns, "ip", "addr", "add", "192.0.2.1/24", "dev", "lo");
            Sh("ip", "netns", "exec", ns, "ip", "tuntap", "add", "dev", "ngt0", "mode", "tun");
            Sh("ip", "netns", "exec", ns, "ip", "addr", "add", "10.77.0.1/24", "dev", "ngt0");
            Sh("ip", "netns", "exec", ns, "ip", "link", "set", "ngt0", "up");
            Sh("ip", "netns", "exec", ns, "ip", "route", "add", "10.78.0.0/24", "dev", "ngt0");
            string config = Path.Combine(dir, "startup.cfg");
            string socket = Path.Combine(dir, "console.sock");
            File.WriteAllText(config, Config);

            var start = new ProcessStartInfo("ip")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
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

            if (!File.Exists(socket))
            {
                Assert.Fail("no console socket; stderr: " + (gateway.HasExited ? await stderr : "(still running)"));
            }

            // A packet for the tunnel raises an acquire and is dropped (no-sa); the acquire starts
            // phase 1 towards the configured peer, which does not exist here, so it stays NEG.
            // ping exits 1 here (no reply is expected); only "not installed" is a failure of the test itself.
            Assert.True(File.Exists("/usr/bin/ping") || File.Exists("/bin/ping"),
                "ping is not installed (Debian package iputils-ping; tests/tools/install-packages.sh installs it)");
            RunQuiet("ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "1", "10.78.0.5");

            var output = new StringWriter();
            Assert.True(ConsoleSocketClient.Run(socket,
                ["display current-configuration", "display ike sa", "display ipsec statistics", "display led"], output, output));
            string text = output.ToString();
            log.WriteLine(text);
            Assert.Contains("interface lan tun ngt0 address 10.77.0.1/24", text);
            Assert.Matches(new Regex(@"198\.51\.100\.7:500\s+\S+\s+NEG\s+v1:1"), text);
            Assert.Contains("Number of IKE SA : 1", text);
            Assert.Matches(new Regex(@"no-sa\s+: [1-9]"), text);
            Assert.Matches(new Regex(@"VPN\s+slow-blink"), text);

            Sh("kill", "-TERM", gateway.Id.ToString());
            Assert.True(gateway.WaitForExit(15000), "nanogate did not stop on SIGTERM");
            string all = await stdout;
            log.WriteLine(all);
            Assert.Equal(0, gateway.ExitCode);
            Assert.Contains("LED PWR:on SYS:on WAN:on VPN:slow-blink PSTN:off", all);
            Assert.Contains("nanogate: stopped", all);
            Assert.False(File.Exists(socket), "the console socket file was left behind");
        }
        finally
        {
            if (gateway is { HasExited: false })
            {
                gateway.Kill();
                gateway.WaitForExit(5000);
            }

            RunQuiet("ip", "netns", "del", ns);
            Directory.Delete(dir, true);
        }
    }

    /// <summary>Loads <see cref="Config"/> into a CommandLine behind a socket server and runs the lines through the client.</summary>
    private static string InProcess(params string[] lines)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ng-console-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        var routed = new RoutedLineWriter(null);
        var cli = new CommandLine(routed);
        var report = new TextBuffer();
        routed.Target = report;
        Assert.True(cli.LoadStartup(Config), report.ToString());
        using var server = new ConsoleSocketServer(path);
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
            var output = new StringWriter();
            Assert.True(ConsoleSocketClient.Run(path, lines, output, output));
            return output.ToString();
        }
        finally
        {
            stop.Cancel();
            loop.Join();
        }
    }

    private static bool IsRoot() => Environment.IsPrivilegedProcess;

    private static void Sh(params string[] args) => TestProcess.Sh(args);

    private static void RunQuiet(params string[] args) => TestProcess.Exec(args);
}
