using NanoGate.Hal;

namespace NanoGate.Boards.Drivers
{
    /// <summary>The LED outputs of a board (GPIO pins on the device).</summary>
    public interface ILedPins
    {
        /// <summary>Lights (<paramref name="on"/>) or darkens one LED.</summary>
        void Write(LedId led, bool on);
    }
}
