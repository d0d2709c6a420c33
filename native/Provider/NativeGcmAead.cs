using System;

namespace NanoGate.Hal.Crypto.Native
{
    /// <summary>
    /// AES-GCM (RFC 4106) in the native component (mbedtls_gcm; ESP32: the AES accelerator), in
    /// place with a separate 8, 12 or 16-byte tag and the 12-byte nonce salt | explicit IV (RFC 4106
    /// §4). mbedTLS checks the tag in constant time and zeroes the buffer when it does not match, so
    /// a forged packet is never left as plaintext. Allocation-free.
    /// </summary>
    public sealed class NativeGcmAead : IAead
    {
        private const int NonceSize = 12;
        private readonly int _tagSize;
        private readonly int _slot;
        private int _handle;

        /// <summary>Keys AES-GCM with 16, 24 or 32 bytes.</summary>
        public NativeGcmAead(byte[] key, int keyOffset, int keyCount, int tagSize)
        {
            NativeRange.Check(key, keyOffset, keyCount);
            _tagSize = tagSize;
            _handle = NativeObject.Created(NativeMethods.GcmCreate(key, keyOffset, keyCount, tagSize));
            _slot = _handle;
        }

        /// <inheritdoc/>
        public int TagSize
        {
            get { return _tagSize; }
        }

        /// <summary>The native slot (for tests: it reads all zero after <see cref="Wipe"/>).</summary>
        public int Slot
        {
            get { return _slot; }
        }

        /// <inheritdoc/>
        [FastPath]
        public void Encrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount,
            byte[] buffer, int offset, int count, byte[] tag, int tagOffset)
        {
            NativeRange.Check(nonce, nonceOffset, NonceSize);
            NativeRange.Check(aad, aadOffset, aadCount);
            NativeRange.Check(buffer, offset, count);
            NativeRange.Check(tag, tagOffset, _tagSize);
            if (NativeMethods.GcmEncrypt(_handle, nonce, nonceOffset, aad, aadOffset, aadCount, buffer, offset, count, tag, tagOffset) != 0)
            {
                // Only a wiped key fails: never let the plaintext leave as if sealed.
                Array.Clear(buffer, offset, count);
                Array.Clear(tag, tagOffset, _tagSize);
            }
        }

        /// <inheritdoc/>
        [FastPath]
        public bool Decrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount,
            byte[] buffer, int offset, int count, byte[] tag, int tagOffset)
        {
            NativeRange.Check(nonce, nonceOffset, NonceSize);
            NativeRange.Check(aad, aadOffset, aadCount);
            NativeRange.Check(buffer, offset, count);
            NativeRange.Check(tag, tagOffset, _tagSize);
            return NativeMethods.GcmDecrypt(_handle, nonce, nonceOffset, aad, aadOffset, aadCount, buffer, offset, count, tag, tagOffset) == 0;
        }

        /// <inheritdoc/>
        public void Wipe()
        {
            NativeMethods.Release(_handle);
            _handle = NativeObject.Released;
        }
    }
}
