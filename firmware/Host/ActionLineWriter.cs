using NanoGate.Firmware;

namespace NanoGate.Host;

/// <summary>Firmware text to a callback (one console-socket client).</summary>
internal sealed class ActionLineWriter(Action<string> write) : ILineWriter
{
    public void WriteLine(string line) => write(line);
}
