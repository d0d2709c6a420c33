using System.Collections.Concurrent;
using NanoGate.Hal;

namespace NanoGate.Boards.Linux;

/// <summary>
/// The console UART on a host: stdin in, stdout out. A background thread reads stdin (a terminal,
/// a pipe, or /dev/null, which ends at once) so that <see cref="Read"/> never blocks the run loop.
/// </summary>
public sealed class StdioSerialPort : ISerialPort
{
    private readonly ConcurrentQueue<byte[]> _chunks = new();
    private readonly Stream _stdout = Console.OpenStandardOutput();
    private byte[]? _current;
    private int _currentOffset;

    public StdioSerialPort()
    {
        var reader = new Thread(ReadStdin) { IsBackground = true, Name = "stdin" };
        reader.Start();
    }

    /// <summary>True once stdin reached its end (no more console input will come).</summary>
    public bool InputClosed { get; private set; }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = 0;
        while (n < count)
        {
            if (_current is null || _currentOffset == _current.Length)
            {
                if (!_chunks.TryDequeue(out _current))
                {
                    return n;
                }

                _currentOffset = 0;
            }

            int take = Math.Min(count - n, _current.Length - _currentOffset);
            Array.Copy(_current, _currentOffset, buffer, offset + n, take);
            _currentOffset += take;
            n += take;
        }

        return n;
    }

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
            while ((n = stdin.Read(buffer, 0, buffer.Length)) > 0)
            {
                _chunks.Enqueue(buffer.AsSpan(0, n).ToArray());
            }
        }
        catch (IOException)
        {
            // stdin went away: the console simply gets no more input.
        }

        InputClosed = true;
    }
}
