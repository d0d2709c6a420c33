using NanoGate.Hal;

namespace NanoGate.Boards.Linux;

/// <summary>
/// The console UART on a host: stdin in, stdout out. A background thread reads stdin (a terminal,
/// a pipe, or /dev/null, which ends at once) so that <see cref="Read"/> never blocks the run loop.
/// </summary>
public sealed class StdioSerialPort : ISerialPort
{
    private readonly ChunkQueue _chunks = new();
    private readonly Stream _stdout = Console.OpenStandardOutput();

    public StdioSerialPort()
    {
        var reader = new Thread(ReadStdin) { IsBackground = true, Name = "stdin" };
        reader.Start();
    }

    /// <summary>True once stdin reached its end (no more console input will come).</summary>
    public bool InputClosed { get; private set; }

    public int Read(byte[] buffer, int offset, int count) => _chunks.Read(buffer, offset, count);

    public void Write(byte[] buffer, int offset, int count)
    {
        lock (_stdout)
        {
            _stdout.Write(buffer, offset, count);
            _stdout.Flush();
        }
    }

    private void ReadStdin()
    {
        try
        {
            using Stream stdin = Console.OpenStandardInput();
            byte[] buffer = new byte[512];
            int n;
            bool terminal = !Console.IsInputRedirected;
            while (true)
            {
                n = stdin.Read(buffer, 0, buffer.Length);
                if (n > 0)
                {
                    _chunks.Add(buffer, n);
                    continue;
                }

                if (!terminal)
                {
                    break;
                }

                // Ctrl-D on a terminal ends one read, not the terminal (issue 16: it left the console
                // dead while the gateway ran). A hung-up terminal fails the read instead (IOException).
                byte[] note = System.Text.Encoding.UTF8.GetBytes("\nInfo: Ctrl-D does not close the console; Ctrl-C (SIGINT) stops the gateway.\n");
                Write(note, 0, note.Length);
                Thread.Sleep(100);
            }
        }
        catch (IOException)
        {
            // stdin went away: the console simply gets no more input.
        }

        InputClosed = true;
    }
}
