namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Next Payload values: RFC 2408 §3.1 (0-13), RFC 3947 §3.2/§5.2 (NAT-D 20, NAT-OA 21),
    /// draft-ietf-ipsec-nat-t-ike-02/03 (NAT-D 130, NAT-OA 131), and the IKE fragment payload 132
    /// (Cisco/strongSwan IKEv1 fragmentation).
    /// </summary>
    public static class PayloadType
    {
        public const int None = 0;
        public const int SecurityAssociation = 1;
        public const int Proposal = 2;
        public const int Transform = 3;
        public const int KeyExchange = 4;
        public const int Identification = 5;
        public const int Certificate = 6;
        public const int CertificateRequest = 7;
        public const int Hash = 8;
        public const int Signature = 9;
        public const int Nonce = 10;
        public const int Notification = 11;
        public const int Delete = 12;
        public const int VendorId = 13;
        public const int NatD = 20;
        public const int NatOa = 21;
        public const int NatDDraft = 130;
        public const int NatOaDraft = 131;
        public const int Fragment = 132;

        /// <summary>
        /// True for the types that may appear in a message's payload chain. Proposal and Transform
        /// only live inside an SA payload (RFC 2408 §3.4).
        /// </summary>
        public static bool IsTopLevel(int type)
        {
            switch (type)
            {
                case SecurityAssociation:
                case KeyExchange:
                case Identification:
                case Certificate:
                case CertificateRequest:
                case Hash:
                case Signature:
                case Nonce:
                case Notification:
                case Delete:
                case VendorId:
                case NatD:
                case NatOa:
                case NatDDraft:
                case NatOaDraft:
                case Fragment:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Short name as in logs and tshark ("SA", "NAT-D", ...); the number for unknown types.</summary>
        public static string Name(int type)
        {
            switch (type)
            {
                case None: return "NONE";
                case SecurityAssociation: return "SA";
                case Proposal: return "PROPOSAL";
                case Transform: return "TRANSFORM";
                case KeyExchange: return "KE";
                case Identification: return "ID";
                case Certificate: return "CERT";
                case CertificateRequest: return "CERTREQ";
                case Hash: return "HASH";
                case Signature: return "SIG";
                case Nonce: return "NONCE";
                case Notification: return "N";
                case Delete: return "D";
                case VendorId: return "VID";
                case NatD: return "NAT-D";
                case NatOa: return "NAT-OA";
                case NatDDraft: return "NAT-D(draft)";
                case NatOaDraft: return "NAT-OA(draft)";
                case Fragment: return "FRAG";
                default: return "payload " + type.ToString();
            }
        }
    }
}
