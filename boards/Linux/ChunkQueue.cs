using System.Collections.Concurrent;

namespace NanoGate.Boards.Linux;

/// <summary>
/// Bytes handed from a reader thread to the run loop: the thread adds chunks as they arrive, the
/// run loop reads them back as a stream without ever blocking (the stdin console, a tty).
/// </summary>
internal sealed class ChunkQueue
{
    private readonly ConcurrentQueue<byte[]> _chunks = new();
    private byte[]? _current;
    private int _currentOffset;

    /// <summary>Adds a copy of <paramref name="count"/> bytes (reader thread).</summary>
    public void Add(byte[] buffer, int count) => _chunks.Enqueue(buffer.AsSpan(0, count).ToArray());

    /// <summary>Reads up to <paramref name="count"/> bytes that have arrived; 0 when none (run loop).</summary>
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
}
