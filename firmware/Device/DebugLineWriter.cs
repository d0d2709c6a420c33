using System.Diagnostics;
using NanoGate.Firmware;

namespace NanoGate.Device
{
    /// <summary>Lines to the debugger (Visual Studio's output window) on a board without a console UART.</summary>
    public sealed class DebugLineWriter : ILineWriter
    {
        /// <inheritdoc/>
        public void WriteLine(string line)
        {
            Debug.WriteLine(line);
        }
    }
}
