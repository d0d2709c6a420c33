namespace NanoGate.Pstn.Ppp
{
    /// <summary>LCP Configuration Option types (RFC 1661 §6; ACCM is RFC 1662 §7.1).</summary>
    public static class LcpOption
    {
        /// <summary>Maximum-Receive-Unit (RFC 1661 §6.1).</summary>
        public const byte Mru = 1;

        /// <summary>Async-Control-Character-Map (RFC 1662 §7.1).</summary>
        public const byte Accm = 2;

        /// <summary>Authentication-Protocol (RFC 1661 §6.2).</summary>
        public const byte AuthProtocol = 3;

        /// <summary>Magic-Number (RFC 1661 §6.4).</summary>
        public const byte MagicNumber = 5;

        /// <summary>Protocol-Field-Compression (RFC 1661 §6.5).</summary>
        public const byte Pfc = 7;

        /// <summary>Address-and-Control-Field-Compression (RFC 1661 §6.6).</summary>
        public const byte Acfc = 8;

        /// <summary>CHAP algorithm MD5 (RFC 1994 §3).</summary>
        public const byte ChapMd5 = 5;
    }
}
