namespace NanoGate.Firmware.Status
{
    /// <summary>
    /// What the LED logic is told. The firmware maps IKE and board events to these; the logic
    /// knows nothing of IKE types.
    /// </summary>
    public enum StatusEvent
    {
        /// <summary>Firmware starting (SYS slow blink).</summary>
        Booting = 0,

        /// <summary>Start-up done (SYS on).</summary>
        Running = 1,

        /// <summary>A fault needing attention: self-test failed, bad startup configuration (SYS fast blink).</summary>
        Fault = 2,

        /// <summary>WAN Ethernet link up.</summary>
        WanLinkUp = 3,

        /// <summary>WAN Ethernet link down (the address goes with it).</summary>
        WanLinkDown = 4,

        /// <summary>WAN has an address (static applied or DHCP lease).</summary>
        WanAddressUp = 5,

        /// <summary>WAN address lost.</summary>
        WanAddressDown = 6,

        /// <summary>A tunnel started negotiating.</summary>
        TunnelNegotiating = 7,

        /// <summary>A tunnel is up (its IPsec SAs installed).</summary>
        TunnelUp = 8,

        /// <summary>A tunnel's negotiation failed.</summary>
        TunnelFailed = 9,

        /// <summary>A tunnel's SAs were deleted (expired, reset, peer delete, DPD).</summary>
        TunnelDeleted = 10,
    }
}
