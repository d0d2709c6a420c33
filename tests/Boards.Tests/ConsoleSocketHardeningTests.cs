using System.Net.Sockets;
using System.Text;
using NanoGate.Boards.Linux;

namespace NanoGate.Boards.Tests;

/// <summary>
/// Issue 13 finding 9, the console socket as the box's root shell: created 0600, never replacing
/// anything but a stale socket, bounded in connections and line length.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ConsoleSocketHardeningTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ng-sock-").FullName;
    private readonly List<string> _executed = [];

    public void Dispose() => Directory.Delete(_dir, true);

    private string SocketPath => Path.Combine(_dir, "console.sock");

    [Fact]
    public void The_socket_is_created_for_its_owner_only()
    {
        using var server = new ConsoleSocketServer(SocketPath);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SocketPath));
    }

    [Fact]
    public void A_file_that_is_not_a_socket_is_refused_and_left_alone()
    {
        File.WriteAllText(SocketPath, "not a socket");
        var e = Assert.Throws<IOException>(() => new ConsoleSocketServer(SocketPath));
        Assert.Contains("is not a socket", e.Message);
        Assert.Equal("not a socket", File.ReadAllText(SocketPath));
    }

    [Fact]
    public void A_live_console_socket_is_not_taken_over_but_a_stale_one_is_replaced()
    {
        var first = new ConsoleSocketServer(SocketPath);
        var e = Assert.Throws<IOException>(() => new ConsoleSocketServer(SocketPath));
        Assert.Contains("in use", e.Message);

        // Stale: a socket file nobody listens on (as a crashed gateway leaves it).
        first.Dispose();
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            // .NET unlinks the path it bound on Dispose; the renamed file outlives it.
            stale.Bind(new UnixDomainSocketEndPoint(SocketPath + ".tmp"));
            File.Move(SocketPath + ".tmp", SocketPath);
        }

        Assert.Contains(SocketPath, Directory.GetFileSystemEntries(_dir));
        using var second = new ConsoleSocketServer(SocketPath);
        using var loop = RunLoop(second);
        Assert.Equal("ok", Ask(Connect(), "x"));
    }

    [Fact]
    public void A_line_longer_than_the_limit_closes_the_connection_unexecuted()
    {
        using var server = new ConsoleSocketServer(SocketPath);
        using var loop = RunLoop(server);
        using Socket client = Connect();
        string reply = Ask(client, new string('a', ConsoleSocketServer.MaxLineLength + 10));
        Assert.StartsWith("Error: Line longer than", reply);
        Assert.Empty(_executed);
        Assert.Equal(0, client.Receive(new byte[16])); // closed
        Assert.Equal("ok", Ask(Connect(), "display version"));
    }

    [Fact]
    public void Connections_beyond_the_limit_are_refused_while_the_others_work()
    {
        using var server = new ConsoleSocketServer(SocketPath);
        using var loop = RunLoop(server);
        var open = Enumerable.Range(0, ConsoleSocketServer.MaxConnections).Select(_ => Connect()).ToList();
        foreach (Socket s in open)
        {
            Assert.Equal("ok", Ask(s, "display led"));
        }

        using (Socket extra = Connect())
        {
            Assert.StartsWith("Error: Too many console connections", ReadLine(extra));
        }

        Assert.Equal(1, server.Refused);
        open[0].Dispose();
        Thread.Sleep(200);
        using Socket again = Connect();
        Assert.Equal("ok", Ask(again, "display led"));
        open.Skip(1).ToList().ForEach(s => s.Dispose());
    }

    // ---- helpers ----

    private Socket Connect()
    {
        var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 5000 };
        s.Connect(new UnixDomainSocketEndPoint(SocketPath));
        return s;
    }

    private static string Ask(Socket s, string line)
    {
        s.Send(Encoding.UTF8.GetBytes(line + "\n"));
        return ReadLine(s);
    }

    private static string ReadLine(Socket s)
    {
        var text = new StringBuilder();
        byte[] one = new byte[1];
        while (s.Receive(one) == 1 && one[0] != '\n')
        {
            text.Append((char)one[0]);
        }

        return text.ToString();
    }

    /// <summary>The run loop: every line is answered "ok" and remembered.</summary>
    private CancellationTokenSource RunLoop(ConsoleSocketServer server)
    {
        var stop = new CancellationTokenSource();
        new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (server.Service((line, write) => { lock (_executed) { _executed.Add(line); } write("ok"); }) == 0)
                {
                    Thread.Sleep(1);
                }
            }
        })
        { IsBackground = true }.Start();
        return stop;
    }
}
