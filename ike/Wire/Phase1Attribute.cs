namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Phase 1 (ISAKMP SA) attribute classes and values, RFC 2409 Appendix A, with the SHA-2
    /// values of RFC 4868 §3 / IANA and the ECP groups of RFC 5903. "B" classes are basic (TV),
    /// "V" classes variable (TLV when the value does not fit 16 bits).
    /// </summary>
    public static class Phase1Attribute
    {
        // Attribute classes
        public const int EncryptionAlgorithm = 1;   // B
        public const int HashAlgorithm = 2;         // B
        public const int AuthenticationMethod = 3;  // B
        public const int GroupDescription = 4;      // B
        public const int GroupType = 5;             // B
        public const int GroupPrime = 6;            // V
        public const int GroupGeneratorOne = 7;     // V
        public const int GroupGeneratorTwo = 8;     // V
        public const int GroupCurveA = 9;           // V
        public const int GroupCurveB = 10;          // V
        public const int LifeType = 11;             // B
        public const int LifeDuration = 12;         // V
        public const int Prf = 13;                  // B
        public const int KeyLength = 14;            // B
        public const int FieldSize = 15;            // B
        public const int GroupOrder = 16;           // V

        // Encryption algorithm values
        public const int EncrDesCbc = 1;
        public const int EncrIdeaCbc = 2;
        public const int EncrBlowfishCbc = 3;
        public const int EncrRc5R16B64Cbc = 4;
        public const int Encr3DesCbc = 5;
        public const int EncrCastCbc = 6;
        public const int EncrAesCbc = 7;

        // Hash algorithm values
        public const int HashMd5 = 1;
        public const int HashSha1 = 2;
        public const int HashTiger = 3;
        public const int HashSha2256 = 4;
        public const int HashSha2384 = 5;
        public const int HashSha2512 = 6;

        // Authentication method values
        public const int AuthPreSharedKey = 1;
        public const int AuthDssSignatures = 2;
        public const int AuthRsaSignatures = 3;
        public const int AuthRsaEncryption = 4;
        public const int AuthRsaRevisedEncryption = 5;
        public const int AuthXauthInitPreShared = 65001;

        // Group description values (RFC 2409 §6, RFC 3526, RFC 5903)
        public const int GroupModp768 = 1;
        public const int GroupModp1024 = 2;
        public const int GroupModp1536 = 5;
        public const int GroupModp2048 = 14;
        public const int GroupModp3072 = 15;
        public const int GroupModp4096 = 16;
        public const int GroupEcp256 = 19;
        public const int GroupEcp384 = 20;
        public const int GroupEcp521 = 21;

        // Life type values
        public const int LifeSeconds = 1;
        public const int LifeKilobytes = 2;

        /// <summary>Name of an attribute class for logs.</summary>
        public static string Name(int type)
        {
            switch (type)
            {
                case EncryptionAlgorithm: return "Encryption-Algorithm";
                case HashAlgorithm: return "Hash-Algorithm";
                case AuthenticationMethod: return "Authentication-Method";
                case GroupDescription: return "Group-Description";
                case GroupType: return "Group-Type";
                case GroupPrime: return "Group-Prime";
                case GroupGeneratorOne: return "Group-Generator-One";
                case GroupGeneratorTwo: return "Group-Generator-Two";
                case GroupCurveA: return "Group-Curve-A";
                case GroupCurveB: return "Group-Curve-B";
                case LifeType: return "Life-Type";
                case LifeDuration: return "Life-Duration";
                case Prf: return "PRF";
                case KeyLength: return "Key-Length";
                case FieldSize: return "Field-Size";
                case GroupOrder: return "Group-Order";
                default: return "attribute " + type.ToString();
            }
        }

        /// <summary>Name of an attribute value for logs ("AES-CBC", "SHA2-256", ...), or the number.</summary>
        public static string ValueName(int type, int value)
        {
            switch (type)
            {
                case EncryptionAlgorithm:
                    switch (value)
                    {
                        case EncrDesCbc: return "DES-CBC";
                        case EncrIdeaCbc: return "IDEA-CBC";
                        case EncrBlowfishCbc: return "Blowfish-CBC";
                        case EncrRc5R16B64Cbc: return "RC5-R16-B64-CBC";
                        case Encr3DesCbc: return "3DES-CBC";
                        case EncrCastCbc: return "CAST-CBC";
                        case EncrAesCbc: return "AES-CBC";
                    }

                    break;
                case HashAlgorithm:
                    switch (value)
                    {
                        case HashMd5: return "MD5";
                        case HashSha1: return "SHA";
                        case HashTiger: return "Tiger";
                        case HashSha2256: return "SHA2-256";
                        case HashSha2384: return "SHA2-384";
                        case HashSha2512: return "SHA2-512";
                    }

                    break;
                case AuthenticationMethod:
                    switch (value)
                    {
                        case AuthPreSharedKey: return "pre-shared key";
                        case AuthDssSignatures: return "DSS signatures";
                        case AuthRsaSignatures: return "RSA signatures";
                        case AuthRsaEncryption: return "RSA encryption";
                        case AuthRsaRevisedEncryption: return "revised RSA encryption";
                        case AuthXauthInitPreShared: return "XAUTH init pre-shared key";
                    }

                    break;
                case GroupDescription:
                    switch (value)
                    {
                        case GroupModp768: return "MODP 768";
                        case GroupModp1024: return "MODP 1024";
                        case GroupModp1536: return "MODP 1536";
                        case GroupModp2048: return "MODP 2048";
                        case GroupModp3072: return "MODP 3072";
                        case GroupModp4096: return "MODP 4096";
                        case GroupEcp256: return "ECP 256";
                        case GroupEcp384: return "ECP 384";
                        case GroupEcp521: return "ECP 521";
                    }

                    break;
                case LifeType:
                    switch (value)
                    {
                        case LifeSeconds: return "seconds";
                        case LifeKilobytes: return "kilobytes";
                    }

                    break;
            }

            return value.ToString();
        }
    }
}
