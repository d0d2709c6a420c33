using System;

namespace NanoGate.Hal.Crypto.Native
{
    /// <summary>
    /// The board's crypto in the native component (c/nanogate_crypto.c over mbedTLS): the same C on
    /// the device (ESP-IDF's mbedTLS on the ESP32's AES, SHA and big-number accelerators, reached
    /// through nanoFramework InternalCalls) and on the host (libnanogate_crypto.so over Debian's
    /// mbedTLS, through P/Invoke), so the host tests exercise the very code the device runs.
    /// Keys and states live in native slots, wiped on <c>Wipe()</c>; creating an object takes a
    /// slot, using it allocates nothing on either side.
    /// </summary>
    public sealed class NativeCryptoProvider : ICryptoProvider
    {
        /// <inheritdoc/>
        public string Name
        {
            get { return "native"; }
        }

        /// <inheritdoc/>
        public bool SupportsCipher(CipherAlgorithm algorithm, int keySize)
        {
            return CipherKeySize.IsDefined(algorithm, keySize);
        }

        /// <inheritdoc/>
        public bool SupportsHash(HashAlgorithm algorithm)
        {
            return NativeMethods.HashSize((int)algorithm) > 0;
        }

        /// <inheritdoc/>
        public bool SupportsGroup(DhGroup group)
        {
            return NativeDiffieHellman.Supports(group);
        }

        /// <inheritdoc/>
        public IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount)
        {
            if (algorithm == CipherAlgorithm.AesGcm || !SupportsCipher(algorithm, keyCount))
            {
                throw new ArgumentException("unsupported CBC cipher or key length");
            }

            CheckKey(key, keyOffset, keyCount);
            return new NativeCbcCipher(algorithm, key, keyOffset, keyCount);
        }

        /// <summary>Both directions: the key schedules live in the C component's slot, whose size is fixed.</summary>
        public IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount, bool encrypt)
        {
            return CreateCbc(algorithm, key, keyOffset, keyCount);
        }

        /// <inheritdoc/>
        public IAead CreateGcm(byte[] key, int keyOffset, int keyCount, int tagSize)
        {
            if (!SupportsCipher(CipherAlgorithm.AesGcm, keyCount))
            {
                throw new ArgumentException("AES-GCM key must be 16, 24 or 32 bytes");
            }

            if (tagSize != 16 && tagSize != 12 && tagSize != 8)
            {
                throw new ArgumentException("AES-GCM tag must be 8, 12 or 16 bytes (RFC 4106 §3)");
            }

            CheckKey(key, keyOffset, keyCount);
            return new NativeGcmAead(key, keyOffset, keyCount, tagSize);
        }

        /// <inheritdoc/>
        public IHash CreateHash(HashAlgorithm algorithm)
        {
            return new NativeHash(algorithm, false, null, 0, 0);
        }

        /// <inheritdoc/>
        public IHash CreateHmac(HashAlgorithm algorithm, byte[] key, int keyOffset, int keyCount)
        {
            if (keyCount < 0 || (keyCount > 0 && (key == null || keyOffset < 0 || keyOffset + keyCount > key.Length)))
            {
                throw new ArgumentException("key range");
            }

            // An empty HMAC key may come without an array.
            return keyCount == 0 ? new NativeHash(algorithm, true, new byte[1], 0, 0) : new NativeHash(algorithm, true, key, keyOffset, keyCount);
        }

        /// <inheritdoc/>
        public IDiffieHellman CreateDiffieHellman(DhGroup group, IRandomSource random)
        {
            return NativeDiffieHellman.Create(group, random);
        }

        private static void CheckKey(byte[] key, int keyOffset, int keyCount)
        {
            if (key == null || keyOffset < 0 || keyCount < 0 || keyOffset + keyCount > key.Length)
            {
                throw new ArgumentException("key range");
            }
        }
    }
}
