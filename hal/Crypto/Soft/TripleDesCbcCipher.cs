namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>
    /// 3DES-EDE in CBC mode, in place with an explicit IV (RFC 2451, SP 800-67). Legacy: 64-bit
    /// blocks and 112-bit strength; offered only when configured. Whole 8-byte blocks only; the IV
    /// must not overlap the data being decrypted.
    /// </summary>
    public sealed class TripleDesCbcCipher : IBlockCipher
    {
        private readonly DesEngine _engine;

        /// <summary>Keys 3DES with 24 bytes K1 | K2 | K3 (callers check the length).</summary>
        public TripleDesCbcCipher(byte[] key, int keyOffset)
        {
            _engine = new DesEngine(key, keyOffset);
        }

        /// <inheritdoc/>
        public int BlockSize
        {
            get { return 8; }
        }

        /// <inheritdoc/>
        public int KeySize
        {
            get { return 24; }
        }

        /// <inheritdoc/>
        [FastPath]
        public void EncryptCbc(byte[] iv, int ivOffset, byte[] buffer, int offset, int count)
        {
            byte[] prev = iv;
            int prevOffset = ivOffset;
            int end = offset + (count & ~7);
            for (int p = offset; p < end; p += 8)
            {
                for (int i = 0; i < 8; i++)
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
            // Last block first, so each predecessor is still ciphertext.
            for (int p = offset + (count & ~7) - 8; p >= offset; p -= 8)
            {
                _engine.DecryptBlock(buffer, p, buffer, p);
                byte[] prev = p == offset ? iv : buffer;
                int prevOffset = p == offset ? ivOffset : p - 8;
                for (int i = 0; i < 8; i++)
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
