namespace NanoGate.Ike.Wire
{
    /// <summary>Identification types of the IPsec DOI, RFC 2407 §4.6.2.1.</summary>
    public static class IdType
    {
        public const int Ipv4Addr = 1;
        public const int Fqdn = 2;
        public const int UserFqdn = 3;
        public const int Ipv4AddrSubnet = 4;
        public const int Ipv6Addr = 5;
        public const int Ipv6AddrSubnet = 6;
        public const int Ipv4AddrRange = 7;
        public const int Ipv6AddrRange = 8;
        public const int DerAsn1Dn = 9;
        public const int DerAsn1Gn = 10;
        public const int KeyId = 11;

        /// <summary>
        /// Required data length for the fixed-size types, 0 for variable ones (which need at least
        /// one byte), -1 for unknown types.
        /// </summary>
        public static int FixedDataLength(int type)
        {
            switch (type)
            {
                case Ipv4Addr: return 4;
                case Ipv4AddrSubnet: return 8;
                case Ipv4AddrRange: return 8;
                case Ipv6Addr: return 16;
                case Ipv6AddrSubnet: return 32;
                case Ipv6AddrRange: return 32;
                case Fqdn:
                case UserFqdn:
                case DerAsn1Dn:
                case DerAsn1Gn:
                case KeyId:
                    return 0;
                default:
                    return -1;
            }
        }

        /// <summary>RFC spelling for logs.</summary>
        public static string Name(int type)
        {
            switch (type)
            {
                case Ipv4Addr: return "IPV4_ADDR";
                case Fqdn: return "FQDN";
                case UserFqdn: return "USER_FQDN";
                case Ipv4AddrSubnet: return "IPV4_ADDR_SUBNET";
                case Ipv6Addr: return "IPV6_ADDR";
                case Ipv6AddrSubnet: return "IPV6_ADDR_SUBNET";
                case Ipv4AddrRange: return "IPV4_ADDR_RANGE";
                case Ipv6AddrRange: return "IPV6_ADDR_RANGE";
                case DerAsn1Dn: return "DER_ASN1_DN";
                case DerAsn1Gn: return "DER_ASN1_GN";
                case KeyId: return "KEY_ID";
                default: return "ID type " + type.ToString();
            }
        }
    }
}
