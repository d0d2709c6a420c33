namespace NanoGate.Hal
{
    /// <summary>
    /// A UDP socket bound to one local port of the WAN address (500 or 4500). Poll-style and
    /// allocation-free: the caller owns every buffer, and addresses are IPv4 values in host order
    /// (see <see cref="Ipv4"/>), never IPAddress objects.
    /// </summary>
    public interface IDatagramTransport
    {
        /// <summary>The local UDP port this transport is bound to.</summary>
        int LocalPort { get; }

        /// <summary>
        /// Copies the next waiting datagram into <paramref name="buffer"/> at
        /// <paramref name="offset"/> and returns its length, or 0 when none is waiting.
        /// A datagram that was read but not delivered returns a negative
        /// <see cref="DatagramReceive"/> value: longer than <paramref name="count"/>
        /// (<see cref="DatagramReceive.TooBig"/>) or empty (<see cref="DatagramReceive.Empty"/>).
        /// Either way it is consumed, so the next call returns the one behind it.
        /// </summary>
        int Receive(byte[] buffer, int offset, int count, out uint remoteAddress, out int remotePort);

        /// <summary>Sends one datagram; false when the platform refused it (counted by the caller).</summary>
        bool Send(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort);
    }
}
