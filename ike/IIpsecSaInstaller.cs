namespace NanoGate.Ike
{
    /// <summary>
    /// Where quick mode puts what it negotiated (RFC 2409 §5.5): owned by ike, implemented by the
    /// firmware over its ESP engine. Our inbound SPI is reserved before QM1/QM2 goes out, so the
    /// data path can choose SPIs that index its table.
    /// </summary>
    public interface IIpsecSaInstaller
    {
        /// <summary>A free inbound SPI, reserved until installed or released; 0 when the table is full.</summary>
        uint ReserveSpi();

        /// <summary>Releases a reserved SPI that will not be installed (a failed negotiation).</summary>
        void ReleaseSpi(uint spi);

        /// <summary>Installs both directions of one tunnel (inbound first); false when the data path refused.</summary>
        bool Install(IpsecSaInfo inbound, IpsecSaInfo outbound, long nowMs);

        /// <summary>Removes the SA pair whose inbound SPI is <paramref name="inboundSpi"/>.</summary>
        void Remove(uint inboundSpi);
    }
}
