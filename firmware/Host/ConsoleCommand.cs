using NanoGate.Boards.Linux;

namespace NanoGate.Host;

/// <summary>
/// <c>nanogate console --socket PATH [-c "command"]...</c>: drives a running gateway through its
/// console socket. With -c the commands are sent in order; without, the lines typed on stdin.
/// Exit 0 when every line was accepted, 1 when the gateway refused one, 2 when the socket cannot be reached.
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
        var output = new ErrorWatch(Console.Out);
        if (!ConsoleSocketClient.Run(socket, lines, output, Console.Error))
        {
            return 2;
        }

        // As a shell expects (issue 16: a failed command exited 0): 1 when the gateway refused a line.
        return output.SawError ? 1 : 0;
    }

    /// <summary>Passes the gateway's lines on and notes an "Error:" line (the console's refusals start so).</summary>
    internal sealed class ErrorWatch(TextWriter inner) : TextWriter
    {
        public bool SawError { get; private set; }

        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void WriteLine(string? value)
        {
            if (value is not null && value.StartsWith("Error:", StringComparison.Ordinal))
            {
                SawError = true;
            }

            inner.WriteLine(value);
        }

        public override void Write(char value) => inner.Write(value);

        public override void Flush() => inner.Flush();
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
