namespace NanoGate.Hal.Crypto.Native
{
    /// <summary>
    /// An incremental hash or HMAC (RFC 2104) in the native component (mbedtls_md; ESP32: the SHA
    /// accelerator for SHA-1 and SHA-2). Finish writes into the caller's buffer and resets with the
    /// same key. Allocation-free after construction.
    /// </summary>
    public sealed class NativeHash : IHash
    {
        private static readonly byte[] s_empty = new byte[1];
        private readonly int _hashSize;
        private readonly int _slot;
        private int _handle;

        /// <summary>A plain hash (<paramref name="hmac"/> false; the key is ignored) or an HMAC keyed with a copy of the key.</summary>
        public NativeHash(HashAlgorithm algorithm, bool hmac, byte[] key, int keyOffset, int keyCount)
        {
            if (hmac)
            {
                NativeRange.Check(key, keyOffset, keyCount);
            }
            else
            {
                key = s_empty;
                keyOffset = 0;
                keyCount = 0;
            }

            _hashSize = NativeObject.Created(NativeMethods.HashSize((int)algorithm));
            _handle = NativeObject.Created(NativeMethods.HashCreate((int)algorithm, hmac ? 1 : 0, key, keyOffset, keyCount));
            _slot = _handle;
        }

        /// <inheritdoc/>
        public int HashSize
        {
            get { return _hashSize; }
        }

        /// <summary>The native slot (for tests: it reads all zero after <see cref="Wipe"/>).</summary>
        public int Slot
        {
            get { return _slot; }
        }

        /// <summary>
        /// One shot, no slot: the hash (<paramref name="key"/> null) or HMAC of one range into
        /// <paramref name="output"/>; false for an unknown algorithm.
        /// </summary>
        public static bool Compute(HashAlgorithm algorithm, byte[] key, int keyOffset, int keyCount,
            byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            int size = NativeMethods.HashSize((int)algorithm);
            if (size < 0)
            {
                return false;
            }

            NativeRange.Check(data, offset, count);
            NativeRange.Check(output, outputOffset, size);
            if (key == null)
            {
                return NativeMethods.HashOnce((int)algorithm, 0, data, 0, 0, data, offset, count, output, outputOffset) == 0;
            }

            NativeRange.Check(key, keyOffset, keyCount);
            return NativeMethods.HashOnce((int)algorithm, 1, key, keyOffset, keyCount, data, offset, count, output, outputOffset) == 0;
        }

        /// <inheritdoc/>
        public void Reset()
        {
            NativeMethods.HashReset(_handle);
        }

        /// <inheritdoc/>
        [FastPath]
        public void Append(byte[] buffer, int offset, int count)
        {
            NativeRange.Check(buffer, offset, count);
            NativeMethods.HashAppend(_handle, buffer, offset, count);
        }

        /// <inheritdoc/>
        [FastPath]
        public void Finish(byte[] output, int offset)
        {
            NativeRange.Check(output, offset, _hashSize);
            if (NativeMethods.HashFinish(_handle, output, offset) != 0)
            {
                // Only a wiped object fails; it writes zeros, never stale state.
                System.Array.Clear(output, offset, _hashSize);
            }
        }

        /// <inheritdoc/>
        public void Wipe()
        {
            NativeMethods.Release(_handle);
            _handle = NativeObject.Released;
        }
    }
}
