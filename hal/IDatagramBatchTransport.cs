namespace NanoGate.Hal
{
    /// <summary>
    /// A transport that moves several datagrams per platform call (Linux: recvmmsg(2) and
    /// sendmmsg(2), one system call for a batch). Optional: the run loop goes through
    /// <see cref="DatagramBatches"/>, which serves a plain <see cref="IDatagramTransport"/> (the
    /// sim and esp32 boards) one datagram at a time with the same results.
    /// </summary>
    public interface IDatagramBatchTransport : IDatagramTransport
    {
        /// <summary>
        /// Receives into the batch's entries in order and returns how many were filled (0: nothing
        /// waiting). Same per-entry results as <see cref="IDatagramTransport.Receive"/>: a datagram
        /// longer than its entry or empty is consumed and reported negative, never passed on.
        /// </summary>
        int ReceiveBatch(DatagramBatch batch);

        /// <summary>Sends the batch's entries in order; returns how many the platform took (a refused one is skipped, not retried).</summary>
        int SendBatch(DatagramBatch batch);
    }
}
