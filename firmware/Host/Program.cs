using NanoGate.Boards.Host;
using NanoGate.Firmware;
using NanoGate.Host;

// nanogate [demo|selftest|help]
//   demo      the main job (default). The two-gateway demo on the sim board arrives with the
//             appliance work; until then it runs the board self-test and says so.
//   selftest  the power-on self-test on the host platform.
string command = args.Length > 0 ? args[0] : "demo";
var output = new ConsoleLineWriter();
switch (command)
{
    case "demo":
        output.WriteLine("nanogate demo: the branch/head-office tunnel demo is not built yet; running the board self-test.");
        return RunSelfTest(output);
    case "selftest":
        return RunSelfTest(output);
    case "help":
    case "--help":
    case "-h":
        output.WriteLine("usage: nanogate [demo|selftest|help]");
        return 0;
    default:
        Console.Error.WriteLine($"nanogate: unknown command '{command}' (try: nanogate help)");
        return 2;
}

static int RunSelfTest(ILineWriter output)
{
    output.WriteLine("NanoGate self-test, host platform");
    var test = new SelfTest(output);
    return test.Run(new StopwatchClock(), new SystemRandom(), HostCrypto.Create()) ? 0 : 1;
}
