namespace NanoGate.Pstn.Ppp
{
    /// <summary>What one octet did to the frame being received (RFC 1662 §3, §4).</summary>
    public enum HdlcStatus
    {
        /// <summary>Nothing complete yet.</summary>
        None = 0,

        /// <summary>A frame with a good FCS is in <see cref="HdlcDecoder.Frame"/>.</summary>
        Frame,

        /// <summary>A frame with a bad FCS (or shorter than address + FCS) was dropped.</summary>
        BadFcs,

        /// <summary>A frame longer than the buffer was dropped.</summary>
        TooLong,

        /// <summary>A frame ended in 0x7D 0x7E (abort, RFC 1662 §4.2) and was dropped.</summary>
        Aborted,
    }
}
