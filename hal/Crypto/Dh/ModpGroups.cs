using System;

namespace NanoGate.Hal.Crypto.Dh
{
    /// <summary>
    /// The MODP groups IKEv1 negotiates: primes copied from RFC 2409 §6.2 (group 2) and RFC 3526
    /// §2-§5 (groups 5, 14, 15, 16), generator 2 for all of them. Each prime is
    /// 2^n - 2^(n-64) - 1 + 2^64 * ([2^(n-130) pi] + offset), a safe prime (tests check both).
    /// </summary>
    public static class ModpGroups
    {
        /// <summary>The generator of every group here (RFC 2409 §6, RFC 3526).</summary>
        public const uint Generator = 2;

        /// <summary>RFC 2409 §6.2, Second Oakley Group, 1024 bits (offset 129093).</summary>
        public const string Prime1024 =
            "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1" +
            "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD" +
            "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245" +
            "E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED" +
            "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE65381" +
            "FFFFFFFF FFFFFFFF";

        /// <summary>RFC 3526 §2, 1536-bit MODP group (offset 741804).</summary>
        public const string Prime1536 =
            "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1" +
            "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD" +
            "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245" +
            "E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED" +
            "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D" +
            "C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F" +
            "83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D" +
            "670C354E 4ABC9804 F1746C08 CA237327 FFFFFFFF FFFFFFFF";

        /// <summary>RFC 3526 §3, 2048-bit MODP group (offset 124476).</summary>
        public const string Prime2048 =
            "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1" +
            "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD" +
            "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245" +
            "E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED" +
            "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D" +
            "C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F" +
            "83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D" +
            "670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B" +
            "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9" +
            "DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510" +
            "15728E5A 8AACAA68 FFFFFFFF FFFFFFFF";

        /// <summary>RFC 3526 §4, 3072-bit MODP group (offset 1690314).</summary>
        public const string Prime3072 =
            "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1" +
            "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD" +
            "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245" +
            "E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED" +
            "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D" +
            "C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F" +
            "83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D" +
            "670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B" +
            "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9" +
            "DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510" +
            "15728E5A 8AAAC42D AD33170D 04507A33 A85521AB DF1CBA64" +
            "ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7" +
            "ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B" +
            "F12FFA06 D98A0864 D8760273 3EC86A64 521F2B18 177B200C" +
            "BBE11757 7A615D6C 770988C0 BAD946E2 08E24FA0 74E5AB31" +
            "43DB5BFC E0FD108E 4B82D120 A93AD2CA FFFFFFFF FFFFFFFF";

        /// <summary>RFC 3526 §5, 4096-bit MODP group (offset 240904).</summary>
        public const string Prime4096 =
            "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1" +
            "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD" +
            "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245" +
            "E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED" +
            "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D" +
            "C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F" +
            "83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D" +
            "670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B" +
            "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9" +
            "DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510" +
            "15728E5A 8AAAC42D AD33170D 04507A33 A85521AB DF1CBA64" +
            "ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7" +
            "ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B" +
            "F12FFA06 D98A0864 D8760273 3EC86A64 521F2B18 177B200C" +
            "BBE11757 7A615D6C 770988C0 BAD946E2 08E24FA0 74E5AB31" +
            "43DB5BFC E0FD108E 4B82D120 A9210801 1A723C12 A787E6D7" +
            "88719A10 BDBA5B26 99C32718 6AF4E23C 1A946834 B6150BDA" +
            "2583E9CA 2AD44CE8 DBBBC2DB 04DE8EF9 2E8EFC14 1FBECAA6" +
            "287C5947 4E6BC05D 99B2964F A090C3A2 233BA186 515BE7ED" +
            "1F612970 CEE2D7AF B81BDD76 2170481C D0069127 D5B05AA9" +
            "93B4EA98 8D8FDDC1 86FFB7DC 90A6C08F 4DF435C9 34063199" +
            "FFFFFFFF FFFFFFFF";

        /// <summary>True for the MODP groups above (2, 5, 14, 15, 16).</summary>
        public static bool Supports(DhGroup group)
        {
            return PrimeLength(group) != 0;
        }

        /// <summary>The prime as printed in its RFC (hex in 8-digit groups), or "" for other groups.</summary>
        public static string PrimeHex(DhGroup group)
        {
            switch (group)
            {
                case DhGroup.Modp1024:
                    return Prime1024;
                case DhGroup.Modp1536:
                    return Prime1536;
                case DhGroup.Modp2048:
                    return Prime2048;
                case DhGroup.Modp3072:
                    return Prime3072;
                case DhGroup.Modp4096:
                    return Prime4096;
                default:
                    return string.Empty;
            }
        }

        /// <summary>Bytes of the prime, hence of public values and shared secrets (RFC 2409 §5: left-padded).</summary>
        public static int PrimeLength(DhGroup group)
        {
            switch (group)
            {
                case DhGroup.Modp1024:
                    return 128;
                case DhGroup.Modp1536:
                    return 192;
                case DhGroup.Modp2048:
                    return 256;
                case DhGroup.Modp3072:
                    return 384;
                case DhGroup.Modp4096:
                    return 512;
                default:
                    return 0;
            }
        }

        /// <summary>
        /// Bytes of random private exponent drawn per key pair. RFC 3526 §1 asks for twice the group's
        /// strength in exponent bits; these are the larger "Strength Estimate 2" exponent sizes of its
        /// §8 table (240/320/420/480 bits for groups 5/14/15/16), rounded up to whole 32-bit words and
        /// never below 256 bits. Short exponents are safe here because the primes are safe primes
        /// (p = 2q + 1, RFC 3526 / RFC 2412 App. E), and they make key generation on a microcontroller
        /// several times faster than a full-length exponent.
        /// </summary>
        public static int ExponentLength(DhGroup group)
        {
            switch (group)
            {
                case DhGroup.Modp1024:
                    return 32;
                case DhGroup.Modp1536:
                    return 32;
                case DhGroup.Modp2048:
                    return 40;
                case DhGroup.Modp3072:
                    return 56;
                case DhGroup.Modp4096:
                    return 64;
                default:
                    return 0;
            }
        }

        /// <summary>The prime as little-endian 32-bit limbs (a new array).</summary>
        public static uint[] CreatePrime(DhGroup group)
        {
            if (!Supports(group))
            {
                throw new ArgumentException("not a MODP group", "group");
            }

            return MontgomeryField.FromHex(PrimeHex(group), PrimeLength(group) / 4);
        }
    }
}
