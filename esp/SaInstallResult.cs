namespace NanoGate.Esp
{
    /// <summary>Outcome of installing an SA; install never throws on bad parameters.</summary>
    public enum SaInstallResult
    {
        /// <summary>Installed.</summary>
        Ok = 0,

        /// <summary>The cipher, key length or hash is not available from the board's crypto provider.</summary>
        Unsupported = 1,

        /// <summary>A key has the wrong length, an integrity key or algorithm is missing, or a size is out of range.</summary>
        BadParameters = 2,

        /// <summary>Inbound: the SPI was not reserved in this table (or is already in use).</summary>
        SpiNotReserved = 3,

        /// <summary>No free entry in the SA table.</summary>
        TableFull = 4,

        /// <summary>Outbound: the policy id names no policy.</summary>
        NoSuchPolicy = 5,
    }
}
