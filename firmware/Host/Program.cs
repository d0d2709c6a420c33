using NanoGate.Boards.Host;
using NanoGate.Firmware;
using NanoGate.Host;

// nanogate [demo|selftest|run|console|help] [--crypto dotnet|portable|native]
//   demo      the main job (default): two gateways on the sim board (branch behind a NAPT, head
//             office) negotiate main mode + quick mode with NAT-T; pings cross the tunnel.
//             --capture DIR: the branch's WAN capture and Wireshark key tables go into DIR;
//             --esp X: both sides' ESP encryption algorithm (aes-128, aes-gcm-128, ...).
//   selftest  the power-on self-test on the host platform.
//   run       the gateway on the linux board (docs/RUNNING.md).
//   console   a console client for a running gateway's --console-socket.
// No arguments, or only options: the demo. --help/-h anywhere: the usage, never a run (issue 16).
string command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "demo";
if (Array.IndexOf(args, "--help") >= 0 || Array.IndexOf(args, "-h") >= 0)
{
    command = "help";
}

if (HostOptions.Check(command, args) is string wrong)
{
    Console.Error.WriteLine("nanogate: " + wrong + " (try: nanogate help)");
    return 2;
}

int cryptoAt = Array.IndexOf(args, "--crypto");
string cryptoName = cryptoAt >= 0 && cryptoAt + 1 < args.Length ? args[cryptoAt + 1] : "dotnet";
var output = new ConsoleLineWriter();
if (HostCrypto.Create(cryptoName) is null)
{
    Console.Error.WriteLine($"nanogate: unknown crypto provider '{cryptoName}' (dotnet, portable or native)");
    return 2;
}

if (HostCrypto.Unavailable(cryptoName) is string why)
{
    Console.Error.WriteLine($"nanogate: --crypto {cryptoName}: {why}");
    return 2;
}

switch (command)
{
    case "demo":
        {
            int captureAt = Array.IndexOf(args, "--capture");
            string? captureDir = captureAt >= 0 && captureAt + 1 < args.Length ? args[captureAt + 1] : null;
            int espAt = Array.IndexOf(args, "--esp");
            string? esp = espAt >= 0 && espAt + 1 < args.Length ? args[espAt + 1] : null;
            if (esp is not null && Array.IndexOf(DemoCommand.EspAlgorithms, esp) < 0)
            {
                Console.Error.WriteLine($"nanogate demo: unknown --esp '{esp}' ({string.Join(", ", DemoCommand.EspAlgorithms)})");
                return 2;
            }

            return DemoCommand.Run(HostCrypto.Create(cryptoName)!, captureDir, esp);
        }

    case "selftest":
        return RunSelfTest(output, cryptoName);
    case "pstn-demo":
        return PstnDemoCommand.Run(HostCrypto.Create(cryptoName)!);
    case "run":
        return RunCommand.Run(args, HostCrypto.Create(cryptoName)!);
    case "console":
        return ConsoleCommand.Run(args);
    case "help":
    case "--help":
    case "-h":
        output.WriteLine("usage: nanogate [demo|selftest|run|console|help] [--crypto dotnet|portable|native]");
        output.WriteLine("  demo       the main job (default): branch and head office negotiate IKEv1 on the sim board, pings cross the tunnel");
        output.WriteLine("             nanogate demo [--capture DIR] [--esp aes-128|aes-192|aes-256|aes-gcm-128|aes-gcm-256|3des]");
        output.WriteLine("             --capture: also write the branch's capture.pcap and Wireshark key tables into DIR");
        output.WriteLine("  selftest   the power-on self-test on the host platform");
        output.WriteLine("  pstn-demo  dial backup on the sim board: Ethernet cut, the modem dials, PPP (CHAP, IPCP) carries the WAN, Ethernet returns");
        output.WriteLine("  run        nanogate run --board linux --config FILE [--console-socket PATH] [--crypto dotnet|portable|native] [--storage DIR] [--no-tun-setup]");
        output.WriteLine("             the gateway on Linux (root: UDP 500 and a TUN device) until SIGTERM/SIGINT; 'save' writes FILE");
        output.WriteLine("  console    nanogate console --socket PATH [-c \"command\"]...");
        output.WriteLine("             drive a running gateway through its console socket (stdin lines without -c);");
        output.WriteLine("             exit 1 when a command failed (an 'Error:' line), 2 when the socket cannot be reached");
        output.WriteLine("key exchange: " + RunCommand.KeyExchange);
        return 0;
    default:
        Console.Error.WriteLine($"nanogate: unknown command '{command}' (try: nanogate help)");
        return 2;
}

static int RunSelfTest(ILineWriter output, string cryptoName)
{
    output.WriteLine("NanoGate self-test, host platform");
    var test = new SelfTest(output);
    return test.Run(new StopwatchClock(), new SystemRandom(), HostCrypto.Create(cryptoName)) ? 0 : 1;
}
