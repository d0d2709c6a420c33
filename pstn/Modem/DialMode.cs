namespace NanoGate.Pstn.Modem
{
    /// <summary>Dialling method (V.250 §6.3.1: the T and P dial modifiers).</summary>
    public enum DialMode
    {
        /// <summary>DTMF tones (ATDT).</summary>
        Tone = 0,

        /// <summary>Loop-disconnect pulses (ATDP), for old exchanges.</summary>
        Pulse = 1,
    }
}
