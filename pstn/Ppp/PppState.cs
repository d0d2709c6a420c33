namespace NanoGate.Pstn.Ppp
{
    /// <summary>The ten states of the option negotiation automaton (RFC 1661 §4.2).</summary>
    public enum PppState
    {
        /// <summary>Lower layer down, no Open (0).</summary>
        Initial = 0,

        /// <summary>Open, lower layer not yet up (1).</summary>
        Starting = 1,

        /// <summary>Lower layer up, no Open (2).</summary>
        Closed = 2,

        /// <summary>Waiting for the peer after a failure or a Terminate (3).</summary>
        Stopped = 3,

        /// <summary>Terminate-Request sent, Close in effect (4).</summary>
        Closing = 4,

        /// <summary>Terminate-Request sent, Open in effect (5).</summary>
        Stopping = 5,

        /// <summary>Configure-Request sent (6).</summary>
        ReqSent = 6,

        /// <summary>Our Configure-Request acknowledged (7).</summary>
        AckRcvd = 7,

        /// <summary>The peer's Configure-Request acknowledged (8).</summary>
        AckSent = 8,

        /// <summary>Both acknowledged: the layer is up (9).</summary>
        Opened = 9,
    }
}
