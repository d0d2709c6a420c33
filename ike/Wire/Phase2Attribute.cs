namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Phase 2 (IPsec SA) attribute classes and values, RFC 2407 §4.5, with the UDP encapsulation
    /// modes of RFC 3947 §5.1 (3, 4) and of draft-ietf-ipsec-nat-t-ike-02/03 (61443, 61444), and
    /// the HMAC-SHA-2 values of RFC 4868 §2.
    /// </summary>
    public static class Phase2Attribute
    {
        // Attribute classes
        public const int SaLifeType = 1;                // B
        public const int SaLifeDuration = 2;            // V
        public const int GroupDescription = 3;          // B
        public const int EncapsulationMode = 4;         // B
        public const int AuthenticationAlgorithm = 5;   // B
        public const int KeyLength = 6;                 // B
        public const int KeyRounds = 7;                 // B
        public const int CompressDictionarySize = 8;    // B
        public const int CompressPrivateAlgorithm = 9;  // V
        public const int EcnTunnel = 10;                // B (RFC 3168)
        public const int ExtendedSequenceNumber = 11;   // B (RFC 4304)

        // SA life type values
        public const int LifeSeconds = 1;
        public const int LifeKilobytes = 2;

        // Encapsulation mode values
        public const int ModeTunnel = 1;
        public const int ModeTransport = 2;
        public const int ModeUdpTunnel = 3;
        public const int ModeUdpTransport = 4;
        public const int ModeUdpTunnelDraft = 61443;
        public const int ModeUdpTransportDraft = 61444;

        // Authentication algorithm values
        public const int AuthHmacMd5 = 1;
        public const int AuthHmacSha1 = 2;
        public const int AuthDesMac = 3;
        public const int AuthKpdk = 4;
        public const int AuthHmacSha2256 = 5;
        public const int AuthHmacSha2384 = 6;
        public const int AuthHmacSha2512 = 7;

        /// <summary>Name of an attribute class for logs.</summary>
        public static string Name(int type)
        {
            switch (type)
            {
                case SaLifeType: return "SA-Life-Type";
                case SaLifeDuration: return "SA-Life-Duration";
                case GroupDescription: return "Group-Description";
                case EncapsulationMode: return "Encapsulation-Mode";
                case AuthenticationAlgorithm: return "Authentication-Algorithm";
                case KeyLength: return "Key-Length";
                case KeyRounds: return "Key-Rounds";
                case CompressDictionarySize: return "Compress-Dictionary-Size";
                case CompressPrivateAlgorithm: return "Compress-Private-Algorithm";
                case EcnTunnel: return "ECN-Tunnel";
                case ExtendedSequenceNumber: return "Extended-Sequence-Number";
                default: return "attribute " + type.ToString();
            }
        }

        /// <summary>Name of an attribute value for logs, or the number.</summary>
        public static string ValueName(int type, int value)
        {
            switch (type)
            {
                case SaLifeType:
                    switch (value)
                    {
                        case LifeSeconds: return "seconds";
                        case LifeKilobytes: return "kilobytes";
                    }

                    break;
                case EncapsulationMode:
                    switch (value)
                    {
                        case ModeTunnel: return "tunnel";
                        case ModeTransport: return "transport";
                        case ModeUdpTunnel: return "UDP-encapsulated tunnel";
                        case ModeUdpTransport: return "UDP-encapsulated transport";
                        case ModeUdpTunnelDraft: return "UDP-encapsulated tunnel (draft)";
                        case ModeUdpTransportDraft: return "UDP-encapsulated transport (draft)";
                    }

                    break;
                case AuthenticationAlgorithm:
                    switch (value)
                    {
                        case AuthHmacMd5: return "HMAC-MD5";
                        case AuthHmacSha1: return "HMAC-SHA";
                        case AuthDesMac: return "DES-MAC";
                        case AuthKpdk: return "KPDK";
                        case AuthHmacSha2256: return "HMAC-SHA2-256";
                        case AuthHmacSha2384: return "HMAC-SHA2-384";
                        case AuthHmacSha2512: return "HMAC-SHA2-512";
                    }

                    break;
                case GroupDescription:
                    return Phase1Attribute.ValueName(Phase1Attribute.GroupDescription, value);
            }

            return value.ToString();
        }

        /// <summary>True for the UDP-encapsulated modes, RFC or draft numbering.</summary>
        public static bool IsUdpEncapsulated(int mode)
        {
            return mode == ModeUdpTunnel || mode == ModeUdpTransport || mode == ModeUdpTunnelDraft || mode == ModeUdpTransportDraft;
        }

        /// <summary>True for the tunnel modes (plain, RFC or draft UDP-encapsulated).</summary>
        public static bool IsTunnel(int mode)
        {
            return mode == ModeTunnel || mode == ModeUdpTunnel || mode == ModeUdpTunnelDraft;
        }
    }
}
