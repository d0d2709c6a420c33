using NanoGate.Hal.Crypto;

namespace NanoGate.Esp
{
    /// <summary>
    /// Everything needed to install one ESP SA (one direction), as the firmware fills it from what
    /// ike negotiated in quick mode (RFC 2409 §5.5: keys from KEYMAT; RFC 2407 §4.5: attributes).
    /// A plain settings object: allocation is fine here, it is used once per SA.
    /// Keys are copied into the SA at install; wipe this object's arrays afterwards
    /// (<see cref="WipeKeys"/>).
    /// </summary>
    public sealed class SaParameters
    {
        /// <summary>
        /// Inbound: our SPI, reserved before quick mode with <see cref="EspEngine.ReserveInboundSpi"/>.
        /// Outbound: the peer's SPI.
        /// </summary>
        public uint Spi;

        /// <summary>Cipher: AES-CBC, 3DES-CBC or AES-GCM (RFC 3602, RFC 2451, RFC 4106).</summary>
        public CipherAlgorithm Cipher = CipherAlgorithm.AesCbc;

        /// <summary>
        /// Encryption key. For AES-GCM the KEYMAT's 4 extra bytes follow the key: the salt
        /// (RFC 4106 §8.1), so 20, 28 or 36 bytes.
        /// </summary>
        public byte[] EncryptionKey;

        /// <summary>HMAC hash for CBC ciphers: SHA-1, SHA2-256, SHA2-384, SHA2-512 (RFC 2404, RFC 4868). Ignored for GCM.</summary>
        public HashAlgorithm Integrity = HashAlgorithm.Sha256;

        /// <summary>Integrity key (20, 32, 48 or 64 bytes; RFC 2404 §3, RFC 4868 §2.1.1).</summary>
        public byte[] IntegrityKey;

        /// <summary>
        /// Per-peer compatibility switch: HMAC-SHA2-256 truncated to 96 bits (the pre-RFC 4868 Linux
        /// behaviour, strongSwan's sha256_96). Never the default.
        /// </summary>
        public bool Sha256Truncated96;

        /// <summary>AES-GCM ICV length: 16 (default, transform 20), 12 or 8 (RFC 4106 §8.2: transforms 19, 18).</summary>
        public int GcmIcvLength = 16;

        /// <summary>64-bit extended sequence numbers were negotiated (RFC 4303 §2.2.1, RFC 4304).</summary>
        public bool ExtendedSequenceNumbers;

        /// <summary>Inbound replay window in packets, 32..4096 (RFC 4303 §3.4.3).</summary>
        public int ReplayWindowSize = ReplayWindow.DefaultSize;

        /// <summary>Our tunnel endpoint (outer source on the way out).</summary>
        public uint LocalAddress;

        /// <summary>The peer's tunnel endpoint (outer destination on the way out).</summary>
        public uint RemoteAddress;

        /// <summary>Our UDP port for UDP-encapsulated ESP (4500).</summary>
        public int LocalPort = EspLayout.NatTraversalPort;

        /// <summary>The peer's UDP port (4500, or the port its NAT chose).</summary>
        public int RemotePort = EspLayout.NatTraversalPort;

        /// <summary>UDP-encapsulated ESP (RFC 3948; encapsulation mode 3) rather than plain ESP (mode 1).</summary>
        public bool UdpEncapsulation = true;

        /// <summary>Our side's traffic selector (inner source out, inner destination in). Null = any.</summary>
        public TrafficSelector LocalSelector;

        /// <summary>The peer's traffic selector (inner destination out, inner source in). Null = any.</summary>
        public TrafficSelector RemoteSelector;

        /// <summary>Inner IP protocol of the selectors (0 = any).</summary>
        public byte Protocol;

        /// <summary>Outbound: id of the policy this SA serves (see <see cref="EspEngine.AddPolicy"/>).</summary>
        public int PolicyId = -1;

        /// <summary>Soft byte limit: a rekey event when reached (0 = none; RFC 4301 §4.4.2.1).</summary>
        public long SoftBytes;

        /// <summary>Hard byte limit: the SA stops (0 = none).</summary>
        public long HardBytes;

        /// <summary>Soft packet limit (0 = none).</summary>
        public long SoftPackets;

        /// <summary>Hard packet limit (0 = none).</summary>
        public long HardPackets;

        /// <summary>Soft lifetime in ms from install (0 = none).</summary>
        public long SoftLifetimeMs;

        /// <summary>Hard lifetime in ms from install (0 = none).</summary>
        public long HardLifetimeMs;

        /// <summary>Test vectors only: lets CBC run without integrity (RFC 3602 §4 packets carry no ICV). IKE never negotiates it.</summary>
        internal bool AllowEncryptionOnly;

        /// <summary>Zeroes both key arrays (call after the install copied them).</summary>
        public void WipeKeys()
        {
            FixedTime.Wipe(EncryptionKey);
            FixedTime.Wipe(IntegrityKey);
        }
    }
}
