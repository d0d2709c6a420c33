namespace NanoGate.Pstn.Modem
{
    /// <summary>What the phone line is doing, as the console shows it.</summary>
    public enum LineState
    {
        /// <summary>The module does not answer, or the last dial found no dial tone.</summary>
        NoLine = 0,

        /// <summary>The module is being reset and configured.</summary>
        Initialising = 1,

        /// <summary>On hook, ready to dial or to answer.</summary>
        Idle = 2,

        /// <summary>Dialling and waiting for the remote modem (or answering a ring).</summary>
        Dialling = 3,

        /// <summary>An incoming call is ringing.</summary>
        Ringing = 4,

        /// <summary>A call is up: the port is in data mode.</summary>
        Connected = 5,

        /// <summary>Leaving data mode (escape with guard times) and going on hook.</summary>
        HangingUp = 6,
    }
}
