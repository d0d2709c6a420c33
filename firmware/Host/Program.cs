using NanoGate.Boards.Host;
using NanoGate.Firmware;
using NanoGate.Host;

// nanogate [demo|selftest|help] [--crypto dotnet|portable]
//   demo      the main job (default). The two-gateway demo on the sim board arrives with the
//             appliance work; until then it runs the board self-test and says so.
//   selftest  the power-on self-test on the host platform.
string command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "demo";
int cryptoAt = Array.IndexOf(args, "--crypto");
string cryptoName = cryptoAt >= 0 && cryptoAt + 1 < args.Length ? args[cryptoAt + 1] : "dotnet";
var output = new ConsoleLineWriter();
if (HostCrypto.Create(cryptoName) is null)
{
    Console.Error.WriteLine($"nanogate: unknown crypto provider '{cryptoName}' (dotnet or portable)");
    return 2;
}

switch (command)
{
    case "demo":
        output.WriteLine("nanogate demo: the branch/head-office tunnel demo is not built yet; running the board self-test.");
        return RunSelfTest(output, cryptoName);
    case "selftest":
        return RunSelfTest(output, cryptoName);
    case "help":
    case "--help":
    case "-h":
        output.WriteLine("usage: nanogate [demo|selftest|help] [--crypto dotnet|portable]");
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
