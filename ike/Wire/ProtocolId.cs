namespace NanoGate.Ike.Wire
{
    /// <summary>Protocol identifiers of proposals, notifications and deletes (RFC 2407 §4.4.1).</summary>
    public static class ProtocolId
    {
        public const int Isakmp = 1;
        public const int IpsecAh = 2;
        public const int IpsecEsp = 3;
        public const int IpComp = 4;

        /// <summary>Name for logs.</summary>
        public static string Name(int id)
        {
            switch (id)
            {
                case 0: return "none";
                case Isakmp: return "ISAKMP";
                case IpsecAh: return "AH";
                case IpsecEsp: return "ESP";
                case IpComp: return "IPCOMP";
                default: return "protocol " + id.ToString();
            }
        }
    }
}
