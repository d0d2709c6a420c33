namespace NanoGate.Hal
{
    /// <summary>
    /// One SPI peripheral on a bus (an SPI Ethernet controller). The bus asserts the chip select
    /// for exactly one <see cref="Transfer"/> and releases it afterwards, so one call is one SPI
    /// frame of the chip. Allocation-free: the caller owns both buffers.
    /// </summary>
    public interface ISpiBus
    {
        /// <summary>
        /// Full duplex: clocks <paramref name="count"/> bytes out of <paramref name="write"/> at
        /// <paramref name="writeOffset"/> while clocking as many in to <paramref name="read"/> at
        /// <paramref name="readOffset"/>. <paramref name="read"/> may be null (write only).
        /// False when the bus refused the transfer.
        /// </summary>
        bool Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count);
    }
}
