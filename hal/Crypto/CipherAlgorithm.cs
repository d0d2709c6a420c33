namespace NanoGate.Hal.Crypto
{
    /// <summary>Ciphers IKEv1 and ESP use (RFC 2409 App. A, RFC 2407 §4.4.4, RFC 4106).</summary>
    public enum CipherAlgorithm
    {
        /// <summary>AES in CBC mode, 128/192/256-bit keys (RFC 3602).</summary>
        AesCbc = 1,

        /// <summary>3DES-EDE in CBC mode, 192-bit key. Legacy: weak, offered only when configured.</summary>
        TripleDesCbc = 2,

        /// <summary>AES-GCM, 128/256-bit keys, as ESP uses it (RFC 4106).</summary>
        AesGcm = 3,
    }
}
