using System.Diagnostics;
using NanoGate.Hal;

namespace NanoGate.Boards.Host;

/// <summary>Monotonic milliseconds from Stopwatch; the only clock the host run loop reads.</summary>
public sealed class StopwatchClock : IMonotonicClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public long NowMs => (long)Stopwatch.GetElapsedTime(_start).TotalMilliseconds;
}
