namespace NanoGate.Hal.Crypto
{
    /// <summary>Diffie-Hellman groups by their IANA number (RFC 2409 §6, RFC 3526, RFC 5903).</summary>
    public enum DhGroup
    {
        /// <summary>None (no PFS).</summary>
        None = 0,

        /// <summary>MODP 1024-bit (RFC 2409 §6.2). Legacy: weak.</summary>
        Modp1024 = 2,

        /// <summary>MODP 1536-bit (RFC 3526 §2).</summary>
        Modp1536 = 5,

        /// <summary>MODP 2048-bit (RFC 3526 §3).</summary>
        Modp2048 = 14,

        /// <summary>MODP 3072-bit (RFC 3526 §4).</summary>
        Modp3072 = 15,

        /// <summary>MODP 4096-bit (RFC 3526 §5).</summary>
        Modp4096 = 16,

        /// <summary>NIST P-256 (RFC 5903 §3.1).</summary>
        Ecp256 = 19,

        /// <summary>NIST P-384 (RFC 5903 §3.2).</summary>
        Ecp384 = 20,

        /// <summary>NIST P-521 (RFC 5903 §3.3).</summary>
        Ecp521 = 21,
    }
}
