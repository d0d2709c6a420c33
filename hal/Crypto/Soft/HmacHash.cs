namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>
    /// HMAC (RFC 2104 §2) over any <see cref="BlockHash"/>. The key is processed once: the states
    /// after the (key XOR ipad) and (key XOR opad) blocks are saved, so a message costs its own
    /// blocks plus one outer block, and the key itself is not kept.
    /// </summary>
    public sealed class HmacHash : IHash
    {
        // One hash object runs both passes (issue 17: the outer pass restores its own saved state
        // into the same object, so a second hash instance per HMAC, 296 bytes for SHA-256, is not kept).
        private readonly BlockHash _inner;
        private readonly uint[] _innerStart;
        private readonly uint[] _outerStart;
        private readonly byte[] _innerDigest;
        private bool _wiped;

        /// <summary>
        /// Keys HMAC. <paramref name="inner"/> is a fresh instance of the hash, used for the inner and
        /// the outer pass; this object owns it. Keys longer than the block are hashed first (RFC 2104 §2).
        /// </summary>
        public HmacHash(BlockHash inner, byte[] key, int keyOffset, int keyCount)
        {
            _inner = inner;
            int blockSize = inner.BlockSize;
            byte[] pad = new byte[blockSize];
            if (keyCount > blockSize)
            {
                inner.Reset();
                inner.Append(key, keyOffset, keyCount);
                inner.Finish(pad, 0);
            }
            else if (keyCount > 0)
            {
                System.Array.Copy(key, keyOffset, pad, 0, keyCount);
            }

            _innerStart = new uint[inner.StateWords + 2];
            _outerStart = new uint[inner.StateWords + 2];
            _innerDigest = new byte[inner.HashSize];

            for (int i = 0; i < blockSize; i++)
            {
                pad[i] ^= 0x36;
            }

            inner.Reset();
            inner.Append(pad, 0, blockSize);
            inner.SaveState(_innerStart);

            for (int i = 0; i < blockSize; i++)
            {
                pad[i] ^= 0x36 ^ 0x5C;
            }

            inner.Reset();
            inner.Append(pad, 0, blockSize);
            inner.SaveState(_outerStart);
            inner.RestoreState(_innerStart);
            FixedTime.Wipe(pad);
        }

        /// <inheritdoc/>
        public int HashSize
        {
            get { return _inner.HashSize; }
        }

        /// <inheritdoc/>
        [FastPath]
        public void Reset()
        {
            _inner.RestoreState(_innerStart);
        }

        /// <inheritdoc/>
        [FastPath]
        public void Append(byte[] buffer, int offset, int count)
        {
            _inner.Append(buffer, offset, count);
        }

        /// <inheritdoc/>
        [FastPath]
        public void Finish(byte[] output, int offset)
        {
            if (_wiped)
            {
                return;
            }

            _inner.Finish(_innerDigest, 0);
            _inner.RestoreState(_outerStart);
            _inner.Append(_innerDigest, 0, _innerDigest.Length);
            _inner.Finish(output, offset);
            _inner.RestoreState(_innerStart);
        }

        /// <inheritdoc/>
        public void Wipe()
        {
            _wiped = true;
            _inner.Wipe();
            System.Array.Clear(_innerStart, 0, _innerStart.Length);
            System.Array.Clear(_outerStart, 0, _outerStart.Length);
            FixedTime.Wipe(_innerDigest);
        }
    }
}
