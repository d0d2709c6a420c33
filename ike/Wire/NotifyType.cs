namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Notify message types: RFC 2408 §3.14.1 (errors 1-30, status 16384), RFC 2407 §4.6.3
    /// (IPsec DOI status 24576-24578), RFC 3706 §5 (DPD 36136/36137).
    /// </summary>
    public static class NotifyType
    {
        public const int InvalidPayloadType = 1;
        public const int DoiNotSupported = 2;
        public const int SituationNotSupported = 3;
        public const int InvalidCookie = 4;
        public const int InvalidMajorVersion = 5;
        public const int InvalidMinorVersion = 6;
        public const int InvalidExchangeType = 7;
        public const int InvalidFlags = 8;
        public const int InvalidMessageId = 9;
        public const int InvalidProtocolId = 10;
        public const int InvalidSpi = 11;
        public const int InvalidTransformId = 12;
        public const int AttributesNotSupported = 13;
        public const int NoProposalChosen = 14;
        public const int BadProposalSyntax = 15;
        public const int PayloadMalformed = 16;
        public const int InvalidKeyInformation = 17;
        public const int InvalidIdInformation = 18;
        public const int InvalidCertEncoding = 19;
        public const int InvalidCertificate = 20;
        public const int CertTypeUnsupported = 21;
        public const int InvalidCertAuthority = 22;
        public const int InvalidHashInformation = 23;
        public const int AuthenticationFailed = 24;
        public const int InvalidSignature = 25;
        public const int AddressNotification = 26;
        public const int NotifySaLifetime = 27;
        public const int CertificateUnavailable = 28;
        public const int UnsupportedExchangeType = 29;
        public const int UnequalPayloadLengths = 30;
        public const int Connected = 16384;
        public const int ResponderLifetime = 24576;
        public const int ReplayStatus = 24577;
        public const int InitialContact = 24578;
        public const int DpdRUThere = 36136;
        public const int DpdRUThereAck = 36137;

        /// <summary>RFC spelling of the type, for logs; the number for others.</summary>
        public static string Name(int type)
        {
            switch (type)
            {
                case InvalidPayloadType: return "INVALID-PAYLOAD-TYPE";
                case DoiNotSupported: return "DOI-NOT-SUPPORTED";
                case SituationNotSupported: return "SITUATION-NOT-SUPPORTED";
                case InvalidCookie: return "INVALID-COOKIE";
                case InvalidMajorVersion: return "INVALID-MAJOR-VERSION";
                case InvalidMinorVersion: return "INVALID-MINOR-VERSION";
                case InvalidExchangeType: return "INVALID-EXCHANGE-TYPE";
                case InvalidFlags: return "INVALID-FLAGS";
                case InvalidMessageId: return "INVALID-MESSAGE-ID";
                case InvalidProtocolId: return "INVALID-PROTOCOL-ID";
                case InvalidSpi: return "INVALID-SPI";
                case InvalidTransformId: return "INVALID-TRANSFORM-ID";
                case AttributesNotSupported: return "ATTRIBUTES-NOT-SUPPORTED";
                case NoProposalChosen: return "NO-PROPOSAL-CHOSEN";
                case BadProposalSyntax: return "BAD-PROPOSAL-SYNTAX";
                case PayloadMalformed: return "PAYLOAD-MALFORMED";
                case InvalidKeyInformation: return "INVALID-KEY-INFORMATION";
                case InvalidIdInformation: return "INVALID-ID-INFORMATION";
                case InvalidCertEncoding: return "INVALID-CERT-ENCODING";
                case InvalidCertificate: return "INVALID-CERTIFICATE";
                case CertTypeUnsupported: return "CERT-TYPE-UNSUPPORTED";
                case InvalidCertAuthority: return "INVALID-CERT-AUTHORITY";
                case InvalidHashInformation: return "INVALID-HASH-INFORMATION";
                case AuthenticationFailed: return "AUTHENTICATION-FAILED";
                case InvalidSignature: return "INVALID-SIGNATURE";
                case AddressNotification: return "ADDRESS-NOTIFICATION";
                case NotifySaLifetime: return "NOTIFY-SA-LIFETIME";
                case CertificateUnavailable: return "CERTIFICATE-UNAVAILABLE";
                case UnsupportedExchangeType: return "UNSUPPORTED-EXCHANGE-TYPE";
                case UnequalPayloadLengths: return "UNEQUAL-PAYLOAD-LENGTHS";
                case Connected: return "CONNECTED";
                case ResponderLifetime: return "RESPONDER-LIFETIME";
                case ReplayStatus: return "REPLAY-STATUS";
                case InitialContact: return "INITIAL-CONTACT";
                case DpdRUThere: return "R-U-THERE";
                case DpdRUThereAck: return "R-U-THERE-ACK";
                default: return "notify " + type.ToString();
            }
        }
    }
}
