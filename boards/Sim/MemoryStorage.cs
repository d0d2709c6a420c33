using NanoGate.Hal;

namespace NanoGate.Boards.Sim;

/// <summary>Persistent storage of the simulated board: named blobs in memory.</summary>
public sealed class MemoryStorage : IStorage
{
    private readonly Dictionary<string, byte[]> _blobs = [];

    public int Length(string name) => _blobs.TryGetValue(name, out byte[]? b) ? b.Length : -1;

    public int Read(string name, byte[] buffer, int offset, int count)
    {
        if (!_blobs.TryGetValue(name, out byte[]? b))
        {
            return -1;
        }

        int n = Math.Min(count, b.Length);
        Array.Copy(b, 0, buffer, offset, n);
        return n;
    }

    public bool Write(string name, byte[] buffer, int offset, int count)
    {
        _blobs[name] = buffer.AsSpan(offset, count).ToArray();
        return true;
    }
}
