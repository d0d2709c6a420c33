using NanoGate.Boards.Linux;

namespace NanoGate.Host;

/// <summary>
/// <c>nanogate console --socket PATH [-c "command"]...</c>: drives a running gateway through its
/// console socket. With -c the commands are sent in order; without, the lines typed on stdin.
/// Exit 0 when every line was accepted, 1 when the gateway refused one, 2 when the socket cannot be
/// reached, 3 when the console wants a password that was not given (--password-file FILE, the
/// environment variable NANOGATE_CONSOLE_PASSWORD, or typed at a terminal) or refused it.
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

        // The password, when the console asks for it (issue 16): a file only we may read, the
        // environment, or typed unechoed at a terminal; piped stdin gives it as its first line.
        string? passwordFile = RunCommand.Option(args, "--password-file");
        string? fromFile = null;
        if (passwordFile is not null)
        {
            string? problem = ReadPasswordFile(passwordFile, out fromFile);
            if (problem is not null)
            {
                Console.Error.WriteLine("nanogate console: " + problem);
                return 2;
            }
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(PasswordVariable);
        IEnumerator<string> stdin = StdinLines().GetEnumerator();
        Func<string?> password = () =>
            fromFile ?? (string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment)
            ?? (commands.Count > 0 ? null : !Console.IsInputRedirected ? ReadMasked(Console.Error) : stdin.MoveNext() ? stdin.Current : null);

        IEnumerable<string> lines = commands.Count > 0 ? commands : Rest(stdin);
        var output = new ErrorWatch(Console.Out);
        int status = ConsoleSocketClient.Session(socket, lines, output, Console.Error, password);
        if (status != ConsoleSocketClient.Done)
        {
            return status;
        }

        // As a shell expects (issue 16: a failed command exited 0): 1 when the gateway refused a line.
        return output.SawError ? 1 : 0;
    }

    /// <summary>The environment variable <c>nanogate console</c> takes the console password from.</summary>
    public const string PasswordVariable = "NANOGATE_CONSOLE_PASSWORD";

    /// <summary>
    /// The first line of <paramref name="path"/> as the password; a reason instead when the file is
    /// missing or others may read or write it (as ssh refuses a private key with such a mode).
    /// </summary>
    internal static string? ReadPasswordFile(string path, out string? password)
    {
        password = null;
        if (!File.Exists(path))
        {
            return "password file " + path + " does not exist";
        }

        if (!OperatingSystem.IsWindows())
        {
            UnixFileMode mode = File.GetUnixFileMode(path);
            if ((mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.GroupWrite)) != 0)
            {
                return "password file " + path + " may be read or changed by other users (mode " + Convert.ToString((int)mode, 8)
                    + "); chmod 600 it";
            }
        }

        using var reader = new StreamReader(path);
        password = reader.ReadLine() ?? "";
        return null;
    }

    /// <summary>The password typed at the terminal, each key shown as '*' (never echoed).</summary>
    private static string? ReadMasked(TextWriter prompt)
    {
        prompt.Write("Password: ");
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                prompt.WriteLine();
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                {
                    typed.Length--;
                    prompt.Write("\b \b");
                }
            }
            else if (key.Key == ConsoleKey.D && key.Modifiers == ConsoleModifiers.Control)
            {
                prompt.WriteLine();
                return null;
            }
            else if (key.KeyChar != '\0')
            {
                typed.Append(key.KeyChar);
                prompt.Write('*');
            }
        }
    }

    private static IEnumerable<string> Rest(IEnumerator<string> lines)
    {
        while (lines.MoveNext())
        {
            yield return lines.Current;
        }
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
