using NanoGate.Hal.Crypto;

namespace NanoGate.Firmware.Capture
{
    /// <summary>A retained ESP SA (one direction): what Wireshark's esp_sa table needs to decrypt it.</summary>
    public sealed class EspKeyEntry
    {
        /// <summary>The SPI (ours for inbound, the peer's for outbound).</summary>
        public uint Spi;

        /// <summary>True for the SA that receives.</summary>
        public bool Inbound;

        /// <summary>Outer source address of its packets (host order).</summary>
        public uint Source;

        /// <summary>Outer destination address of its packets.</summary>
        public uint Destination;

        /// <summary>AES-CBC, 3DES-CBC or AES-GCM (16-byte ICV).</summary>
        public CipherAlgorithm Cipher;

        /// <summary>HMAC of CBC ciphers.</summary>
        public HashAlgorithm Integrity;

        /// <summary>HMAC-SHA2-256 truncated to 96 bits.</summary>
        public bool Sha256Truncated96;

        /// <summary>Encryption key (for AES-GCM followed by the 4-byte salt, RFC 4106 §8.1).</summary>
        public byte[] EncryptionKey;

        /// <summary>Integrity key (null for GCM).</summary>
        public byte[] IntegrityKey;

        /// <summary>Zeroes the copies.</summary>
        public void Wipe()
        {
            FixedTime.Wipe(EncryptionKey);
            FixedTime.Wipe(IntegrityKey);
        }
    }
}
