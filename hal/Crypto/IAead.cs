namespace NanoGate.Hal.Crypto
{
    /// <summary>
    /// A keyed AEAD (AES-GCM) in place with a separate tag. The 12-byte nonce is salt | explicit IV
    /// as ESP builds it (RFC 4106 §4); the AAD is SPI | sequence (RFC 4106 §5).
    /// </summary>
    public interface IAead
    {
        /// <summary>Tag (ICV) length in bytes: 16, or 8/12 where supported.</summary>
        int TagSize { get; }

        /// <summary>Encrypts in place and writes the tag.</summary>
        void Encrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount,
            byte[] buffer, int offset, int count, byte[] tag, int tagOffset);

        /// <summary>
        /// Verifies the tag in constant time and only then decrypts in place. False (buffer left
        /// as ciphertext or zeroed, never as unauthenticated plaintext) when the tag does not match.
        /// </summary>
        bool Decrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount,
            byte[] buffer, int offset, int count, byte[] tag, int tagOffset);

        /// <summary>Zeroes the key; the object is unusable afterwards.</summary>
        void Wipe();
    }
}
