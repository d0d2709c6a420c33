namespace NanoGate.Pstn.Ppp
{
    /// <summary>Control packet codes (RFC 1661 §5; LCP adds 8 to 11; RFC 1332 §2 uses 1 to 7 for IPCP).</summary>
    public static class PppCode
    {
        /// <summary>Configure-Request (RFC 1661 §5.1).</summary>
        public const byte ConfigureRequest = 1;

        /// <summary>Configure-Ack (RFC 1661 §5.2).</summary>
        public const byte ConfigureAck = 2;

        /// <summary>Configure-Nak (RFC 1661 §5.3).</summary>
        public const byte ConfigureNak = 3;

        /// <summary>Configure-Reject (RFC 1661 §5.4).</summary>
        public const byte ConfigureReject = 4;

        /// <summary>Terminate-Request (RFC 1661 §5.5).</summary>
        public const byte TerminateRequest = 5;

        /// <summary>Terminate-Ack (RFC 1661 §5.5).</summary>
        public const byte TerminateAck = 6;

        /// <summary>Code-Reject (RFC 1661 §5.6).</summary>
        public const byte CodeReject = 7;

        /// <summary>Protocol-Reject, LCP only (RFC 1661 §5.7).</summary>
        public const byte ProtocolReject = 8;

        /// <summary>Echo-Request, LCP only (RFC 1661 §5.8).</summary>
        public const byte EchoRequest = 9;

        /// <summary>Echo-Reply, LCP only (RFC 1661 §5.8).</summary>
        public const byte EchoReply = 10;

        /// <summary>Discard-Request, LCP only (RFC 1661 §5.9).</summary>
        public const byte DiscardRequest = 11;
    }
}
