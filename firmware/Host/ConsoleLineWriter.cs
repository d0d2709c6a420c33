using NanoGate.Firmware;

namespace NanoGate.Host;

/// <summary>Firmware text output to the process's stdout.</summary>
internal sealed class ConsoleLineWriter : ILineWriter
{
    public void WriteLine(string line) => Console.Out.WriteLine(line);
}
