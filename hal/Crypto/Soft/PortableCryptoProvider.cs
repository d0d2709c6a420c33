using System;
using NanoGate.Hal.Crypto.Dh;

namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>
    /// Software crypto in the nanoFramework 1.x subset: runs wherever C# runs, the reference the
    /// other providers are checked against, and the fallback of a device image without the native
    /// component (about 100x slower there: docs/PERFORMANCE.md, device cost model). Creating an
    /// object allocates its tables and buffers; using it allocates nothing.
    /// Diffie-Hellman: MODP groups 2/5/14/15/16 and ECP groups 19/20/21 (hal/Crypto/Dh).
    /// </summary>
    public sealed class PortableCryptoProvider : ICryptoProvider
    {
        /// <inheritdoc/>
        public string Name
        {
            get { return "portable"; }
        }

        /// <inheritdoc/>
        public bool SupportsCipher(CipherAlgorithm algorithm, int keySize)
        {
            return CipherKeySize.IsDefined(algorithm, keySize);
        }

        /// <inheritdoc/>
        public bool SupportsHash(HashAlgorithm algorithm)
        {
            switch (algorithm)
            {
                case HashAlgorithm.Md5:
                case HashAlgorithm.Sha1:
                case HashAlgorithm.Sha256:
                case HashAlgorithm.Sha384:
                case HashAlgorithm.Sha512:
                    return true;
                default:
                    return false;
            }
        }

        /// <inheritdoc/>
        public bool SupportsGroup(DhGroup group)
        {
            return ModpDiffieHellman.Supports(group) || EcpDiffieHellman.Supports(group);
        }

        /// <inheritdoc/>
        public IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount)
        {
            CheckKey(key, keyOffset, keyCount);
            if (algorithm == CipherAlgorithm.AesCbc && SupportsCipher(algorithm, keyCount))
            {
                return CbcCipher.Aes(key, keyOffset, keyCount);
            }

            if (algorithm == CipherAlgorithm.TripleDesCbc && keyCount == 24)
            {
                return CbcCipher.TripleDes(key, keyOffset);
            }

            throw new ArgumentException("unsupported CBC cipher or key length");
        }

        /// <summary>AES-CBC with one key schedule (encryption or decryption); 3DES keeps both (its schedules are the same subkeys).</summary>
        public IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount, bool encrypt)
        {
            CheckKey(key, keyOffset, keyCount);
            if (algorithm == CipherAlgorithm.AesCbc && SupportsCipher(algorithm, keyCount))
            {
                return CbcCipher.Aes(key, keyOffset, keyCount, encrypt);
            }

            return CreateCbc(algorithm, key, keyOffset, keyCount);
        }

        /// <inheritdoc/>
        public IAead CreateGcm(byte[] key, int keyOffset, int keyCount, int tagSize)
        {
            CheckKey(key, keyOffset, keyCount);
            if (!SupportsCipher(CipherAlgorithm.AesGcm, keyCount))
            {
                throw new ArgumentException("AES-GCM key must be 16, 24 or 32 bytes");
            }

            if (tagSize != 16 && tagSize != 12 && tagSize != 8)
            {
                throw new ArgumentException("AES-GCM tag must be 8, 12 or 16 bytes (RFC 4106 §3)");
            }

            return new AesGcmAead(key, keyOffset, keyCount, tagSize);
        }

        /// <inheritdoc/>
        public IHash CreateHash(HashAlgorithm algorithm)
        {
            return NewHash(algorithm);
        }

        /// <inheritdoc/>
        public IHash CreateHmac(HashAlgorithm algorithm, byte[] key, int keyOffset, int keyCount)
        {
            if (keyCount < 0 || (keyCount > 0 && (key == null || keyOffset < 0 || keyOffset + keyCount > key.Length)))
            {
                throw new ArgumentException("key range");
            }

            return new HmacHash(NewHash(algorithm), key, keyOffset, keyCount);
        }

        /// <inheritdoc/>
        public IDiffieHellman CreateDiffieHellman(DhGroup group, IRandomSource random)
        {
            if (ModpDiffieHellman.Supports(group))
            {
                return new ModpDiffieHellman(group, random);
            }

            if (EcpDiffieHellman.Supports(group))
            {
                return new EcpDiffieHellman(group, random);
            }

            throw new NotSupportedException("Diffie-Hellman group not supported");
        }

        private static BlockHash NewHash(HashAlgorithm algorithm)
        {
            switch (algorithm)
            {
                case HashAlgorithm.Md5:
                    return new Md5Hash();
                case HashAlgorithm.Sha1:
                    return new Sha1Hash();
                case HashAlgorithm.Sha256:
                    return new Sha256Hash();
                case HashAlgorithm.Sha384:
                    return new Sha512Hash(true);
                case HashAlgorithm.Sha512:
                    return new Sha512Hash(false);
                default:
                    throw new ArgumentException("unsupported hash");
            }
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
