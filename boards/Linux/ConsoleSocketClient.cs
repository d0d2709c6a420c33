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
    /// <summary>
    /// Connects to <paramref name="path"/>, sends <paramref name="commands"/> (enumerated lazily, so
    /// an interactive stdin works), closes the sending side and prints the answers. Returns false
    /// when the socket could not be reached (the reason goes to <paramref name="error"/>).
    /// </summary>
    public static bool Run(string path, IEnumerable<string> commands, TextWriter output, TextWriter error)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException e)
        {
            error.WriteLine($"nanogate console: cannot connect to {path}: {e.Message}");
            return false;
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
        return true;
    }
}
