namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>
    /// CBC mode in place with an explicit IV (SP 800-38A §6.2; RFC 3602 for AES, RFC 2451 for
    /// 3DES) over any block engine. Only whole blocks are processed: a trailing partial block is
    /// left untouched (ESP pads to the block size first). The IV must not overlap the data being
    /// decrypted.
    /// </summary>
    public sealed class CbcCipher : IBlockCipher
    {
        private readonly IBlockEngine _engine;
        private readonly int _blockSize;
        private readonly int _keySize;

        /// <summary>CBC over <paramref name="engine"/>, whose key is <paramref name="keySize"/> bytes.</summary>
        public CbcCipher(IBlockEngine engine, int keySize)
        {
            _engine = engine;
            _blockSize = engine.BlockSize;
            _keySize = keySize;
        }

        /// <summary>AES-CBC keyed with 16, 24 or 32 bytes (callers check the length).</summary>
        public static CbcCipher Aes(byte[] key, int keyOffset, int keyCount)
        {
            return new CbcCipher(new AesEngine(key, keyOffset, keyCount), keyCount);
        }

        /// <summary>AES-CBC for one direction only: the other direction's key schedule is not made.</summary>
        public static CbcCipher Aes(byte[] key, int keyOffset, int keyCount, bool encrypt)
        {
            return new CbcCipher(new AesEngine(key, keyOffset, keyCount, encrypt, !encrypt), keyCount);
        }

        /// <summary>3DES-EDE-CBC keyed with K1 | K2 | K3 (24 bytes). Legacy: 64-bit blocks, 112-bit strength.</summary>
        public static CbcCipher TripleDes(byte[] key, int keyOffset)
        {
            return new CbcCipher(new DesEngine(key, keyOffset), 24);
        }

        /// <inheritdoc/>
        public int BlockSize
        {
            get { return _blockSize; }
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
            int b = _blockSize;
            byte[] prev = iv;
            int prevOffset = ivOffset;
            int end = offset + (count - (count % b));
            for (int p = offset; p < end; p += b)
            {
                for (int i = 0; i < b; i++)
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
            int b = _blockSize;

            // Last block first, so each predecessor is still ciphertext.
            for (int p = offset + (count - (count % b)) - b; p >= offset; p -= b)
            {
                _engine.DecryptBlock(buffer, p, buffer, p);
                byte[] prev = p == offset ? iv : buffer;
                int prevOffset = p == offset ? ivOffset : p - b;
                for (int i = 0; i < b; i++)
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
