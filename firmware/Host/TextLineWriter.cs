using NanoGate.Firmware;

namespace NanoGate.Host;

/// <summary>Firmware text to a TextWriter (stderr for start-up reports).</summary>
internal sealed class TextLineWriter(TextWriter writer) : ILineWriter
{
    public void WriteLine(string line) => writer.WriteLine(line);
}
