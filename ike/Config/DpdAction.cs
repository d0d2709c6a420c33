namespace NanoGate.Ike.Config
{
    /// <summary>What dead peer detection (RFC 3706) does once the peer is declared dead.</summary>
    public enum DpdAction
    {
        /// <summary>Restart the peer's tunnels at once (phase 1, then quick mode): a site-to-site link comes back by itself.</summary>
        Restart = 0,

        /// <summary>Only remove the SAs; the next packet for a tunnel starts it again (strongSwan's dpd_action=clear).</summary>
        Clear = 1,
    }
}
