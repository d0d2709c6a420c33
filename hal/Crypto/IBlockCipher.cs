namespace NanoGate.Hal.Crypto
{
    /// <summary>
    /// A keyed block cipher in CBC mode, in place, with an explicit IV (RFC 3602; RFC 2409 App. B).
    /// Allocation-free after construction; <paramref name="count"/> must be a multiple of
    /// <see cref="BlockSize"/>.
    /// </summary>
    public interface IBlockCipher
    {
        /// <summary>Block size in bytes (16 for AES, 8 for 3DES).</summary>
        int BlockSize { get; }

        /// <summary>Key size in bytes.</summary>
        int KeySize { get; }

        /// <summary>Encrypts <paramref name="count"/> bytes in place, chaining from the IV at <paramref name="ivOffset"/>.</summary>
        void EncryptCbc(byte[] iv, int ivOffset, byte[] buffer, int offset, int count);

        /// <summary>Decrypts <paramref name="count"/> bytes in place, chaining from the IV at <paramref name="ivOffset"/>.</summary>
        void DecryptCbc(byte[] iv, int ivOffset, byte[] buffer, int offset, int count);

        /// <summary>Zeroes the key schedule; the object is unusable afterwards.</summary>
        void Wipe();
    }
}
