namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>
    /// AES-CBC in place with an explicit IV (RFC 3602, SP 800-38A §6.2). Only whole blocks are
    /// processed: a trailing partial block is left untouched (ESP pads to the block size first).
    /// The IV must not overlap the data being decrypted.
    /// </summary>
    public sealed class AesCbcCipher : IBlockCipher
    {
        private readonly AesEngine _engine;
        private readonly int _keySize;

        /// <summary>Keys AES with 16, 24 or 32 bytes (callers check the length).</summary>
        public AesCbcCipher(byte[] key, int keyOffset, int keyCount)
        {
            _engine = new AesEngine(key, keyOffset, keyCount);
            _keySize = keyCount;
        }

        /// <inheritdoc/>
        public int BlockSize
        {
            get { return 16; }
        }

        /// <inheritdoc/>
        public int KeySize
        {
            get { return _keySize; }
        }

        /// <inheritdoc/>
        [FastPath]
        public void EncryptCbc(byte[] iv, int ivOffset, byte[] buffer, int offset, int count)
        {
            byte[] prev = iv;
            int prevOffset = ivOffset;
            int end = offset + (count & ~15);
            for (int p = offset; p < end; p += 16)
            {
                for (int i = 0; i < 16; i++)
                {
                    buffer[p + i] ^= prev[prevOffset + i];
                }

                _engine.EncryptBlock(buffer, p, buffer, p);
                prev = buffer;
                prevOffset = p;
            }
        }

        /// <inheritdoc/>
        [FastPath]
        public void DecryptCbc(byte[] iv, int ivOffset, byte[] buffer, int offset, int count)
        {
            // Last block first: each block's predecessor is then still ciphertext, so no copy is needed.
            for (int p = offset + (count & ~15) - 16; p >= offset; p -= 16)
            {
                _engine.DecryptBlock(buffer, p, buffer, p);
                byte[] prev = p == offset ? iv : buffer;
                int prevOffset = p == offset ? ivOffset : p - 16;
                for (int i = 0; i < 16; i++)
                {
                    buffer[p + i] ^= prev[prevOffset + i];
                }
            }
        }

        /// <inheritdoc/>
        public void Wipe()
        {
            _engine.Wipe();
        }
    }
}
