using NanoGate.Hal;

namespace NanoGate.Boards.Linux;

/// <summary>
/// The front panel of a host board, rendered as one text line whenever an LED changes:
/// "LED PWR:on SYS:on WAN:on VPN:off PSTN:off" (blinking shows as slow-blink / fast-blink).
/// </summary>
public sealed class ConsoleLeds(Action<string> writeLine) : ILeds
{
    private readonly LedMode[] _modes = new LedMode[5];
    private bool _changed;

    /// <summary>The last line rendered (null before the first).</summary>
    public string? LastLine { get; private set; }

    public void Set(LedId led, LedMode mode)
    {
        int i = (int)led;
        if (i < 0 || i >= _modes.Length || _modes[i] == mode)
        {
            return;
        }

        _modes[i] = mode;
        _changed = true;
    }

    public void Tick(long nowMs)
    {
        if (!_changed)
        {
            return;
        }

        _changed = false;
        LastLine = Render(_modes);
        writeLine(LastLine);
    }

    /// <summary>"LED PWR:on SYS:slow-blink ..." for the five LEDs in panel order.</summary>
    public static string Render(LedMode[] modes) =>
        $"LED PWR:{Name(modes[0])} SYS:{Name(modes[1])} WAN:{Name(modes[2])} VPN:{Name(modes[3])} PSTN:{Name(modes[4])}";

    public static string Name(LedMode mode) => mode switch
    {
        LedMode.On => "on",
        LedMode.SlowBlink => "slow-blink",
        LedMode.FastBlink => "fast-blink",
        _ => "off",
    };
}
