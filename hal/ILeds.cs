namespace NanoGate.Hal
{
    /// <summary>Front-panel LEDs (GPIO on the device, rendered text on the host boards).</summary>
    public interface ILeds
    {
        /// <summary>Sets what one LED shows.</summary>
        void Set(LedId led, LedMode mode);

        /// <summary>Lets the board advance blinking; called by the run loop.</summary>
        void Tick(long nowMs);
    }
}
