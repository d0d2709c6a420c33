namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Which message of which exchange, as the rules in <see cref="MessageRules"/> know them
    /// (RFC 2409 §5.1-§5.5, §5.7; RFC 3947 §3-§5). The numbered kinds are exact (the task that
    /// expects the message names it); the "Any" kinds are what a dispatcher can check before it
    /// knows the SA state.
    /// </summary>
    public static class MessageKind
    {
        public const int MainMode1 = 1;
        public const int MainMode2 = 2;
        public const int MainMode3 = 3;
        public const int MainMode4 = 4;
        public const int MainMode5 = 5;
        public const int MainMode6 = 6;
        public const int Aggressive1 = 7;
        public const int Aggressive2 = 8;
        public const int Aggressive3 = 9;
        public const int Quick1 = 10;
        public const int Quick2 = 11;
        public const int Quick3 = 12;

        /// <summary>Informational protected by the phase 1 SA: HASH(1) first, then N or D (RFC 2409 §5.7).</summary>
        public const int Informational = 13;

        /// <summary>Informational sent in the clear before phase 1 completes (error notifies only).</summary>
        public const int InformationalPlain = 14;

        public const int AnyMainModePlain = 15;
        public const int AnyMainModeEncrypted = 16;
        public const int AnyAggressive = 17;
        public const int AnyQuick = 18;

        public const int Count = 19;

        /// <summary>Name for logs ("main mode 3", ...).</summary>
        public static string Name(int kind)
        {
            switch (kind)
            {
                case MainMode1: return "main mode 1";
                case MainMode2: return "main mode 2";
                case MainMode3: return "main mode 3";
                case MainMode4: return "main mode 4";
                case MainMode5: return "main mode 5";
                case MainMode6: return "main mode 6";
                case Aggressive1: return "aggressive mode 1";
                case Aggressive2: return "aggressive mode 2";
                case Aggressive3: return "aggressive mode 3";
                case Quick1: return "quick mode 1";
                case Quick2: return "quick mode 2";
                case Quick3: return "quick mode 3";
                case Informational: return "informational";
                case InformationalPlain: return "unprotected informational";
                case AnyMainModePlain: return "main mode (clear)";
                case AnyMainModeEncrypted: return "main mode (encrypted)";
                case AnyAggressive: return "aggressive mode";
                case AnyQuick: return "quick mode";
                default: return "message kind " + kind.ToString();
            }
        }
    }
}
