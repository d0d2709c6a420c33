using System.Text;
using NanoGate.Hal;

namespace NanoGate.Pstn.Tests;

/// <summary>A UART whose far side is the test: it queues what the "modem" says and records what the driver wrote.</summary>
internal sealed class ScriptedPort : ISerialPort
{
    private readonly Queue<byte> _in = new();

    public StringBuilder Written { get; } = new();

    public void Say(string text)
    {
        foreach (char c in text)
        {
            _in.Enqueue((byte)c);
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = 0;
        while (n < count && _in.Count > 0)
        {
            buffer[offset + n++] = _in.Dequeue();
        }

        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Written.Append((char)buffer[offset + i]);
        }
    }
}
