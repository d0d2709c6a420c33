namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// Failed console logins and the lockout they lead to: after <see cref="MaxFailures"/> wrong
    /// passwords in a row no password is even checked for <see cref="LockoutMs"/>. One state for
    /// the whole box (serial and socket consoles alike), so opening a new connection does not
    /// start the count again.
    /// </summary>
    public sealed class ConsoleLogin
    {
        /// <summary>Wrong passwords in a row before the lockout.</summary>
        public const int MaxFailures = 3;

        /// <summary>How long the lockout lasts (ms).</summary>
        public const long LockoutMs = 60000;

        private int _failures;
        private long _lockedUntilMs;

        /// <summary>Wrong passwords since the last good one (or the last lockout).</summary>
        public int Failures
        {
            get { return _failures; }
        }

        /// <summary>Wrong passwords in all, for display.</summary>
        public int TotalFailures { get; private set; }

        /// <summary>Seconds of lockout left at <paramref name="nowMs"/> (0: none).</summary>
        public int LockedSeconds(long nowMs)
        {
            return nowMs >= _lockedUntilMs ? 0 : (int)((_lockedUntilMs - nowMs + 999) / 1000);
        }

        /// <summary>Notes a good password: the count starts again.</summary>
        public void Succeeded()
        {
            _failures = 0;
        }

        /// <summary>Notes a wrong password; true when it starts the lockout.</summary>
        public bool Failed(long nowMs)
        {
            _failures++;
            TotalFailures++;
            if (_failures < MaxFailures)
            {
                return false;
            }

            _failures = 0;
            _lockedUntilMs = nowMs + LockoutMs;
            return true;
        }
    }
}
