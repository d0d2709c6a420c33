using NanoGate.Firmware;

namespace NanoGate.Boards.Tests;

/// <summary>A console writer that hands each line to a socket connection's write callback.</summary>
internal sealed class CallbackWriter(Action<string> write) : ILineWriter
{
    public void WriteLine(string line) => write(line);
}
