using NanoGate.Hal;

namespace NanoGate.Boards.Sim;

/// <summary>The simulated front panel: the current mode of each LED and every change, for tests and the demo.</summary>
public sealed class CapturedLeds : ILeds
{
    private readonly LedMode[] _modes = new LedMode[5];

    /// <summary>Every Set that changed an LED: (time of the next tick, LED, mode).</summary>
    public List<(LedId Led, LedMode Mode)> Changes { get; } = [];

    public LedMode this[LedId led] => _modes[(int)led];

    public void Set(LedId led, LedMode mode)
    {
        if (_modes[(int)led] != mode)
        {
            _modes[(int)led] = mode;
            Changes.Add((led, mode));
        }
    }

    public void Tick(long nowMs)
    {
    }
}
