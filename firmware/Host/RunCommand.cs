using System.Net.Sockets;
using System.Runtime.InteropServices;
using NanoGate.Boards.Linux;
using NanoGate.Firmware;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Config;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Host;

/// <summary>
/// <c>nanogate run --board linux --config FILE [--console-socket PATH] [--crypto dotnet|portable|native] [--storage DIR] [--no-tun-setup]</c>:
/// the gateway as a Linux process until SIGTERM or SIGINT. FILE is the startup configuration:
/// <c>save</c> writes it (docs/CLI.md, "Running, saved and startup configuration").
/// </summary>
internal static class RunCommand
{
    /// <summary>
    /// The key exchange `run` wires into the gateway, as `nanogate help` reports it ("none" until
    /// the IKEv1 daemon is connected; the interop suite runs its NanoGate scenarios only then).
    /// </summary>
    public const string KeyExchange = "ikev1";

    // The run loop's idle wait (see the loop): up to 2 ms within 1 s of the last work, else 50 ms.
    private const int BusyWindowMs = 1000;
    private const int BusyWaitMs = 2;
    private const int IdleWaitMs = 50;

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

        if (Directory.Exists(configPath))
        {
            Console.Error.WriteLine($"nanogate run: --config {configPath} is a directory; give the startup configuration file (CLI syntax)");
            return 2;
        }

        if (Path.GetFileName(configPath).StartsWith('.'))
        {
            Console.Error.WriteLine($"nanogate run: --config {configPath}: the file name may not start with '.' (save writes it through the board's storage)");
            return 2;
        }

        if (socketPath is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(socketPath))))
        {
            Console.Error.WriteLine($"nanogate run: --console-socket {socketPath}: the directory {Path.GetDirectoryName(Path.GetFullPath(socketPath))} does not exist");
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

        string configDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        string storage = Option(args, "--storage") ?? configDirectory;
        if (PortsInUse(config.WanAddress) is string busy)
        {
            // Our sockets share their ports (SO_REUSEADDR): a second gateway would bind beside the first (issue 16).
            Console.Error.WriteLine("nanogate run: " + busy);
            return 1;
        }

        LinuxBoard linux;
        try
        {
            linux = new LinuxBoard(config.WanAddress, config.LanTun, crypto, storage, line => Console.Out.WriteLine(line));
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"nanogate run: cannot open the linux board ({Ipv4.Format(config.WanAddress)} ports 500/4500, TUN {config.LanTun}): {e.Message}");
            if (!Environment.IsPrivilegedProcess)
            {
                Console.Error.WriteLine("nanogate run: binding port 500 and opening a TUN device need root (CAP_NET_BIND_SERVICE, CAP_NET_ADMIN)");
            }
            else if (e is SocketException { SocketErrorCode: SocketError.AddressNotAvailable })
            {
                Console.Error.WriteLine($"nanogate run: no interface of this host has the WAN address {Ipv4.Format(config.WanAddress)} (interface wan address)");
            }

            return 1;
        }

        using (linux)
        // ping without -a: a raw ICMP socket when the process may open one (docs/CLI.md, "Ping from the box").
        using (IcmpSocket? icmp = IcmpSocket.TryOpen(config.WanAddress))
        using (var services = new UdpTransport(config.WanAddress, 0))
        {
            if (Array.IndexOf(args, "--no-tun-setup") < 0)
            {
                var remote = new List<string>();
                foreach (IpsecPolicy policy in config.Policies)
                {
                    string net = Ipv4.Format(policy.RemoteSubnet) + "/" + policy.RemotePrefixLength;
                    if (!remote.Contains(net))
                    {
                        remote.Add(net);
                    }
                }

                string? failed = TunSetup.Apply(linux.TunName, config.LanAddress, config.LanPrefixLength, remote, line => Console.Out.WriteLine(line));
                if (failed is not null)
                {
                    Console.Error.WriteLine("nanogate run: setting up the TUN device failed (finish by hand, docs/RUNNING.md): " + failed);
                }
            }

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
                Services = services,
                Icmp = icmp,
                Lan = linux.Lan,
                Console = linux.Console,
                ConsoleNewLine = "\n",
                ConsolePrompt = !Console.IsInputRedirected,
                Leds = linux.Leds,
                Storage = linux.Storage,
                // A Linux host is a hub (issue 17): 4,096 tunnels, each with room for its rekey.
                SlotCount = 64,
                MaxSas = 8192,
                MaxPolicies = 4096,
                MaxIkeSas = 4096,
                // ... and 4,096 branches starting at once up within about 20 s (tests/bench.sh setups).
                ResponderDhPerSecond = 200,
            }.TapCapture();
            // The configuration and IKEv1 on UDP 500/4500, as on the device (GatewayStartup).
            Gateway? gateway = GatewayStartup.Create(gatewayBoard, text, stderr);
            if (gateway is null)
            {
                return 2;
            }

            // save writes the --config file (atomically, in its folder): what is saved is what starts next (issue 16).
            gateway.Cli.Storage = new DirectoryStorage(configDirectory);
            gateway.Cli.StartupName = Path.GetFileName(configPath);

            // The sockets stay on this address: the console refuses to move it (no DHCP on this board either).
            gateway.Cli.FixedWanAddress = config.WanAddress;

            Console.Out.WriteLine($"nanogate: running on the linux board: WAN {Ipv4.Format(config.WanAddress)} (UDP 500, 4500), LAN TUN {linux.TunName}, crypto {crypto.Name}" +
                (socketPath is null ? "" : $", console socket {socketPath}"));
            ConsoleSocketServer? server = null;
            try
            {
                if (socketPath is not null)
                {
                    try
                    {
                        server = new ConsoleSocketServer(socketPath) { ConnectionStarted = gateway.Cli.ReturnToSystemView, Busy = () => gateway.ConsoleBusy, Greeting = () => gateway.Cli.LoginNotice };
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
                // JIT and native libraries before the first negotiation, not inside it (issue 19).
                WarmUp.Run(crypto, Console.Error);
                gateway.Start(linux.Clock.NowMs);
                long lastWork = linux.Clock.NowMs;
                while (!stop.IsSet)
                {
                    long now = linux.Clock.NowMs;
                    int work = gateway.RunOnce(now);
                    if (server is not null)
                    {
                        work += server.Service((line, write) => gateway.ExecuteLine(line, now, new ActionLineWriter(write)));
                    }

                    if (work > 0)
                    {
                        lastWork = now;
                    }
                    else
                    {
                        // Sleep on the sockets and the TUN device (epoll); a packet ends the wait at
                        // once. The timeout only paces what no descriptor announces (timers, the
                        // console socket, results polled from background jobs): short while a
                        // negotiation or traffic is recent, long when idle (issue 19).
                        linux.WaitForWork(now - lastWork < BusyWindowMs ? BusyWaitMs : IdleWaitMs);
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

    /// <summary>
    /// Why UDP 500 or 4500 on <paramref name="wan"/> cannot be ours alone (another gateway or IKE
    /// daemon holds it), or null. A probe bound without SO_REUSEADDR fails while any socket holds the port.
    /// </summary>
    private static string? PortsInUse(uint wan)
    {
        foreach (int port in new[] { 500, 4500 })
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(Ipv4.Format(wan)), port));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return $"UDP port {port} on {Ipv4.Format(wan)} is in use (another nanogate, or an IKE daemon such as charon or pluto)";
            }
            catch (SocketException)
            {
                // Not ours to judge here (no such address, no permission): opening the board says why.
                return null;
            }
        }

        return null;
    }

    internal static string? Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
