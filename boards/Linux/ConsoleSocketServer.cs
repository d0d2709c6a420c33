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
/// </summary>
public sealed class ConsoleSocketServer : IDisposable
{
    /// <summary>How long a connection waits for the run loop to take its line.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    private readonly Socket _listener;
    private readonly ConcurrentQueue<Request> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _acceptThread;

    /// <summary>Listens on <paramref name="path"/> (a stale socket file there is replaced).</summary>
    public ConsoleSocketServer(string path)
    {
        Path = path;
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(8);
        _acceptThread = new Thread(Accept) { IsBackground = true, Name = "console-socket" };
        _acceptThread.Start();
    }

    public string Path { get; }

    /// <summary>Lines waiting for the run loop.</summary>
    public int Pending => _pending.Count;

    /// <summary>
    /// Runs the waiting lines: <paramref name="execute"/> gets each line and a function that
    /// writes one line of output to that line's client. Returns the number of lines run.
    /// </summary>
    public int Service(Action<string, Action<string>> execute)
    {
        int n = 0;
        while (_pending.TryDequeue(out Request? request))
        {
            try
            {
                execute(request.Line, request.Output.Add);
            }
            catch (Exception e)
            {
                request.Output.Add("Error: " + e.Message);
            }

            request.Done.Set();
            n++;
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

            new Thread(() => Serve(client)) { IsBackground = true, Name = "console-client" }.Start();
        }
    }

    private void Serve(Socket client)
    {
        using (client)
        using (var stream = new NetworkStream(client, ownsSocket: false))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true })
        {
            try
            {
                string? line;
                while ((line = reader.ReadLine()) is not null && !_stop.IsCancellationRequested)
                {
                    var request = new Request(line);
                    _pending.Enqueue(request);
                    if (!request.Done.Wait(CommandTimeout, _stop.Token))
                    {
                        writer.WriteLine("Error: The gateway did not run the command within " + CommandTimeout.TotalSeconds + " s.");
                        return;
                    }

                    foreach (string output in request.Output)
                    {
                        writer.WriteLine(output);
                    }
                }
            }
            catch (IOException)
            {
                // The client went away.
            }
            catch (OperationCanceledException)
            {
                // Shutting down.
            }
        }
    }

    private sealed class Request(string line)
    {
        public string Line { get; } = line;

        public List<string> Output { get; } = [];

        public ManualResetEventSlim Done { get; } = new();
    }
}
