using System;

namespace NanoGate.Hal.Crypto.Dh
{
    /// <summary>
    /// Domain parameters of the ECP groups 19, 20, 21 (RFC 5903 §3.1-§3.3 = NIST P-256, P-384,
    /// P-521 of FIPS 186-4 App. D.1.2.3-D.1.2.5): y^2 = x^3 - 3x + b over GF(p), base point G of
    /// prime order n, cofactor 1. The tests hold these against OpenSSL's named-curve parameters.
    /// </summary>
    public sealed class EcpCurve
    {
        private EcpCurve(DhGroup group, int fieldSize, string p, string b, string n, string gx, string gy)
        {
            Group = group;
            FieldSize = fieldSize;
            LimbCount = (fieldSize + 3) / 4;
            P = MontgomeryField.FromHex(p, LimbCount);
            B = MontgomeryField.FromHex(b, LimbCount);
            N = MontgomeryField.FromHex(n, LimbCount);
            Gx = MontgomeryField.FromHex(gx, LimbCount);
            Gy = MontgomeryField.FromHex(gy, LimbCount);
        }

        /// <summary>The group.</summary>
        public DhGroup Group { get; private set; }

        /// <summary>Bytes of one coordinate (and of the shared secret): 32, 48, 66.</summary>
        public int FieldSize { get; private set; }

        /// <summary>32-bit limbs per field element.</summary>
        public int LimbCount { get; private set; }

        /// <summary>The field prime p (limbs; treat as read-only).</summary>
        public uint[] P { get; private set; }

        /// <summary>The curve coefficient b (a = -3).</summary>
        public uint[] B { get; private set; }

        /// <summary>The order n of G.</summary>
        public uint[] N { get; private set; }

        /// <summary>x of the base point G.</summary>
        public uint[] Gx { get; private set; }

        /// <summary>y of the base point G.</summary>
        public uint[] Gy { get; private set; }

        /// <summary>True for groups 19, 20 and 21.</summary>
        public static bool Supports(DhGroup group)
        {
            return group == DhGroup.Ecp256 || group == DhGroup.Ecp384 || group == DhGroup.Ecp521;
        }

        /// <summary>Parses the parameters of <paramref name="group"/> (a new object).</summary>
        public static EcpCurve Create(DhGroup group)
        {
            switch (group)
            {
                case DhGroup.Ecp256:
                    return new EcpCurve(
                        group,
                        32,
                        "FFFFFFFF 00000001 00000000 00000000 00000000 FFFFFFFF FFFFFFFF FFFFFFFF",
                        "5AC635D8 AA3A93E7 B3EBBD55 769886BC 651D06B0 CC53B0F6 3BCE3C3E 27D2604B",
                        "FFFFFFFF 00000000 FFFFFFFF FFFFFFFF BCE6FAAD A7179E84 F3B9CAC2 FC632551",
                        "6B17D1F2 E12C4247 F8BCE6E5 63A440F2 77037D81 2DEB33A0 F4A13945 D898C296",
                        "4FE342E2 FE1A7F9B 8EE7EB4A 7C0F9E16 2BCE3357 6B315ECE CBB64068 37BF51F5");
                case DhGroup.Ecp384:
                    return new EcpCurve(
                        group,
                        48,
                        "FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE FFFFFFFF 00000000 00000000 FFFFFFFF",
                        "B3312FA7 E23EE7E4 988E056B E3F82D19 181D9C6E FE814112 0314088F 5013875A C656398D 8A2ED19D 2A85C8ED D3EC2AEF",
                        "FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF C7634D81 F4372DDF 581A0DB2 48B0A77A ECEC196A CCC52973",
                        "AA87CA22 BE8B0537 8EB1C71E F320AD74 6E1D3B62 8BA79B98 59F741E0 82542A38 5502F25D BF55296C 3A545E38 72760AB7",
                        "3617DE4A 96262C6F 5D9E98BF 9292DC29 F8F41DBD 289A147C E9DA3113 B5F0B8C0 0A60B1CE 1D7E819D 7A431D7C 90EA0E5F");
                case DhGroup.Ecp521:
                    return new EcpCurve(
                        group,
                        66,
                        "01FF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF",
                        "0051 953EB961 8E1C9A1F 929A21A0 B68540EE A2DA725B 99B315F3 B8B48991 8EF109E1 56193951 EC7E937B 1652C0BD 3BB1BF07 3573DF88 3D2C34F1 EF451FD4 6B503F00",
                        "01FF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFA 51868783 BF2F966B 7FCC0148 F709A5D0 3BB5C9B8 899C47AE BB6FB71E 91386409",
                        "00C6 858E06B7 0404E9CD 9E3ECB66 2395B442 9C648139 053FB521 F828AF60 6B4D3DBA A14B5E77 EFE75928 FE1DC127 A2FFA8DE 3348B3C1 856A429B F97E7E31 C2E5BD66",
                        "0118 39296A78 9A3BC004 5C8A5FB4 2C7D1BD9 98F54449 579B4468 17AFBD17 273E662C 97EE7299 5EF42640 C550B901 3FAD0761 353C7086 A272C240 88BE9476 9FD16650");
                default:
                    throw new ArgumentException("not an ECP group", "group");
            }
        }
    }
}
