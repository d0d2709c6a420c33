using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace NanoGate.Boards.Linux;

/// <summary>
/// The console on a unix stream socket, so a second process (<c>nanogate console</c>, socat, nc -U)
/// can drive a running gateway. Each connection sends command lines; the output of each line is
/// written back as it is produced; when the client closes its sending side, the server answers the
/// remaining lines and closes.
/// <para>
/// Connections are read on their own threads, but commands run only inside <see cref="Service"/>,
/// which the run loop calls on its one thread (the firmware is single-threaded).
/// </para>
/// <para>
/// The console is the box's root shell, so (issue 13): the socket is created 0600; a connection
/// from another user than ours (or root) is refused by its peer credentials; at most
/// <see cref="MaxConnections"/> at once, each closed after <see cref="IdleTimeout"/> without a
/// line; a line longer than <see cref="MaxLineLength"/> ends the connection unexecuted; and only a
/// stale socket at the path is replaced: a live one (another gateway) or anything else is refused.
/// </para>
/// </summary>
public sealed class ConsoleSocketServer : IDisposable
{
    /// <summary>How long a connection waits for the run loop to take its line.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A connection that sends no line for this long is closed.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Connections served at once; more are told so and closed.</summary>
    public const int MaxConnections = 4;

    /// <summary>Longest command line (the longest real one is well under 300 characters).</summary>
    public const int MaxLineLength = 4096;

    private readonly Socket _listener;
    private readonly ConcurrentQueue<Request> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _acceptThread;
    private readonly int _ourUid = UnixPeer.EffectiveUid();
    private int _connections;
    private Request? _running;

    /// <summary>
    /// Listens on <paramref name="path"/>. A stale socket file there is replaced; a socket another
    /// process listens on, or a file of any other type, is refused with an IOException that says so.
    /// </summary>
    public ConsoleSocketServer(string path)
    {
        Path = path;
        if (UnixPeer.IsSocket(path, out bool exists))
        {
            if (IsListening(path))
            {
                throw new IOException("console socket " + path + " is in use by a running gateway");
            }

            File.Delete(path);
        }
        else if (exists)
        {
            throw new IOException("console socket path " + path + " exists and is not a socket; not replacing it");
        }

        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        uint umask = UnixPeer.SetUmask(0x3F); // 077: the socket is born 0600, no window before chmod
        try
        {
            _listener.Bind(new UnixDomainSocketEndPoint(path));
        }
        finally
        {
            UnixPeer.SetUmask(umask);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        _listener.Listen(8);
        _acceptThread = new Thread(Accept) { IsBackground = true, Name = "console-socket" };
        _acceptThread.Start();
    }

    /// <summary>Connections refused (another user, too many at once).</summary>
    public int Refused { get; private set; }

    public string Path { get; }

    /// <summary>
    /// Run (inside <see cref="Service"/>, on the run loop) before the first line of each connection:
    /// `nanogate run` puts the console back in the system view, so a connection never starts in the
    /// view the previous one left open (issue 16).
    /// </summary>
    public Action? ConnectionStarted { get; set; }

    /// <summary>
    /// True while the line run last goes on after its call (a ping, Gateway.ConsoleBusy): its client
    /// keeps getting the output as it comes, and the next line waits until it is false.
    /// </summary>
    public Func<bool>? Busy { get; set; }

    /// <summary>
    /// The first line of every connection, sent before it sends anything (run on the run loop, after
    /// <see cref="ConnectionStarted"/>): `nanogate run` gives the console's login notice, so a client
    /// knows whether the password comes first, and a person sees "No console password is set" as on
    /// the serial console (issue 16). Null: no greeting; the connection's first line is a command.
    /// </summary>
    public Func<string>? Greeting { get; set; }

    /// <summary>Lines waiting for the run loop.</summary>
    public int Pending => _pending.Count;

    /// <summary>
    /// Runs the waiting lines: <paramref name="execute"/> gets each line and a function that
    /// writes one line of output to that line's client. Returns the number of lines run.
    /// </summary>
    public int Service(Action<string, Action<string>> execute)
    {
        int n = 0;
        if (_running is not null)
        {
            if (Busy?.Invoke() == true)
            {
                return 0;
            }

            _running.Done.Set();
            _running = null;
            n++;
        }

        while (_pending.TryDequeue(out Request? request))
        {
            try
            {
                if (request.Line is null)
                {
                    // A new connection: its greeting, before any line of it.
                    ConnectionStarted?.Invoke();
                    request.Output.Add(Greeting!.Invoke());
                    request.Done.Set();
                    n++;
                    continue;
                }

                if (request.First)
                {
                    ConnectionStarted?.Invoke();
                }

                execute(request.Line, request.Output.Add);
            }
            catch (Exception e)
            {
                request.Output.Add("Error: " + e.Message);
            }

            n++;
            if (Busy?.Invoke() == true)
            {
                _running = request; // done when it ends; later lines wait
                return n;
            }

            request.Done.Set();
        }

        return n;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
        }
    }

    private void Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            string? refusal = Admit(client);
            if (refusal is not null)
            {
                Refused++;
                Refuse(client, refusal);
                continue;
            }

            new Thread(() => Serve(client)) { IsBackground = true, Name = "console-client" }.Start();
        }
    }

    /// <summary>Why <paramref name="client"/> may not use the console, or null.</summary>
    private string? Admit(Socket client)
    {
        int uid = UnixPeer.PeerUid(client);
        if (uid != _ourUid && uid != 0)
        {
            return "Error: Permission denied: the console belongs to user " + _ourUid + ".";
        }

        if (Interlocked.Increment(ref _connections) > MaxConnections)
        {
            Interlocked.Decrement(ref _connections);
            return "Error: Too many console connections (" + MaxConnections + "); try again later.";
        }

        return null;
    }

    private static void Refuse(Socket client, string message)
    {
        try
        {
            client.Send(Encoding.UTF8.GetBytes(message + "\n"));
        }
        catch (SocketException)
        {
        }

        client.Dispose();
    }

    private void Serve(Socket client)
    {
        client.ReceiveTimeout = (int)IdleTimeout.TotalMilliseconds;
        using (client)
        using (var stream = new NetworkStream(client, ownsSocket: false))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true })
        {
            try
            {
                bool first = true;
                if (Greeting is not null)
                {
                    var greeting = new Request(null, true);
                    first = false;
                    _pending.Enqueue(greeting);
                    if (!Relay(greeting, writer))
                    {
                        writer.WriteLine("Error: The gateway did not answer within " + CommandTimeout.TotalSeconds + " s.");
                        return;
                    }
                }

                var line = new StringBuilder();
                while (!_stop.IsCancellationRequested)
                {
                    LineRead read = ReadLine(reader, line);
                    if (read == LineRead.TooLong)
                    {
                        writer.WriteLine("Error: Line longer than " + MaxLineLength + " characters; connection closed.");
                        return;
                    }

                    if (read == LineRead.End)
                    {
                        return;
                    }

                    var request = new Request(line.ToString(), first);
                    first = false;
                    _pending.Enqueue(request);
                    if (!Relay(request, writer))
                    {
                        writer.WriteLine("Error: The gateway did not run the command within " + CommandTimeout.TotalSeconds + " s.");
                        return;
                    }
                }
            }
            catch (IOException)
            {
                // The client went away, or was idle past IdleTimeout.
            }
            catch (OperationCanceledException)
            {
                // Shutting down.
            }
            finally
            {
                Interlocked.Decrement(ref _connections);
            }
        }
    }

    /// <summary>
    /// Writes the request's output to the client as it comes (a ping's replies one by one) until it
    /// is done; false when <see cref="CommandTimeout"/> passes without it starting or printing.
    /// </summary>
    private bool Relay(Request request, StreamWriter writer)
    {
        DateTime lastProgress = DateTime.UtcNow;
        while (true)
        {
            bool done = request.Done.Wait(TimeSpan.FromMilliseconds(100), _stop.Token);
            bool wrote = false;
            while (request.Output.TryTake(out string? output))
            {
                writer.WriteLine(output);
                wrote = true;
            }

            if (done)
            {
                return true;
            }

            if (wrote)
            {
                lastProgress = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - lastProgress > CommandTimeout)
            {
                return false;
            }
        }
    }

    private enum LineRead
    {
        Line,
        End,
        TooLong,
    }

    /// <summary>One line (without its end) into <paramref name="line"/>, never more than <see cref="MaxLineLength"/> characters.</summary>
    private static LineRead ReadLine(StreamReader reader, StringBuilder line)
    {
        line.Clear();
        while (true)
        {
            int c = reader.Read();
            if (c < 0)
            {
                return line.Length > 0 ? LineRead.Line : LineRead.End;
            }

            if (c == '\n')
            {
                if (line.Length > 0 && line[^1] == '\r')
                {
                    line.Length--;
                }

                return LineRead.Line;
            }

            if (line.Length >= MaxLineLength)
            {
                return LineRead.TooLong;
            }

            line.Append((char)c);
        }
    }

    /// <summary>True when a process accepts connections on the socket at <paramref name="path"/>.</summary>
    private static bool IsListening(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private sealed class Request(string? line, bool first)
    {
        /// <summary>The command line; null for a connection's greeting.</summary>
        public string? Line { get; } = line;

        /// <summary>The first request of its connection (its greeting, or its first line).</summary>
        public bool First { get; } = first;

        /// <summary>Lines for the client: added on the run loop's thread, taken in order on the connection's.</summary>
        public BlockingCollection<string> Output { get; } = new(new ConcurrentQueue<string>());

        public ManualResetEventSlim Done { get; } = new();
    }
}
