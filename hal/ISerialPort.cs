namespace NanoGate.Hal
{
    /// <summary>The console UART (stdin/stdout or a socket on the host). Non-blocking reads.</summary>
    public interface ISerialPort
    {
        /// <summary>Reads up to <paramref name="count"/> bytes that have arrived; 0 when none.</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Writes the bytes, blocking only as long as the UART needs.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
