using NanoGate.Hal.Crypto;

namespace NanoGate.Firmware.Capture
{
    /// <summary>
    /// Algorithm names exactly as Wireshark's ESP SA table (UAT "esp_sa") spells them: the value
    /// strings esp_encryption_type_vals and esp_authentication_type_vals of
    /// epan/dissectors/packet-ipsec.c (Wireshark 3.x/4.x; checked against the strings of the
    /// installed libwireshark 4.0 by tests/tools/capture-check.sh). The UAT matches these
    /// texts literally, so a changed letter means "no decryption".
    /// </summary>
    public static class WiresharkNames
    {
        /// <summary>"AES-CBC [RFC3602]" (any AES key size, taken from the key length).</summary>
        public const string AesCbc = "AES-CBC [RFC3602]";

        /// <summary>"TripleDES-CBC [RFC2451]".</summary>
        public const string TripleDesCbc = "TripleDES-CBC [RFC2451]";

        /// <summary>"AES-GCM with 16 octet ICV [RFC4106]": the key field carries key | 4-byte salt.</summary>
        public const string AesGcm16 = "AES-GCM with 16 octet ICV [RFC4106]";

        /// <summary>"NULL" authentication (AEAD ciphers).</summary>
        public const string NullAuthentication = "NULL";

        /// <summary>"HMAC-SHA-1-96 [RFC2404]".</summary>
        public const string HmacSha1 = "HMAC-SHA-1-96 [RFC2404]";

        /// <summary>"HMAC-MD5-96 [RFC2403]".</summary>
        public const string HmacMd5 = "HMAC-MD5-96 [RFC2403]";

        /// <summary>"HMAC-SHA-256-128 [RFC4868]".</summary>
        public const string HmacSha256 = "HMAC-SHA-256-128 [RFC4868]";

        /// <summary>"HMAC-SHA-256-96 [draft-ietf-ipsec-ciph-sha-256-00]" (old Linux truncation).</summary>
        public const string HmacSha256Truncated96 = "HMAC-SHA-256-96 [draft-ietf-ipsec-ciph-sha-256-00]";

        /// <summary>"HMAC-SHA-384-192 [RFC4868]".</summary>
        public const string HmacSha384 = "HMAC-SHA-384-192 [RFC4868]";

        /// <summary>"HMAC-SHA-512-256 [RFC4868]".</summary>
        public const string HmacSha512 = "HMAC-SHA-512-256 [RFC4868]";

        /// <summary>The esp_sa encryption name of <paramref name="cipher"/>.</summary>
        public static string Encryption(CipherAlgorithm cipher)
        {
            switch (cipher)
            {
                case CipherAlgorithm.AesGcm: return AesGcm16;
                case CipherAlgorithm.TripleDesCbc: return TripleDesCbc;
                default: return AesCbc;
            }
        }

        /// <summary>The esp_sa authentication name (NULL for GCM).</summary>
        public static string Authentication(CipherAlgorithm cipher, HashAlgorithm hash, bool sha256Truncated96)
        {
            if (cipher == CipherAlgorithm.AesGcm)
            {
                return NullAuthentication;
            }

            switch (hash)
            {
                case HashAlgorithm.Md5: return HmacMd5;
                case HashAlgorithm.Sha1: return HmacSha1;
                case HashAlgorithm.Sha256: return sha256Truncated96 ? HmacSha256Truncated96 : HmacSha256;
                case HashAlgorithm.Sha384: return HmacSha384;
                default: return HmacSha512;
            }
        }
    }
}
