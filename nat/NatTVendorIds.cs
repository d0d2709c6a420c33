using NanoGate.Hal;

namespace NanoGate.Nat
{
    /// <summary>
    /// NAT-T vendor IDs: MD5 of the specification's name (RFC 3947 §3.1). We send RFC 3947 and
    /// draft-02\n (as strongSwan) and accept RFC 3947, draft-03, draft-02 and draft-02\n, preferring
    /// the RFC when the peer sends several.
    /// </summary>
    public static class NatTVendorIds
    {
        /// <summary>MD5("RFC 3947").</summary>
        public static readonly byte[] Rfc3947 = Hex.Parse("4a131c81070358455c5728f20e95452f");

        /// <summary>MD5("draft-ietf-ipsec-nat-t-ike-03").</summary>
        public static readonly byte[] Draft03 = Hex.Parse("7d9419a65310ca6f2c179d9215529d56");

        /// <summary>MD5("draft-ietf-ipsec-nat-t-ike-02").</summary>
        public static readonly byte[] Draft02 = Hex.Parse("cd60464335df21f87cfdb2fc68b6a448");

        /// <summary>MD5("draft-ietf-ipsec-nat-t-ike-02\n").</summary>
        public static readonly byte[] Draft02N = Hex.Parse("90cb80913ebb696e086381b5ec427b1f");

        /// <summary>The version a vendor ID announces, or None.</summary>
        public static NatTVersion Identify(byte[] b, int offset, int count)
        {
            if (count != 16)
            {
                return NatTVersion.None;
            }

            if (Equal(Rfc3947, b, offset))
            {
                return NatTVersion.Rfc3947;
            }

            if (Equal(Draft03, b, offset))
            {
                return NatTVersion.Draft03;
            }

            if (Equal(Draft02, b, offset) || Equal(Draft02N, b, offset))
            {
                return NatTVersion.Draft02;
            }

            return NatTVersion.None;
        }

        /// <summary>The better of two announced versions (RFC over drafts, draft-03 over 02).</summary>
        public static NatTVersion Better(NatTVersion a, NatTVersion b)
        {
            return (int)a >= (int)b ? a : b;
        }

        /// <summary>NAT-D payload type for a version: 20 for the RFC, 130 for the drafts (RFC 3947 §3.2).</summary>
        public static int NatDPayloadType(NatTVersion version)
        {
            return version == NatTVersion.Rfc3947 ? 20 : 130;
        }

        private static bool Equal(byte[] id, byte[] b, int offset)
        {
            for (int i = 0; i < id.Length; i++)
            {
                if (id[i] != b[offset + i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
