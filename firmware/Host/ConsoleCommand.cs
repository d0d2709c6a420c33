using NanoGate.Boards.Linux;

namespace NanoGate.Host;

/// <summary>
/// <c>nanogate console --socket PATH [-c "command"]...</c>: drives a running gateway through its
/// console socket. With -c the commands are sent in order; without, the lines typed on stdin.
/// </summary>
internal static class ConsoleCommand
{
    public static int Run(string[] args)
    {
        string? socket = RunCommand.Option(args, "--socket");
        if (socket is null)
        {
            Console.Error.WriteLine("nanogate console: --socket PATH is required (the --console-socket of 'nanogate run')");
            return 2;
        }

        var commands = new List<string>();
        for (int i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "-c")
            {
                commands.Add(args[++i]);
            }
        }

        IEnumerable<string> lines = commands.Count > 0 ? commands : StdinLines();
        return ConsoleSocketClient.Run(socket, lines, Console.Out, Console.Error) ? 0 : 1;
    }

    private static IEnumerable<string> StdinLines()
    {
        string? line;
        while ((line = Console.In.ReadLine()) is not null)
        {
            yield return line;
        }
    }
}
