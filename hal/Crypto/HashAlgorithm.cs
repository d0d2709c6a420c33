namespace NanoGate.Hal.Crypto
{
    /// <summary>Hash functions for IKEv1 prf/HASH and ESP HMAC (RFC 2404, RFC 4868).</summary>
    public enum HashAlgorithm
    {
        /// <summary>MD5 (RFC 1321). Legacy: weak.</summary>
        Md5 = 1,

        /// <summary>SHA-1 (FIPS 180-4).</summary>
        Sha1 = 2,

        /// <summary>SHA2-256.</summary>
        Sha256 = 4,

        /// <summary>SHA2-384.</summary>
        Sha384 = 5,

        /// <summary>SHA2-512.</summary>
        Sha512 = 6,
    }
}
