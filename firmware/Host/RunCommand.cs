using System.Net.Sockets;
using System.Runtime.InteropServices;
using NanoGate.Boards.Linux;
using NanoGate.Firmware;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Config;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Host;

/// <summary>
/// <c>nanogate run --board linux --config FILE [--console-socket PATH] [--crypto dotnet|portable|native] [--storage DIR]</c>:
/// the gateway as a Linux process until SIGTERM or SIGINT.
/// </summary>
internal static class RunCommand
{
    /// <summary>
    /// The key exchange `run` wires into the gateway, as `nanogate help` reports it ("none" until
    /// the IKEv1 daemon is connected; the interop suite runs its NanoGate scenarios only then).
    /// </summary>
    public const string KeyExchange = "ikev1";

    public static int Run(string[] args, ICryptoProvider crypto)
    {
        string? board = Option(args, "--board");
        string? configPath = Option(args, "--config");
        string? socketPath = Option(args, "--console-socket");
        if (board != "linux")
        {
            Console.Error.WriteLine("nanogate run: --board linux is the board this command runs (the sim board runs in 'nanogate demo')");
            return 2;
        }

        if (configPath is null)
        {
            Console.Error.WriteLine("nanogate run: --config FILE is required (the startup configuration, CLI syntax; see docs/RUNNING.md)");
            return 2;
        }

        string text;
        try
        {
            // A startup configuration is a few KB; a huge file is a mistake or an attack, not a configuration.
            long size = new FileInfo(configPath).Length;
            if (size > DirectoryStorage.MaxBlobBytes)
            {
                Console.Error.WriteLine($"nanogate run: {configPath} is {size} bytes; a startup configuration is at most {DirectoryStorage.MaxBlobBytes}");
                return 2;
            }

            text = File.ReadAllText(configPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"nanogate run: cannot read {configPath}: {e.Message}");
            return 2;
        }

        var stderr = new TextLineWriter(Console.Error);

        // Parse once on its own to learn the WAN address and the TUN device before opening the board.
        var probe = new CommandLine(stderr);
        if (!probe.LoadStartup(text))
        {
            Console.Error.WriteLine($"nanogate run: {configPath} was rejected (see the line above)");
            return 2;
        }

        GatewayConfiguration config = probe.Applied;
        if (config.WanAddress == 0 || config.LanTun is null)
        {
            Console.Error.WriteLine("nanogate run: the linux board needs 'interface wan address A.B.C.D/M' and 'interface lan tun NAME address A.B.C.D/M' in the configuration");
            return 2;
        }

        string storage = Option(args, "--storage") ?? Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        LinuxBoard linux;
        try
        {
            linux = new LinuxBoard(config.WanAddress, config.LanTun, crypto, storage, line => Console.Out.WriteLine(line));
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"nanogate run: cannot open the linux board ({Ipv4.Format(config.WanAddress)} ports 500/4500, TUN {config.LanTun}): {e.Message}");
            Console.Error.WriteLine("nanogate run: binding port 500 and opening a TUN device need root (CAP_NET_BIND_SERVICE, CAP_NET_ADMIN)");
            return 1;
        }

        using (linux)
        {
            linux.Console = new StdioSerialPort();
            var gatewayBoard = new GatewayBoard
            {
                Name = "linux",
                Clock = linux.Clock,
                Random = linux.Random,
                Crypto = linux.Crypto,
                Jobs = new ThreadJobRunner(),
                Ike = linux.Ike,
                NatT = linux.NatT,
                Lan = linux.Lan,
                Console = linux.Console,
                ConsoleNewLine = "\n",
                ConsolePrompt = !Console.IsInputRedirected,
                Leds = linux.Leds,
                Storage = linux.Storage,
                SlotCount = 64,
                MaxSas = 64,
                MaxPolicies = 16,
            }.TapCapture();
            // The configuration and IKEv1 on UDP 500/4500, as on the device (GatewayStartup).
            Gateway? gateway = GatewayStartup.Create(gatewayBoard, text, stderr);
            if (gateway is null)
            {
                return 2;
            }

            Console.Out.WriteLine($"nanogate: running on the linux board: WAN {Ipv4.Format(config.WanAddress)} (UDP 500, 4500), LAN TUN {linux.TunName}, crypto {crypto.Name}" +
                (socketPath is null ? "" : $", console socket {socketPath}"));
            ConsoleSocketServer? server = null;
            try
            {
                if (socketPath is not null)
                {
                    try
                    {
                        server = new ConsoleSocketServer(socketPath);
                    }
                    catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException)
                    {
                        stderr.WriteLine("nanogate: cannot open the console socket: " + e.Message);
                        return 2;
                    }
                }

                var stop = new ManualResetEventSlim();
                using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
                using PosixSignalRegistration intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
                gateway.Start(linux.Clock.NowMs);
                while (!stop.IsSet)
                {
                    long now = linux.Clock.NowMs;
                    int work = gateway.RunOnce(now);
                    if (server is not null)
                    {
                        work += server.Service((line, write) => gateway.ExecuteLine(line, now, new ActionLineWriter(write)));
                    }

                    if (work == 0)
                    {
                        linux.WaitForWork(2);
                    }
                }

                // Tell the peers (Delete payloads) rather than leave them to find out by DPD.
                gateway.KeyExchange?.Shutdown(linux.Clock.NowMs);
                Console.Out.WriteLine("nanogate: stopped");
                return 0;
            }
            finally
            {
                server?.Dispose();
            }
        }
    }

    internal static string? Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
