namespace NanoGate.Pstn.Backup
{
    /// <summary>Which path the WAN datagram transport (UDP 500/4500) uses now.</summary>
    public enum ActiveWan
    {
        /// <summary>Neither: Ethernet down and no backup call up.</summary>
        None = 0,

        /// <summary>The Ethernet uplink.</summary>
        Ethernet = 1,

        /// <summary>PPP over the PSTN modem.</summary>
        Pstn = 2,
    }
}
