namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Exchange types: RFC 2408 §3.1 (1-5), RFC 2409 §5 (32 quick mode, 33 new group mode),
    /// draft-ietf-ipsec-isakmp-mode-cfg (6 transaction).
    /// </summary>
    public static class ExchangeType
    {
        public const int None = 0;
        public const int Base = 1;
        public const int IdentityProtection = 2;
        public const int AuthenticationOnly = 3;
        public const int Aggressive = 4;
        public const int Informational = 5;
        public const int Transaction = 6;
        public const int QuickMode = 32;
        public const int NewGroupMode = 33;

        /// <summary>True for the exchange types the wire layer lets through (the rest get INVALID-EXCHANGE-TYPE).</summary>
        public static bool IsKnown(int type)
        {
            return (type >= Base && type <= Transaction) || type == QuickMode || type == NewGroupMode;
        }

        /// <summary>Name for logs.</summary>
        public static string Name(int type)
        {
            switch (type)
            {
                case Base: return "Base";
                case IdentityProtection: return "Identity Protection (Main Mode)";
                case AuthenticationOnly: return "Authentication Only";
                case Aggressive: return "Aggressive";
                case Informational: return "Informational";
                case Transaction: return "Transaction (Config Mode)";
                case QuickMode: return "Quick Mode";
                case NewGroupMode: return "New Group Mode";
                default: return "exchange " + type.ToString();
            }
        }
    }
}
