using System;
using NanoGate.Hal.Crypto;

namespace NanoGate.Ike
{
    /// <summary>
    /// The phase 1 CBC chain (RFC 2409 Appendix B, as strongSwan's iv_manager.c): the first IV is
    /// hash(g^xi | g^xr) truncated; every following message of the exchange, in either direction,
    /// uses the last ciphertext block of the previous one. After phase 1,
    /// <see cref="Current"/> holds the last block of the last phase 1 message: the input of every
    /// quick mode and informational IV (<see cref="Keymat.Phase2Iv"/>).
    /// </summary>
    public sealed class IvChain
    {
        private readonly IBlockCipher _cipher;
        private readonly byte[] _iv;
        private readonly byte[] _work;
        private readonly byte[] _next;

        /// <summary>A chain starting at <paramref name="firstIv"/> (block size bytes).</summary>
        public IvChain(IBlockCipher cipher, byte[] firstIv)
        {
            _cipher = cipher;
            _iv = new byte[cipher.BlockSize];
            _work = new byte[cipher.BlockSize];
            _next = new byte[cipher.BlockSize];
            Array.Copy(firstIv, 0, _iv, 0, _iv.Length);
        }

        /// <summary>The cipher keyed with Ka.</summary>
        public IBlockCipher Cipher
        {
            get { return _cipher; }
        }

        /// <summary>Block size.</summary>
        public int BlockSize
        {
            get { return _iv.Length; }
        }

        /// <summary>The IV the next message will use (after phase 1: the last phase 1 CBC block).</summary>
        public byte[] Current
        {
            get { return _iv; }
        }

        /// <summary>Bytes after padding <paramref name="plainLength"/> with zeros to the block size (RFC 2409 §5.3).</summary>
        public int PaddedLength(int plainLength)
        {
            int bs = _iv.Length;
            return (plainLength + bs - 1) / bs * bs;
        }

        /// <summary>
        /// Zero-pads and encrypts <paramref name="plainLength"/> bytes in place; the buffer must have
        /// room for the padding. Returns the ciphertext length and advances the chain.
        /// </summary>
        public int Encrypt(byte[] buffer, int offset, int plainLength)
        {
            int n = PaddedLength(plainLength);
            for (int i = plainLength; i < n; i++)
            {
                buffer[offset + i] = 0;
            }

            Array.Copy(_iv, 0, _work, 0, _iv.Length);
            _cipher.EncryptCbc(_work, 0, buffer, offset, n);
            Array.Copy(buffer, offset + n - _iv.Length, _iv, 0, _iv.Length);
            return n;
        }

        /// <summary>
        /// Decrypts <paramref name="count"/> bytes in place (false when not a whole number of
        /// blocks). The chain advances only when <paramref name="advance"/> is set, so a message that
        /// then fails to parse or authenticate can be dropped without breaking the chain.
        /// </summary>
        public bool Decrypt(byte[] buffer, int offset, int count, bool advance)
        {
            int bs = _iv.Length;
            if (count <= 0 || count % bs != 0)
            {
                return false;
            }

            Array.Copy(buffer, offset + count - bs, _next, 0, bs);
            Array.Copy(_iv, 0, _work, 0, bs);
            _cipher.DecryptCbc(_work, 0, buffer, offset, count);
            if (advance)
            {
                Array.Copy(_next, 0, _iv, 0, bs);
            }

            return true;
        }

        /// <summary>Advances the chain to the last block of the message decrypted last (after it was accepted).</summary>
        public void Commit()
        {
            Array.Copy(_next, 0, _iv, 0, _iv.Length);
        }
    }
}
