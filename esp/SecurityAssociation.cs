using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Esp
{
    /// <summary>
    /// One ESP SA, one direction (RFC 4301 §4.4.2): SPI, keys and the crypto objects made from
    /// them, sequence counter or replay window, tunnel endpoints, selectors, lifetimes, counters and
    /// the scratch buffers its per-packet work uses (nonce, AAD, HMAC output), so that processing
    /// a packet allocates nothing. Created by <see cref="EspEngine"/>; <see cref="Wipe"/> on removal
    /// zeroes every key.
    /// <para>
    /// Outbound IVs: CBC takes them from a <see cref="CbcIvGenerator"/> (a block cipher under a
    /// random per-SA key over a counter; the reasons are there). GCM's explicit IV is the 64-bit
    /// sequence number (RFC 4106 §3.1 allows a counter; it only must never repeat under a key, and
    /// the sequence number never does).
    /// </para>
    /// </summary>
    public sealed class SecurityAssociation
    {
        /// <summary>32-bit sequence numbers: send a rekey event this close to the end (our choice: 2^28 packets of warning).</summary>
        public const ulong SequenceSoftMargin = 1UL << 28;

        /// <summary>The SPI: ours for inbound SAs, the peer's for outbound ones.</summary>
        public readonly uint Spi;

        /// <summary>Direction.</summary>
        public readonly bool Inbound;

        /// <summary>Cipher.</summary>
        public readonly CipherAlgorithm Cipher;

        /// <summary>HMAC hash (CBC ciphers only).</summary>
        public readonly HashAlgorithm Integrity;

        /// <summary>Bytes of IV on the wire (16 AES-CBC, 8 3DES, 8 GCM).</summary>
        public readonly int IvLength;

        /// <summary>Payload + trailer is padded to a multiple of this (cipher block, 4 for GCM; RFC 4303 §2.4).</summary>
        public readonly int BlockAlign;

        /// <summary>Bytes of ICV on the wire (0 only for the RFC 3602 test vectors).</summary>
        public readonly int IcvLength;

        /// <summary>64-bit extended sequence numbers.</summary>
        public readonly bool ExtendedSequenceNumbers;

        /// <summary>UDP-encapsulated (RFC 3948) rather than plain ESP.</summary>
        public readonly bool UdpEncapsulation;

        /// <summary>Our tunnel endpoint.</summary>
        public uint LocalAddress;

        /// <summary>The peer's tunnel endpoint.</summary>
        public uint RemoteAddress;

        /// <summary>Our UDP port.</summary>
        public int LocalPort;

        /// <summary>The peer's UDP port.</summary>
        public int RemotePort;

        /// <summary>Our side's selector.</summary>
        public readonly TrafficSelector LocalSelector;

        /// <summary>The peer's selector.</summary>
        public readonly TrafficSelector RemoteSelector;

        /// <summary>Inner protocol (0 = any).</summary>
        public readonly byte Protocol;

        /// <summary>Outbound: the policy it serves (-1 inbound).</summary>
        public readonly int PolicyId;

        /// <summary>When installed (ms, the run loop's clock).</summary>
        public readonly long CreatedMs;

        /// <summary>Lifetime limits (0 = none).</summary>
        public readonly long SoftBytes;

        /// <summary>Hard byte limit.</summary>
        public readonly long HardBytes;

        /// <summary>Soft packet limit.</summary>
        public readonly long SoftPackets;

        /// <summary>Hard packet limit.</summary>
        public readonly long HardPackets;

        /// <summary>Soft lifetime (ms).</summary>
        public readonly long SoftLifetimeMs;

        /// <summary>Hard lifetime (ms).</summary>
        public readonly long HardLifetimeMs;

        /// <summary>Packets processed (authenticated inbound, sent outbound).</summary>
        public long Packets;

        /// <summary>Inner bytes processed.</summary>
        public long Bytes;

        /// <summary>Drops charged to this SA.</summary>
        public readonly DropCounters Drops = new DropCounters(true);

        /// <summary>A soft limit was reached and the rekey event raised.</summary>
        public bool RekeyRaised;

        /// <summary>A hard limit was reached: the SA drops everything.</summary>
        public bool Expired;

        /// <summary>Handle in the table (outbound), or the table index (inbound).</summary>
        public int Handle;

        // Outbound: the last sequence number used (0 = none yet). Inbound: the replay window.
        internal ulong Sequence;
        internal readonly ReplayWindow Window;

        // Crypto objects. The keys are not kept: the provider derives its own state from them
        // (ICryptoProvider), so Wipe has only the crypto objects and the GCM salt to clear.
        internal readonly IBlockCipher Cbc;
        internal readonly CbcIvGenerator IvGenerator;
        internal readonly IHash Hmac;
        internal readonly IAead Gcm;

        // GCM: the 4-byte salt from the end of the key, the nonce's first half (RFC 4106 §4). The
        // per-packet scratch (nonce, AAD, ESN high bits, HMAC output) is the direction's
        // (EspInbound/EspOutbound: one engine, one thread), not the SA's (issue 17).
        internal uint Salt;

        /// <summary>Test vectors only: when set, the next outbound packets use this IV instead of a generated one.</summary>
        internal byte[] ForcedIv;

        /// <summary>
        /// Next header written and required: 4 (IPv4, tunnel mode). Test vectors only change it:
        /// the draft-mcgrew-gcm-test-01 packets carry 1.
        /// </summary>
        internal byte NextHeader = EspLayout.NextHeaderIpv4;

        private SecurityAssociation(SaParameters p, bool inbound, long nowMs, ICryptoProvider provider, IRandomSource random)
        {
            Spi = p.Spi;
            Inbound = inbound;
            Cipher = p.Cipher;
            Integrity = p.Integrity;
            ExtendedSequenceNumbers = p.ExtendedSequenceNumbers;
            UdpEncapsulation = p.UdpEncapsulation;
            LocalAddress = p.LocalAddress;
            RemoteAddress = p.RemoteAddress;
            LocalPort = p.LocalPort;
            RemotePort = p.RemotePort;
            LocalSelector = p.LocalSelector != null ? p.LocalSelector : TrafficSelector.Any();
            RemoteSelector = p.RemoteSelector != null ? p.RemoteSelector : TrafficSelector.Any();
            Protocol = p.Protocol;
            PolicyId = inbound ? -1 : p.PolicyId;
            CreatedMs = nowMs;
            SoftBytes = p.SoftBytes;
            HardBytes = p.HardBytes;
            SoftPackets = p.SoftPackets;
            HardPackets = p.HardPackets;
            SoftLifetimeMs = p.SoftLifetimeMs;
            HardLifetimeMs = p.HardLifetimeMs;
            if (inbound)
            {
                Window = new ReplayWindow(p.ReplayWindowSize, p.ExtendedSequenceNumbers);
            }

            if (p.Cipher == CipherAlgorithm.AesGcm)
            {
                byte[] key = p.EncryptionKey;
                int keyLength = key.Length - 4;
                Gcm = provider.CreateGcm(key, 0, keyLength, p.GcmIcvLength);
                Salt = BigEndian.ReadUInt32(key, keyLength);
                IvLength = 8;
                BlockAlign = 4;
                IcvLength = p.GcmIcvLength;
                return;
            }

            // One direction: an inbound SA only decrypts, an outbound one only encrypts (the provider
            // may then keep one key schedule).
            Cbc = provider.CreateCbc(p.Cipher, p.EncryptionKey, 0, p.EncryptionKey.Length, !inbound);
            IvLength = Cbc.BlockSize;
            BlockAlign = Cbc.BlockSize;
            if (!inbound)
            {
                IvGenerator = new CbcIvGenerator(provider, p.Cipher, p.EncryptionKey.Length, random);
            }

            if (p.IntegrityKey != null && p.IntegrityKey.Length > 0)
            {
                Hmac = provider.CreateHmac(p.Integrity, p.IntegrityKey, 0, p.IntegrityKey.Length);
                IcvLength = IcvLengthOf(p.Integrity, p.Sha256Truncated96);
            }
        }

        /// <summary>
        /// Validates <paramref name="p"/> against the provider and builds the SA with its crypto
        /// objects; null with the reason in <paramref name="result"/> when it cannot.
        /// </summary>
        public static SecurityAssociation Create(SaParameters p, bool inbound, long nowMs, ICryptoProvider provider,
            IRandomSource random, out SaInstallResult result)
        {
            result = Validate(p, provider);
            if (result != SaInstallResult.Ok)
            {
                return null;
            }

            return new SecurityAssociation(p, inbound, nowMs, provider, random);
        }

        /// <summary>ICV bytes for an HMAC (RFC 2404 §2: 96; RFC 4868 §2.3: half the output), or 0 when unsupported.</summary>
        public static int IcvLengthOf(HashAlgorithm hash, bool sha256Truncated96)
        {
            switch (hash)
            {
                case HashAlgorithm.Sha1: return 12;
                case HashAlgorithm.Sha256: return sha256Truncated96 ? 12 : 16;
                case HashAlgorithm.Sha384: return 24;
                case HashAlgorithm.Sha512: return 32;
                default: return 0;
            }
        }

        /// <summary>HMAC key bytes: the hash's output length (RFC 2404 §3, RFC 4868 §2.1.1).</summary>
        public static int IntegrityKeyLengthOf(HashAlgorithm hash)
        {
            switch (hash)
            {
                case HashAlgorithm.Sha1: return 20;
                case HashAlgorithm.Sha256: return 32;
                case HashAlgorithm.Sha384: return 48;
                case HashAlgorithm.Sha512: return 64;
                default: return 0;
            }
        }

        private static SaInstallResult Validate(SaParameters p, ICryptoProvider provider)
        {
            if (p == null || p.EncryptionKey == null)
            {
                return SaInstallResult.BadParameters;
            }

            int keyLength = p.EncryptionKey.Length;
            if (p.Cipher == CipherAlgorithm.AesGcm)
            {
                keyLength -= 4;
                if (keyLength != 16 && keyLength != 24 && keyLength != 32)
                {
                    return SaInstallResult.BadParameters;
                }

                if (p.GcmIcvLength != 8 && p.GcmIcvLength != 12 && p.GcmIcvLength != 16)
                {
                    return SaInstallResult.BadParameters;
                }

                return provider.SupportsCipher(CipherAlgorithm.AesGcm, keyLength) ? SaInstallResult.Ok : SaInstallResult.Unsupported;
            }

            if (p.Cipher == CipherAlgorithm.AesCbc)
            {
                if (keyLength != 16 && keyLength != 24 && keyLength != 32)
                {
                    return SaInstallResult.BadParameters;
                }
            }
            else if (p.Cipher == CipherAlgorithm.TripleDesCbc)
            {
                if (keyLength != 24)
                {
                    return SaInstallResult.BadParameters;
                }
            }
            else
            {
                return SaInstallResult.Unsupported;
            }

            if (!provider.SupportsCipher(p.Cipher, keyLength))
            {
                return SaInstallResult.Unsupported;
            }

            bool noIntegrity = p.IntegrityKey == null || p.IntegrityKey.Length == 0;
            if (noIntegrity)
            {
                // RFC 8221 §5: ESP without integrity only with an AEAD; our exception is the test vectors.
                return p.AllowEncryptionOnly ? SaInstallResult.Ok : SaInstallResult.BadParameters;
            }

            if (IcvLengthOf(p.Integrity, p.Sha256Truncated96) == 0 || p.IntegrityKey.Length != IntegrityKeyLengthOf(p.Integrity))
            {
                return SaInstallResult.BadParameters;
            }

            return provider.SupportsHash(p.Integrity) ? SaInstallResult.Ok : SaInstallResult.Unsupported;
        }

        /// <summary>
        /// Counts one processed packet of <paramref name="bytes"/> inner bytes and checks the
        /// lifetimes (RFC 4301 §4.4.2.1): a soft limit raises one rekey event, a hard one marks the
        /// SA expired (this packet still goes through) and raises an expired event.
        /// </summary>
        [FastPath]
        internal void Account(int bytes, long nowMs, EspEventQueue events)
        {
            Packets++;
            Bytes += bytes;
            CheckLimits(nowMs, events);
        }

        /// <summary>Checks soft and hard limits (packets, bytes, time) and raises events once each.</summary>
        [FastPath]
        internal void CheckLimits(long nowMs, EspEventQueue events)
        {
            if (Expired)
            {
                return;
            }

            long age = nowMs - CreatedMs;
            if ((HardPackets > 0 && Packets >= HardPackets) || (HardBytes > 0 && Bytes >= HardBytes)
                || (HardLifetimeMs > 0 && age >= HardLifetimeMs))
            {
                Expired = true;
                events.Raise(EspEventKind.Expired, Spi, Inbound, PolicyId);
                return;
            }

            if (!RekeyRaised && ((SoftPackets > 0 && Packets >= SoftPackets) || (SoftBytes > 0 && Bytes >= SoftBytes)
                || (SoftLifetimeMs > 0 && age >= SoftLifetimeMs)))
            {
                RekeyRaised = true;
                events.Raise(EspEventKind.Rekey, Spi, Inbound, PolicyId);
            }
        }

        /// <summary>Outbound: the last sequence number sent (0 = none).</summary>
        public ulong LastSequence
        {
            get { return Inbound ? Window.Top : Sequence; }
        }

        /// <summary>Inbound: the replay window (null outbound).</summary>
        public ReplayWindow ReplayWindow
        {
            get { return Window; }
        }

        /// <summary>Zeroes keys and key schedules; the SA is unusable afterwards.</summary>
        public void Wipe()
        {
            Expired = true;
            if (Cbc != null)
            {
                Cbc.Wipe();
            }

            if (IvGenerator != null)
            {
                IvGenerator.Wipe();
            }

            if (Hmac != null)
            {
                Hmac.Wipe();
            }

            if (Gcm != null)
            {
                Gcm.Wipe();
            }

            Salt = 0;
        }
    }
}
