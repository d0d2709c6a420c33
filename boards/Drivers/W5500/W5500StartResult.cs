namespace NanoGate.Boards.Drivers
{
    /// <summary>Why <see cref="W5500.TryStart"/> did or did not bring the controller up.</summary>
    public enum W5500StartResult
    {
        /// <summary>Reset, identified, MAC address set, socket 0 open in MACRAW mode.</summary>
        Ok = 0,

        /// <summary>The SPI bus refused a transfer.</summary>
        BusError = 1,

        /// <summary>MR.RST did not clear: no chip answering, or it is held in reset.</summary>
        ResetTimeout = 2,

        /// <summary>VERSIONR is not 0x04: not a W5500 (or MISO is stuck; see <see cref="W5500.Version"/>).</summary>
        WrongVersion = 3,

        /// <summary>Socket 0 did not reach SOCK_MACRAW after OPEN.</summary>
        OpenFailed = 4,
    }
}
