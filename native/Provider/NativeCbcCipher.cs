using System;

namespace NanoGate.Hal.Crypto.Native
{
    /// <summary>
    /// AES-CBC (RFC 3602) or 3DES-EDE-CBC (RFC 2451) in the native component: the key schedules live
    /// in a native slot (ESP32: the AES accelerator). In place, explicit IV, whole blocks only (a
    /// trailing partial block is left untouched, like the portable cipher). Allocation-free.
    /// </summary>
    public sealed class NativeCbcCipher : IBlockCipher
    {
        private readonly int _blockSize;
        private readonly int _keySize;
        private readonly int _slot;
        private int _handle;

        /// <summary>Keys the cipher (<see cref="CipherAlgorithm.AesCbc"/> 16/24/32 bytes, <see cref="CipherAlgorithm.TripleDesCbc"/> 24).</summary>
        public NativeCbcCipher(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount)
        {
            NativeRange.Check(key, keyOffset, keyCount);
            _blockSize = algorithm == CipherAlgorithm.TripleDesCbc ? 8 : 16;
            _keySize = keyCount;
            _handle = NativeObject.Created(NativeMethods.CbcCreate((int)algorithm, key, keyOffset, keyCount));
            _slot = _handle;
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

        /// <summary>The native slot (for tests: it reads all zero after <see cref="Wipe"/>).</summary>
        public int Slot
        {
            get { return _slot; }
        }

        /// <inheritdoc/>
        [FastPath]
        public void EncryptCbc(byte[] iv, int ivOffset, byte[] buffer, int offset, int count)
        {
            int n = count - (count % _blockSize);
            if (n <= 0)
            {
                return;
            }

            NativeRange.Check(iv, ivOffset, _blockSize);
            NativeRange.Check(buffer, offset, n);
            if (NativeMethods.CbcEncrypt(_handle, iv, ivOffset, buffer, offset, n) != 0)
            {
                // Only a wiped cipher fails: never let the plaintext leave as if encrypted.
                Array.Clear(buffer, offset, n);
            }
        }

        /// <inheritdoc/>
        [FastPath]
        public void DecryptCbc(byte[] iv, int ivOffset, byte[] buffer, int offset, int count)
        {
            int n = count - (count % _blockSize);
            if (n <= 0)
            {
                return;
            }

            NativeRange.Check(iv, ivOffset, _blockSize);
            NativeRange.Check(buffer, offset, n);
            if (NativeMethods.CbcDecrypt(_handle, iv, ivOffset, buffer, offset, n) != 0)
            {
                Array.Clear(buffer, offset, n);
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
