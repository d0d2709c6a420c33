using NanoGate.Hal;
using NanoGate.Pstn.Modem;

namespace NanoGate.Pstn.Backup
{
    /// <summary>
    /// The front-panel PSTN LED (board data: <see cref="LedId.Pstn"/>): off on standby, slow blink
    /// while a call is being made or ended, on while the WAN runs over the phone line, fast blink
    /// when the line or the last call failed (no line, failed call waiting to retry, budget used up).
    /// </summary>
    public static class PstnLed
    {
        /// <summary>The LED for the controller's state and the modem's line state.</summary>
        public static LedMode Mode(BackupState state, LineState line)
        {
            switch (state)
            {
                case BackupState.Backup:
                case BackupState.Returning:
                    return LedMode.On;
                case BackupState.Dialling:
                case BackupState.Negotiating:
                case BackupState.HangingUp:
                    return LedMode.SlowBlink;
                case BackupState.Waiting:
                case BackupState.BudgetExhausted:
                    return LedMode.FastBlink;
                default:
                    return line == LineState.NoLine ? LedMode.FastBlink : LedMode.Off;
            }
        }
    }
}
