namespace NanoGate.Nat
{
    /// <summary>What a datagram received on UDP port 4500 is (RFC 3948 §2.2, §2.3).</summary>
    public enum Port4500Kind
    {
        /// <summary>None of the below (empty, or too short to be ESP); drop and count.</summary>
        Invalid = 0,

        /// <summary>IKE: a 4-byte zero non-ESP marker, then the IKE message.</summary>
        Ike = 1,

        /// <summary>NAT-keepalive: a single 0xFF byte; nothing to do.</summary>
        Keepalive = 2,

        /// <summary>UDP-encapsulated ESP: a non-zero SPI first.</summary>
        Esp = 3,
    }
}
