namespace NanoGate.Pstn.Ppp
{
    /// <summary>PPP protocol field values (RFC 1661 §2, IANA "PPP DLL Protocol Numbers").</summary>
    public static class PppProtocol
    {
        /// <summary>Internet Protocol version 4 (RFC 1332 §2).</summary>
        public const ushort Ipv4 = 0x0021;

        /// <summary>IP Control Protocol (RFC 1332 §2).</summary>
        public const ushort Ipcp = 0x8021;

        /// <summary>Link Control Protocol (RFC 1661 §5).</summary>
        public const ushort Lcp = 0xC021;

        /// <summary>Password Authentication Protocol (RFC 1334 §2).</summary>
        public const ushort Pap = 0xC023;

        /// <summary>Challenge Handshake Authentication Protocol (RFC 1994 §3).</summary>
        public const ushort Chap = 0xC223;
    }
}
