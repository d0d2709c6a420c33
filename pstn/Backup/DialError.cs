namespace NanoGate.Pstn.Backup
{
    /// <summary>Why the last backup call failed, in the words of the error records.</summary>
    public enum DialError
    {
        /// <summary>No error.</summary>
        None = 0,

        /// <summary>No dial tone (line unplugged or dead).</summary>
        NoDialtone,

        /// <summary>The number was busy.</summary>
        Busy,

        /// <summary>Nobody answered.</summary>
        NoAnswer,

        /// <summary>Answered, but no modem carrier (or the carrier dropped).</summary>
        NoCarrier,

        /// <summary>The modem refused the command (ERROR) or did not answer (timeout).</summary>
        ModemFailure,

        /// <summary>The access server refused our user name and password.</summary>
        AuthenticationFailed,

        /// <summary>The access server gave us no address (IPCP rejected).</summary>
        IpcpRejected,

        /// <summary>PPP did not come up in time, or went down (LCP timeout, echo timeout, terminated).</summary>
        PppFailed,
    }
}
