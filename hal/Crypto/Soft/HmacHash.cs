namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>
    /// HMAC (RFC 2104 §2) over any <see cref="BlockHash"/>. The key is processed once: the states
    /// after the (key XOR ipad) and (key XOR opad) blocks are saved, so a message costs its own
    /// blocks plus one outer block, and the key itself is not kept.
    /// </summary>
    public sealed class HmacHash : IHash
    {
        private readonly BlockHash _inner;
        private readonly BlockHash _outer;
        private readonly uint[] _innerStart;
        private readonly uint[] _outerStart;
        private readonly byte[] _innerDigest;
        private bool _wiped;

        /// <summary>
        /// Keys HMAC. <paramref name="inner"/> and <paramref name="outer"/> are two fresh instances of
        /// the same hash; this object owns them. Keys longer than the block are hashed first (RFC 2104 §2).
        /// </summary>
        public HmacHash(BlockHash inner, BlockHash outer, byte[] key, int keyOffset, int keyCount)
        {
            _inner = inner;
            _outer = outer;
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
            _outerStart = new uint[outer.StateWords + 2];
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

            outer.Reset();
            outer.Append(pad, 0, blockSize);
            outer.SaveState(_outerStart);
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
            _outer.RestoreState(_outerStart);
            _outer.Append(_innerDigest, 0, _innerDigest.Length);
            _outer.Finish(output, offset);
            _inner.RestoreState(_innerStart);
        }

        /// <inheritdoc/>
        public void Wipe()
        {
            _wiped = true;
            _inner.Wipe();
            _outer.Wipe();
            System.Array.Clear(_innerStart, 0, _innerStart.Length);
            System.Array.Clear(_outerStart, 0, _outerStart.Length);
            FixedTime.Wipe(_innerDigest);
        }
    }
}
