using NanoGate.Hal;

namespace NanoGate.Boards.Sim;

/// <summary>A clock that moves only when told: tests and the demo decide what time it is.</summary>
public sealed class ManualClock(long startMs = 0) : IMonotonicClock
{
    public long NowMs { get; private set; } = startMs;

    /// <summary>Moves time forward by <paramref name="ms"/> (never backwards).</summary>
    public void Advance(long ms)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ms);
        NowMs += ms;
    }
}
