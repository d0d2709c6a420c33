namespace NanoGate.Ike
{
    /// <summary>
    /// Where quick mode puts what it negotiated (RFC 2409 §5.5): owned by ike, implemented by the
    /// firmware over its ESP engine (as a kernel's IPsec API under strongSwan). Our inbound SPI is
    /// reserved before QM1/QM2 goes out, so the data path can choose SPIs that index its table.
    /// Make-before-break: the inbound SA goes in first (the responder installs it when it sends
    /// QM2), the outbound one then becomes the tunnel's (replacing its predecessor at once), and the
    /// old pair is taken apart later, outbound first.
    /// </summary>
    public interface IIpsecSaInstaller
    {
        /// <summary>A free inbound SPI, reserved until installed or released; 0 when the table is full.</summary>
        uint ReserveSpi();

        /// <summary>Releases a reserved SPI that will not be installed (a failed negotiation).</summary>
        void ReleaseSpi(uint spi);

        /// <summary>Installs the inbound SA (its SPI was reserved); false when the data path refused.</summary>
        bool InstallInbound(IpsecSaInfo inbound, long nowMs);

        /// <summary>
        /// Installs the outbound SA paired with the inbound SA <paramref name="inboundSpi"/>; it carries
        /// the tunnel's traffic from now on. False when the data path refused.
        /// </summary>
        bool InstallOutbound(IpsecSaInfo outbound, uint inboundSpi, long nowMs);

        /// <summary>Removes only the outbound SA paired with <paramref name="inboundSpi"/> (a replaced pair stops sending).</summary>
        void RemoveOutbound(uint inboundSpi);

        /// <summary>Removes the SA pair whose inbound SPI is <paramref name="inboundSpi"/>.</summary>
        void Remove(uint inboundSpi);

        /// <summary>Packets the inbound SA <paramref name="inboundSpi"/> accepted so far (DPD's proof of life), -1 when it is not installed.</summary>
        long InboundPackets(uint inboundSpi);
    }
}
