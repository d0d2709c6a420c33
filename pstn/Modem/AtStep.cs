namespace NanoGate.Pstn.Modem
{
    /// <summary>The command the driver is waiting on (one at a time, V.250 §5.2.1).</summary>
    internal enum AtStep
    {
        None = 0,
        Reset,
        EchoOff,
        Verbose,
        Init,
        Dial,
        Answer,
        EscapeGuardBefore,
        EscapeWaitOk,
        HangUp,
        Command,
    }
}
