namespace NanoGate.Pstn.Backup
{
    /// <summary>Where the dial-backup controller is.</summary>
    public enum BackupState
    {
        /// <summary>Ethernet WAN up; the modem waits on hook.</summary>
        Standby = 0,

        /// <summary>Dialling the backup number.</summary>
        Dialling,

        /// <summary>Call up; PPP negotiating.</summary>
        Negotiating,

        /// <summary>PPP up: the WAN runs over the phone line.</summary>
        Backup,

        /// <summary>Ethernet is back; waiting for it to stay up before moving back.</summary>
        Returning,

        /// <summary>Ending the call (PPP Terminate, then the modem's escape and ATH).</summary>
        HangingUp,

        /// <summary>A call failed; waiting for the next try (backoff).</summary>
        Waiting,

        /// <summary>Hung up for lack of traffic; dials again when traffic wants out.</summary>
        Idle,

        /// <summary>Today's call minutes are used up; no dialling until tomorrow.</summary>
        BudgetExhausted,
    }
}
