namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The run loop's own counters (the ESP engine counts its drops itself). Fields, not properties:
    /// the data path bumps them per packet and nanoCLR interprets every property call. Written only
    /// by the run loop's thread.
    /// </summary>
    public sealed class GatewayCounters
    {
        /// <summary>ESP packets decrypted and delivered to the LAN.</summary>
        public long InboundDelivered;

        /// <summary>ESP packets encrypted and sent on port 4500.</summary>
        public long OutboundSent;

        /// <summary>Decrypted packets the LAN port refused.</summary>
        public long LanSendFailed;

        /// <summary>ESP packets the WAN transport refused.</summary>
        public long WanSendFailed;

        /// <summary>Outbound SAs without UDP encapsulation (plain ESP needs a raw socket no board has).</summary>
        public long PlainEspUnsupported;

        /// <summary>NAT-keepalives received (RFC 3948 §2.3).</summary>
        public long KeepalivesReceived;

        /// <summary>ISAKMP datagrams received on 500 and 4500.</summary>
        public long IkeReceived;

        /// <summary>ISAKMP datagrams nobody handled (no key exchange, or too long).</summary>
        public long IkeIgnored;

        /// <summary>Acquire events raised by the data path.</summary>
        public long Acquires;
    }
}
