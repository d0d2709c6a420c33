namespace NanoGate.Esp
{
    /// <summary>What the data path asks the control side (ike, through the firmware) to do.</summary>
    public enum EspEventKind
    {
        /// <summary>Nothing (empty queue).</summary>
        None = 0,

        /// <summary>A protect policy matched but has no SA: negotiate one (RFC 4301 §5.1, "acquire").</summary>
        Acquire = 1,

        /// <summary>An SA reached a soft limit (bytes, packets, time, or the sequence space): rekey now.</summary>
        Rekey = 2,

        /// <summary>An SA reached a hard limit or its sequence numbers ran out: it drops everything; remove it.</summary>
        Expired = 3,

        /// <summary>
        /// The peer's address or UDP port changed (its NAT rebound): the SAs now use the new one
        /// (RFC 3948 §3.1 "the translated source port"); tell ike so that IKE follows too.
        /// The SPI is the inbound SA's that saw the change.
        /// </summary>
        PeerMoved = 4,
    }
}
