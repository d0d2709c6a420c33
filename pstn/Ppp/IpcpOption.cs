namespace NanoGate.Pstn.Ppp
{
    /// <summary>IPCP Configuration Option types (RFC 1332 §3).</summary>
    public static class IpcpOption
    {
        /// <summary>IP-Addresses, deprecated (RFC 1332 §3.1).</summary>
        public const byte IpAddresses = 1;

        /// <summary>IP-Compression-Protocol (RFC 1332 §3.2).</summary>
        public const byte IpCompression = 2;

        /// <summary>IP-Address (RFC 1332 §3.3).</summary>
        public const byte IpAddress = 3;
    }
}
