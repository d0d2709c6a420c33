namespace NanoGate.Boards.Drivers
{
    /// <summary>What the WAN interface's addressing needs (see <see cref="WanAddressPlan"/>).</summary>
    public enum WanAction
    {
        /// <summary>Already as configured: write nothing (every change is a flash write).</summary>
        None = 0,

        /// <summary>Switch to DHCP.</summary>
        Dhcp = 1,

        /// <summary>Set the static address, mask and gateway.</summary>
        Static = 2,
    }
}
