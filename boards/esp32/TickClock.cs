using System;
using NanoGate.Hal;

namespace NanoGate.Boards.Esp32
{
    /// <summary>Environment.TickCount64 (nanoFramework.Runtime.Native): milliseconds since boot, monotonic.</summary>
    public sealed class TickClock : IMonotonicClock
    {
        /// <inheritdoc/>
        public long NowMs
        {
            get { return Environment.TickCount64; }
        }
    }
}
