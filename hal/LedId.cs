namespace NanoGate.Hal
{
    /// <summary>The front-panel LEDs, in panel order.</summary>
    public enum LedId
    {
        /// <summary>Power.</summary>
        Pwr = 0,

        /// <summary>System: booting, running or fault.</summary>
        Sys = 1,

        /// <summary>WAN link and address.</summary>
        Wan = 2,

        /// <summary>Tunnel status.</summary>
        Vpn = 3,

        /// <summary>Reserved for the PSTN modem module.</summary>
        Pstn = 4,
    }
}
