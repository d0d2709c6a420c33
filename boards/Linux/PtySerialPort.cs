using NanoGate.Hal;

namespace NanoGate.Boards.Linux;

/// <summary>
/// A UART on a host: a tty device such as one end of a pty pair made by socat (the modem module's
/// port in the PPP interop tests) or a USB serial adapter already set to raw mode (stty raw -echo).
/// A background thread reads so that <see cref="Read"/> never blocks the run loop.
/// </summary>
public sealed class PtySerialPort : ISerialPort, IDisposable
{
    private readonly FileStream _stream;
    private readonly ChunkQueue _chunks = new();
    private readonly Thread _reader;
    private volatile bool _closed;

    /// <summary>Opens <paramref name="path"/> for reading and writing.</summary>
    public PtySerialPort(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "tty " + path };
        _reader.Start();
    }

    /// <summary>Bytes read from the device so far.</summary>
    public long BytesIn { get; private set; }

    /// <summary>True once the device reported end of file or an error (the other side went away).</summary>
    public bool Closed => _closed;

    public int Read(byte[] buffer, int offset, int count) => _chunks.Read(buffer, offset, count);

    public void Write(byte[] buffer, int offset, int count)
    {
        if (_closed)
        {
            return;
        }

        try
        {
            _stream.Write(buffer, offset, count);
            _stream.Flush();
        }
        catch (IOException)
        {
            _closed = true;
        }
    }

    public void Dispose()
    {
        _closed = true;
        _stream.Dispose();
    }

    private void ReadLoop()
    {
        byte[] buffer = new byte[2048];
        try
        {
            int n;
            while (!_closed && (n = _stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                BytesIn += n;
                _chunks.Add(buffer, n);
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _closed = true;
    }
}
