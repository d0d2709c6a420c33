namespace NanoGate.Hal
{
    /// <summary>
    /// The protected-network side: whole IPv4 packets to and from the LAN (a TUN device on Linux,
    /// the simulated LAN on the sim board, native Ethernet forwarding on a custom device image).
    /// </summary>
    public interface ILanPort
    {
        /// <summary>Copies the next IPv4 packet from the LAN into the buffer; 0 when none is waiting.</summary>
        int Receive(byte[] buffer, int offset, int count);

        /// <summary>Delivers one IPv4 packet to the LAN; false when it could not be queued.</summary>
        bool Send(byte[] buffer, int offset, int count);
    }
}
