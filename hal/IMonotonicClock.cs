namespace NanoGate.Hal
{
    /// <summary>
    /// The board's monotonic millisecond clock. Only the run loop (and tests) read it; everything
    /// else receives <c>nowMs</c> as a parameter, so tests drive time with a manual clock.
    /// </summary>
    public interface IMonotonicClock
    {
        /// <summary>Milliseconds since an arbitrary start; never goes backwards.</summary>
        long NowMs { get; }
    }
}
