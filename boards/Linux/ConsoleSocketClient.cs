using System.Net.Sockets;
using System.Text;

namespace NanoGate.Boards.Linux;

/// <summary>
/// The client side of <see cref="ConsoleSocketServer"/>, used by <c>nanogate console</c>: sends
/// command lines, copies everything the gateway writes back to <paramref name="output"/> until the
/// gateway closes the connection after the last line.
/// </summary>
public static class ConsoleSocketClient
{
    /// <summary>The greeting of a console that wants its password first (CommandLine.LoginRequiredNotice).</summary>
    public const string LoginGreeting = "Info: Console login: give the password.";

    /// <summary>What the console answers a right password (CommandLine's login).</summary>
    public const string LoggedIn = "Info: Logged in.";

    /// <summary>Exit status: every line was sent and answered.</summary>
    public const int Done = 0;

    /// <summary>Exit status: the socket could not be reached, or the gateway refused the connection.</summary>
    public const int Unreachable = 2;

    /// <summary>Exit status: the console wants a password and none was given, or it was refused.</summary>
    public const int LoginFailed = 3;

    /// <summary>
    /// Connects to <paramref name="path"/>, sends <paramref name="commands"/> (enumerated lazily, so
    /// an interactive stdin works), closes the sending side and prints the answers. Returns false
    /// when the socket could not be reached or the login failed (the reason goes to <paramref name="error"/>).
    /// </summary>
    public static bool Run(string path, IEnumerable<string> commands, TextWriter output, TextWriter error) =>
        Session(path, commands, output, error, null, greeting: false) == Done;

    /// <summary>
    /// As <see cref="Run"/>, with the outcome as an exit status, for a server that greets
    /// (<paramref name="greeting"/>; `nanogate run` does). The gateway's greeting (its login notice) goes to <paramref name="error"/>; when it asks for the password, <paramref name="password"/>
    /// gives it (null or no answer: <see cref="LoginFailed"/>, nothing else is sent), and the
    /// commands go only after "Logged in", so a command line is never taken for a password attempt.
    /// </summary>
    public static int Session(string path, IEnumerable<string> commands, TextWriter output, TextWriter error, Func<string?>? password, bool greeting = true)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException e)
        {
            error.WriteLine($"nanogate console: cannot connect to {path}: {e.Message}");
            return Unreachable;
        }

        using var greetingStream = new NetworkStream(socket, ownsSocket: false);
        if (greeting)
        {
            string? notice = ReadLineUnbuffered(greetingStream);
            if (notice is null || notice.StartsWith("Error:", StringComparison.Ordinal))
            {
                error.WriteLine("nanogate console: " + (notice ?? "the gateway closed the connection"));
                return Unreachable;
            }

            error.WriteLine(notice);
            if (notice == LoginGreeting)
            {
                string? secret = password?.Invoke();
                if (secret is null)
                {
                    error.WriteLine("nanogate console: the console has a password: give it with --password-file FILE (not readable by others) or NANOGATE_CONSOLE_PASSWORD");
                    return LoginFailed;
                }

                byte[] line = Encoding.UTF8.GetBytes(secret + "\n");
                greetingStream.Write(line, 0, line.Length);
                string? answer = ReadLineUnbuffered(greetingStream);
                if (answer != LoggedIn)
                {
                    error.WriteLine("nanogate console: " + (answer ?? "the gateway closed the connection"));
                    return LoginFailed;
                }
            }
        }

        using var stream = new NetworkStream(socket, ownsSocket: false);
        var copy = new Thread(() =>
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, false, 4096, leaveOpen: true);
            string? line;
            try
            {
                while ((line = reader.ReadLine()) is not null)
                {
                    output.WriteLine(line);
                }
            }
            catch (IOException)
            {
                // Connection closed.
            }
        })
        { IsBackground = true, Name = "console-client-read" };
        copy.Start();

        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\n", AutoFlush = true })
        {
            try
            {
                foreach (string command in commands)
                {
                    writer.WriteLine(command);
                }
            }
            catch (IOException)
            {
                // The gateway closed first; what it wrote is still copied.
            }
        }

        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }

        copy.Join();
        output.Flush();
        return Done;
    }

    /// <summary>One line read byte by byte (nothing of what follows is taken from the stream), or null at its end.</summary>
    private static string? ReadLineUnbuffered(Stream stream)
    {
        var bytes = new List<byte>();
        while (true)
        {
            int b = stream.ReadByte();
            if (b < 0)
            {
                return bytes.Count == 0 ? null : Encoding.UTF8.GetString(bytes.ToArray());
            }

            if (b == '\n')
            {
                return Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd('\r');
            }

            bytes.Add((byte)b);
        }
    }
}
