namespace NanoGate.Ike.Config
{
    /// <summary>Phase 1 identity types a peer may be configured with (RFC 2407 §4.6.2.1).</summary>
    public enum IdentityType
    {
        /// <summary>None configured: use the local WAN address, accept any.</summary>
        None = 0,

        /// <summary>ID_IPV4_ADDR (1).</summary>
        Ipv4Address = 1,

        /// <summary>ID_FQDN (2): "hq.example.net".</summary>
        Fqdn = 2,

        /// <summary>ID_USER_FQDN (3): "vpn@example.net".</summary>
        UserFqdn = 3,

        /// <summary>ID_KEY_ID (11): an opaque string.</summary>
        KeyId = 11,
    }
}
