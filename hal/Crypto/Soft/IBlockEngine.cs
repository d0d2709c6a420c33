namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>A keyed block cipher primitive (one block in, one block out); modes sit on top.</summary>
    public interface IBlockEngine
    {
        /// <summary>Block size in bytes.</summary>
        int BlockSize { get; }

        /// <summary>Encrypts one block; input and output may be the same range.</summary>
        void EncryptBlock(byte[] input, int inOffset, byte[] output, int outOffset);

        /// <summary>Decrypts one block; input and output may be the same range.</summary>
        void DecryptBlock(byte[] input, int inOffset, byte[] output, int outOffset);

        /// <summary>Zeroes the key schedule.</summary>
        void Wipe();
    }
}
