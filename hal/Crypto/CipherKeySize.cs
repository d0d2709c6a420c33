namespace NanoGate.Hal.Crypto
{
    /// <summary>
    /// The key sizes each cipher is defined for: AES 128, 192 and 256 bits (RFC 3602 §2.3, RFC 4106
    /// §8.1), 3DES-EDE three 64-bit keys (RFC 2451 §2.2). Every provider supports exactly these.
    /// </summary>
    public static class CipherKeySize
    {
        /// <summary>True when <paramref name="keySize"/> bytes is a key size of <paramref name="algorithm"/>.</summary>
        public static bool IsDefined(CipherAlgorithm algorithm, int keySize)
        {
            switch (algorithm)
            {
                case CipherAlgorithm.AesCbc:
                case CipherAlgorithm.AesGcm:
                    return keySize == 16 || keySize == 24 || keySize == 32;
                case CipherAlgorithm.TripleDesCbc:
                    return keySize == 24;
                default:
                    return false;
            }
        }
    }
}
