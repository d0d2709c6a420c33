namespace NanoGate.Firmware
{
    /// <summary>Where the firmware writes text for a person: the console UART, or stdout on the host.</summary>
    public interface ILineWriter
    {
        /// <summary>Writes one line (no trailing newline in <paramref name="line"/>).</summary>
        void WriteLine(string line);
    }
}
