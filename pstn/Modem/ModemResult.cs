namespace NanoGate.Pstn.Modem
{
    /// <summary>
    /// Final and unsolicited result codes (ITU-T V.250 §5.7.1, Table 1; the numeric forms are what
    /// a modem sends with ATV0), plus <see cref="Timeout"/> when none came in time.
    /// </summary>
    public enum ModemResult
    {
        /// <summary>No result yet.</summary>
        None = -1,

        /// <summary>"OK" (0): the command was accepted.</summary>
        Ok = 0,

        /// <summary>"CONNECT [speed]" (1): the call is up; the modem is in data mode.</summary>
        Connect = 1,

        /// <summary>"RING" (2): an incoming call (unsolicited).</summary>
        Ring = 2,

        /// <summary>"NO CARRIER" (3): the call failed or the carrier was lost.</summary>
        NoCarrier = 3,

        /// <summary>"ERROR" (4): the command was not accepted.</summary>
        Error = 4,

        /// <summary>"NO DIALTONE" (6): no dial tone on the line (unplugged or dead).</summary>
        NoDialtone = 6,

        /// <summary>"BUSY" (7): the called number is engaged.</summary>
        Busy = 7,

        /// <summary>"NO ANSWER" (8): the remote end did not answer (needs @ in the dial string).</summary>
        NoAnswer = 8,

        /// <summary>The modem said nothing within the step's time limit (our value, not V.250).</summary>
        Timeout = 100,
    }
}
