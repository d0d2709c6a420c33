namespace NanoGate.Pstn.Modem
{
    /// <summary>What one <see cref="AtModem.Poll"/> call reports; the reason is <see cref="AtModem.LastResult"/>.</summary>
    public enum ModemEvent
    {
        /// <summary>Nothing happened.</summary>
        None = 0,

        /// <summary>Initialisation finished: the modem answered every command with OK.</summary>
        Ready,

        /// <summary>Initialisation failed (ERROR or <see cref="ModemResult.Timeout"/>).</summary>
        InitFailed,

        /// <summary>A call came up (CONNECT); the port is now in data mode.</summary>
        Connected,

        /// <summary>A dial or an answer failed: BUSY, NO DIALTONE, NO ANSWER, NO CARRIER, ERROR or timeout.</summary>
        CallFailed,

        /// <summary>The phone rings (one event per RING).</summary>
        Ring,

        /// <summary>Caller ID arrived (the module sent NMBR/NAME lines between rings).</summary>
        CallerId,

        /// <summary>The call ended on our request; back on hook.</summary>
        HungUp,

        /// <summary>The remote end or the line dropped the call (NO CARRIER in data mode).</summary>
        CarrierLost,

        /// <summary>The modem did not leave data mode or refused ATH in time.</summary>
        HangUpFailed,

        /// <summary>A command sent with <see cref="AtModem.TrySendCommand"/> finished (OK or ERROR).</summary>
        CommandDone,
    }
}
