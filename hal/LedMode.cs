namespace NanoGate.Hal
{
    /// <summary>What an LED shows. Blinking is timed by the board from <c>nowMs</c>.</summary>
    public enum LedMode
    {
        /// <summary>Dark.</summary>
        Off = 0,

        /// <summary>Steadily lit.</summary>
        On = 1,

        /// <summary>About 1 Hz.</summary>
        SlowBlink = 2,

        /// <summary>About 4 Hz.</summary>
        FastBlink = 3,
    }
}
