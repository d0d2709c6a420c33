using NanoGate.Hal.Crypto;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The keywords of algorithms, both ways: choice codes of the command table to the ike/Config
    /// enums, and back for the configuration text and the displays.
    /// </summary>
    public static class AlgorithmNames
    {
        /// <summary>Choice code: AES-128-CBC.</summary>
        public const int Aes128 = 1;

        /// <summary>Choice code: AES-192-CBC.</summary>
        public const int Aes192 = 2;

        /// <summary>Choice code: AES-256-CBC.</summary>
        public const int Aes256 = 3;

        /// <summary>Choice code: 3DES-CBC.</summary>
        public const int TripleDes = 4;

        /// <summary>Choice code: AES-GCM-128 (16-byte ICV).</summary>
        public const int AesGcm128 = 5;

        /// <summary>Choice code: AES-GCM-256 (16-byte ICV).</summary>
        public const int AesGcm256 = 6;

        /// <summary>Cipher of a choice code.</summary>
        public static CipherAlgorithm CipherOf(int code)
        {
            if (code == TripleDes)
            {
                return CipherAlgorithm.TripleDesCbc;
            }

            return code == AesGcm128 || code == AesGcm256 ? CipherAlgorithm.AesGcm : CipherAlgorithm.AesCbc;
        }

        /// <summary>Key size in bytes of a choice code.</summary>
        public static int KeySizeOf(int code)
        {
            switch (code)
            {
                case Aes128:
                case AesGcm128:
                    return 16;
                case Aes192:
                case TripleDes:
                    return 24;
                default:
                    return 32;
            }
        }

        /// <summary>"aes-256", "aes-gcm-128", "3des".</summary>
        public static string Cipher(CipherAlgorithm cipher, int keySize)
        {
            string bits = (keySize * 8).ToString();
            switch (cipher)
            {
                case CipherAlgorithm.TripleDesCbc:
                    return "3des";
                case CipherAlgorithm.AesGcm:
                    return "aes-gcm-" + bits;
                default:
                    return "aes-" + bits;
            }
        }

        /// <summary>"sha2-256".</summary>
        public static string Hash(HashAlgorithm hash)
        {
            switch (hash)
            {
                case HashAlgorithm.Md5:
                    return "md5";
                case HashAlgorithm.Sha1:
                    return "sha1";
                case HashAlgorithm.Sha384:
                    return "sha2-384";
                case HashAlgorithm.Sha512:
                    return "sha2-512";
                default:
                    return "sha2-256";
            }
        }

        /// <summary>"group14" (ike proposal), or "dh-group14" with <paramref name="pfs"/>.</summary>
        public static string Group(DhGroup group, bool pfs)
        {
            return (pfs ? "dh-group" : "group") + ((int)group).ToString();
        }

        /// <summary>ESP transform as Huawei prints it: "ESP-ENCRYPT-AES-128 ESP-AUTH-SHA2-256".</summary>
        public static string EspTransform(CipherAlgorithm cipher, int keySize, HashAlgorithm integrity)
        {
            string enc = "ESP-ENCRYPT-" + Cipher(cipher, keySize).ToUpper();
            if (cipher == CipherAlgorithm.AesGcm)
            {
                return enc;
            }

            return enc + " ESP-AUTH-" + Hash(integrity).ToUpper();
        }
    }
}
