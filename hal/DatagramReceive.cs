namespace NanoGate.Hal
{
    /// <summary>
    /// The non-positive results of <see cref="IDatagramTransport.Receive"/>. A datagram that was
    /// read but cannot be used is reported as a negative value, never as 0, so that the caller
    /// counts it and reads on: 0 means only that nothing is waiting.
    /// </summary>
    public static class DatagramReceive
    {
        /// <summary>Nothing is waiting.</summary>
        public const int None = 0;

        /// <summary>A datagram longer than the buffer was read and dropped.</summary>
        public const int TooBig = -1;

        /// <summary>
        /// A zero-length datagram was read and dropped. UDP allows it (RFC 768: length 8), and an
        /// unread one must never block the ones behind it.
        /// </summary>
        public const int Empty = -2;
    }
}
