using NanoGate.Hal.Crypto;

namespace NanoGate.Ike
{
    /// <summary>
    /// One direction of an IPsec (ESP) SA as quick mode negotiated it (RFC 2409 §5.5, RFC 2407
    /// §4.5): what <see cref="IIpsecSaInstaller"/> gets. ike's own description, so ike never
    /// references the ESP engine; the firmware maps it to its data path.
    /// </summary>
    public sealed class IpsecSaInfo
    {
        /// <summary>Inbound: our SPI (from <see cref="IIpsecSaInstaller.ReserveSpi"/>); outbound: the peer's.</summary>
        public uint Spi;

        /// <summary>True for the SA that receives.</summary>
        public bool Inbound;

        /// <summary>AES-CBC, AES-GCM (16-byte ICV) or 3DES-CBC.</summary>
        public CipherAlgorithm Cipher;

        /// <summary>Cipher key bytes (16, 24 or 32), without the GCM salt.</summary>
        public int KeySize;

        /// <summary>HMAC for CBC ciphers (ignored for GCM).</summary>
        public HashAlgorithm Integrity;

        /// <summary>Encryption key from KEYMAT; for AES-GCM followed by the 4-byte salt (RFC 4106 §8.1).</summary>
        public byte[] EncryptionKey;

        /// <summary>Integrity key from KEYMAT (null for GCM).</summary>
        public byte[] IntegrityKey;

        /// <summary>HMAC-SHA2-256 truncated to 96 bits (per-peer compatibility switch).</summary>
        public bool Sha256Truncated96;

        /// <summary>Our tunnel endpoint (host order).</summary>
        public uint LocalAddress;

        /// <summary>The peer's tunnel endpoint as we see it (after NAT).</summary>
        public uint RemoteAddress;

        /// <summary>Our UDP port (4500 when encapsulated).</summary>
        public int LocalPort;

        /// <summary>The peer's UDP port.</summary>
        public int RemotePort;

        /// <summary>UDP-encapsulated tunnel (RFC 3948, mode 3 or 61443) rather than plain tunnel mode.</summary>
        public bool UdpEncapsulation;

        /// <summary>Our protected network (host order) and prefix.</summary>
        public uint LocalSubnet;

        /// <summary>Prefix length of <see cref="LocalSubnet"/>.</summary>
        public int LocalPrefixLength;

        /// <summary>The peer's protected network.</summary>
        public uint RemoteSubnet;

        /// <summary>Prefix length of <see cref="RemoteSubnet"/>.</summary>
        public int RemotePrefixLength;

        /// <summary>Lifetime in seconds (0 = none), the smaller of both sides.</summary>
        public int LifetimeSeconds;

        /// <summary>Lifetime in kilobytes (0 = none), the smaller of both sides.</summary>
        public int LifetimeKilobytes;

        /// <summary>
        /// Share of the lifetimes (seconds and kilobytes) after which the data path asks for a rekey,
        /// in percent: earlier for the side that initiated the quick mode, with some jitter, so both
        /// ends rarely rekey the same pair at once (strongSwan's rekey_time/rand_time).
        /// </summary>
        public int SoftPercent;

        /// <summary>PFS group used (None without PFS).</summary>
        public DhGroup Pfs;

        /// <summary>The ipsec policy this SA serves.</summary>
        public string PolicyName;

        /// <summary>The ISAKMP SA that negotiated it (its serial, for displays).</summary>
        public int IkeSerial;

        /// <summary>Zeroes the key arrays.</summary>
        public void WipeKeys()
        {
            FixedTime.Wipe(EncryptionKey);
            FixedTime.Wipe(IntegrityKey);
        }
    }
}
