using NanoGate.Pstn.Modem;
using NanoGate.Pstn.Ppp;

namespace NanoGate.Pstn.Backup
{
    /// <summary>
    /// Dial backup for the WAN (ZyWALL "dial backup", Huawei "dialer watch"):
    /// <code>
    ///   Standby --WAN down--> Dialling --CONNECT--> Negotiating --IPCP up--> Backup (WAN = PSTN)
    ///   Backup --WAN up--> Returning --up for ReturnDelayMs--> HangingUp (WAN = Ethernet) --> Standby
    ///   any call failure --> HangingUp --> Waiting (RetryBaseMs, doubling to RetryMaxMs) --> Dialling
    ///   Backup --no traffic for IdleTimeoutMs--> HangingUp --> Idle --traffic--> Dialling
    ///   call minutes used today >= DailyBudgetMinutes --> HangingUp --> BudgetExhausted (next day)
    /// </code>
    /// The caller says, each <see cref="Poll"/>, whether the Ethernet WAN is usable (link up, or as
    /// configured the peers answer DPD) and reports traffic with <see cref="NoteTraffic"/>; it reads
    /// <see cref="ActiveWan"/> to pick the datagram transport IKE and ESP use (NAT-T copes with the
    /// address change). A day is 24 h of the monotonic clock (hal has no calendar).
    /// </summary>
    public sealed class DialBackup
    {
        private const long DayMs = 24L * 60 * 60 * 1000;
        private const int HangUpGraceMs = 3000;

        private readonly AtModem _modem;
        private readonly PppLink _link;
        private BackupState _afterHangUp;
        private long _stateSinceMs;
        private long _retryAtMs;
        private long _lastTrafficMs;
        private long _callStartMs;
        private long _usedTodayMs;
        private long _day;
        private int _failures;
        private bool _modemHangUpSent;

        /// <summary>Dial backup with <paramref name="modem"/> (initialised) and the PPP link over its data port.</summary>
        public DialBackup(AtModem modem, PppLink link)
        {
            if (modem == null)
            {
                throw new System.ArgumentNullException("modem");
            }

            if (link == null)
            {
                throw new System.ArgumentNullException("link");
            }

            _modem = modem;
            _link = link;
            Number = string.Empty;
            RetryBaseMs = 30000;
            RetryMaxMs = 600000;
            ReturnDelayMs = 60000;
            PppTimeoutMs = 60000;
        }

        /// <summary>The backup number.</summary>
        public string Number { get; set; }

        /// <summary>Tone or pulse.</summary>
        public DialMode DialMode { get; set; }

        /// <summary>First wait after a failed call; doubles per failure up to <see cref="RetryMaxMs"/>.</summary>
        public int RetryBaseMs { get; set; }

        /// <summary>Longest wait between tries.</summary>
        public int RetryMaxMs { get; set; }

        /// <summary>How long Ethernet must stay up before the WAN moves back and the call ends.</summary>
        public int ReturnDelayMs { get; set; }

        /// <summary>Hang up after this long without traffic on the call; 0 = never.</summary>
        public int IdleTimeoutMs { get; set; }

        /// <summary>Call minutes allowed per day; 0 = no limit.</summary>
        public int DailyBudgetMinutes { get; set; }

        /// <summary>Time for PPP to come up after CONNECT.</summary>
        public int PppTimeoutMs { get; set; }

        /// <summary>Where the controller is.</summary>
        public BackupState State { get; private set; }

        /// <summary>The path the WAN uses now.</summary>
        public ActiveWan ActiveWan { get; private set; }

        /// <summary>Why the last call failed.</summary>
        public DialError LastError { get; private set; }

        /// <summary>Calls attempted.</summary>
        public int Attempts { get; private set; }

        /// <summary>Calls that reached Backup.</summary>
        public int Successes { get; private set; }

        /// <summary>Call time used today, in whole seconds (the current call included).</summary>
        public long UsedTodaySeconds
        {
            get { return _usedTodayMs / 1000; }
        }

        /// <summary>When the next try is due (Waiting).</summary>
        public long RetryAtMs
        {
            get { return _retryAtMs; }
        }

        /// <summary>Traffic wants to cross the WAN (or did, over the call).</summary>
        public void NoteTraffic(long nowMs)
        {
            _lastTrafficMs = nowMs;
        }

        /// <summary>Operator command: dial now (unless a call is already up or being made).</summary>
        public bool DialNow(long nowMs)
        {
            if (State != BackupState.Standby && State != BackupState.Waiting && State != BackupState.Idle)
            {
                return false;
            }

            return StartDial(nowMs);
        }

        /// <summary>Operator command: end the call now (it is redialled only if the WAN is still down and backoff allows).</summary>
        public bool HangUpNow(long nowMs)
        {
            if (State != BackupState.Dialling && State != BackupState.Negotiating && State != BackupState.Backup && State != BackupState.Returning)
            {
                return false;
            }

            BeginHangUp(nowMs, BackupState.Idle);
            return true;
        }

        /// <summary>Runs the modem, the PPP link and the controller; <paramref name="wanUp"/> is the Ethernet WAN's health.</summary>
        public void Poll(long nowMs, bool wanUp)
        {
            long day = nowMs / DayMs;
            if (day != _day)
            {
                _day = day;
                _usedTodayMs = 0;
                if (State == BackupState.BudgetExhausted)
                {
                    Enter(BackupState.Standby, nowMs);
                }
            }

            ModemEvent e;
            while ((e = _modem.Poll(nowMs)) != ModemEvent.None)
            {
                OnModem(e, nowMs);
            }

            _link.Poll(nowMs);
            Account(nowMs);
            Step(nowMs, wanUp);
            ActiveWan = State == BackupState.Backup || State == BackupState.Returning
                ? ActiveWan.Pstn
                : (wanUp ? ActiveWan.Ethernet : ActiveWan.None);
        }

        private void Step(long nowMs, bool wanUp)
        {
            switch (State)
            {
                case BackupState.Standby:
                    if (!wanUp)
                    {
                        StartDial(nowMs);
                    }

                    break;
                case BackupState.Dialling:
                    if (wanUp)
                    {
                        BeginHangUp(nowMs, BackupState.Standby);
                    }

                    break;
                case BackupState.Negotiating:
                    if (_link.Phase == PppPhase.Running)
                    {
                        _failures = 0;
                        Successes++;
                        LastError = DialError.None;
                        _lastTrafficMs = nowMs;
                        Enter(BackupState.Backup, nowMs);
                    }
                    else if (_link.Phase == PppPhase.Dead)
                    {
                        Fail(nowMs, FromPpp(_link.LastFailure));
                    }
                    else if (nowMs - _stateSinceMs >= PppTimeoutMs)
                    {
                        Fail(nowMs, DialError.PppFailed);
                    }

                    break;
                case BackupState.Backup:
                case BackupState.Returning:
                    StepCall(nowMs, wanUp);
                    break;
                case BackupState.HangingUp:
                    StepHangUp(nowMs);
                    break;
                case BackupState.Waiting:
                    if (wanUp)
                    {
                        Enter(BackupState.Standby, nowMs);
                    }
                    else if (nowMs >= _retryAtMs)
                    {
                        StartDial(nowMs);
                    }

                    break;
                case BackupState.Idle:
                    if (wanUp)
                    {
                        Enter(BackupState.Standby, nowMs);
                    }
                    else if (_lastTrafficMs > _stateSinceMs)
                    {
                        StartDial(nowMs);
                    }

                    break;
            }
        }

        private void StepCall(long nowMs, bool wanUp)
        {
            if (_link.Phase != PppPhase.Running)
            {
                Fail(nowMs, FromPpp(_link.LastFailure));
                return;
            }

            if (BudgetUsed())
            {
                BeginHangUp(nowMs, BackupState.BudgetExhausted);
                return;
            }

            if (IdleTimeoutMs > 0 && nowMs - _lastTrafficMs >= IdleTimeoutMs)
            {
                BeginHangUp(nowMs, BackupState.Idle);
                return;
            }

            if (State == BackupState.Backup && wanUp)
            {
                Enter(BackupState.Returning, nowMs);
            }
            else if (State == BackupState.Returning && !wanUp)
            {
                Enter(BackupState.Backup, nowMs);
            }
            else if (State == BackupState.Returning && nowMs - _stateSinceMs >= ReturnDelayMs)
            {
                BeginHangUp(nowMs, BackupState.Standby);
            }
        }

        private void StepHangUp(long nowMs)
        {
            if (!_modemHangUpSent && (_link.Phase == PppPhase.Dead || nowMs - _stateSinceMs >= HangUpGraceMs))
            {
                _modemHangUpSent = true;
                if (_link.Phase != PppPhase.Dead)
                {
                    _link.LowerDown(nowMs);
                }

                if (!_modem.HangUp(nowMs))
                {
                    Enter(_afterHangUp, nowMs);
                }
            }
        }

        private void OnModem(ModemEvent e, long nowMs)
        {
            switch (e)
            {
                case ModemEvent.Connected:
                    if (State == BackupState.Dialling)
                    {
                        _callStartMs = nowMs;
                        _link.Open(nowMs);
                        Enter(BackupState.Negotiating, nowMs);
                    }

                    break;
                case ModemEvent.CallFailed:
                    if (State == BackupState.Dialling)
                    {
                        Fail(nowMs, FromModem(_modem.LastResult));
                    }

                    break;
                case ModemEvent.CarrierLost:
                    _link.LowerDown(nowMs);
                    if (State == BackupState.HangingUp)
                    {
                        Enter(_afterHangUp, nowMs);
                    }
                    else if (State == BackupState.Negotiating || State == BackupState.Backup || State == BackupState.Returning)
                    {
                        Fail(nowMs, DialError.NoCarrier);
                    }

                    break;
                case ModemEvent.HungUp:
                case ModemEvent.HangUpFailed:
                    if (State == BackupState.HangingUp)
                    {
                        Enter(_afterHangUp, nowMs);
                    }

                    break;
            }
        }

        private bool StartDial(long nowMs)
        {
            if (BudgetUsed())
            {
                Enter(BackupState.BudgetExhausted, nowMs);
                return false;
            }

            Attempts++;
            if (!_modem.Dial(Number, DialMode, nowMs))
            {
                Fail(nowMs, DialError.ModemFailure);
                return false;
            }

            Enter(BackupState.Dialling, nowMs);
            return true;
        }

        private void Fail(long nowMs, DialError error)
        {
            LastError = error;
            _failures++;
            long wait = RetryBaseMs;
            for (int i = 1; i < _failures && wait < RetryMaxMs; i++)
            {
                wait *= 2;
            }

            _retryAtMs = nowMs + (wait > RetryMaxMs ? RetryMaxMs : wait);
            if (_modem.State == LineState.Connected || _modem.State == LineState.Dialling || _link.Phase != PppPhase.Dead)
            {
                BeginHangUp(nowMs, BackupState.Waiting);
            }
            else
            {
                Enter(BackupState.Waiting, nowMs);
            }
        }

        private void BeginHangUp(long nowMs, BackupState after)
        {
            _afterHangUp = after;
            _modemHangUpSent = false;
            if (_link.Phase != PppPhase.Dead)
            {
                _link.Close(nowMs);
            }

            Enter(BackupState.HangingUp, nowMs);
            StepHangUp(nowMs);
        }

        private void Account(long nowMs)
        {
            if (State == BackupState.Negotiating || State == BackupState.Backup || State == BackupState.Returning
                || (State == BackupState.HangingUp && _modem.State == LineState.Connected))
            {
                _usedTodayMs += nowMs - _callStartMs;
                _callStartMs = nowMs;
            }
        }

        private bool BudgetUsed()
        {
            return DailyBudgetMinutes > 0 && _usedTodayMs >= DailyBudgetMinutes * 60000L;
        }

        private void Enter(BackupState state, long nowMs)
        {
            State = state;
            _stateSinceMs = nowMs;
        }

        private static DialError FromModem(ModemResult result)
        {
            switch (result)
            {
                case ModemResult.NoDialtone:
                    return DialError.NoDialtone;
                case ModemResult.Busy:
                    return DialError.Busy;
                case ModemResult.NoAnswer:
                    return DialError.NoAnswer;
                case ModemResult.NoCarrier:
                    return DialError.NoCarrier;
                default:
                    return DialError.ModemFailure;
            }
        }

        private static DialError FromPpp(PppFailure failure)
        {
            switch (failure)
            {
                case PppFailure.AuthFailed:
                case PppFailure.AuthProtocolRejected:
                case PppFailure.AuthTimeout:
                    return DialError.AuthenticationFailed;
                case PppFailure.IpcpRejected:
                    return DialError.IpcpRejected;
                case PppFailure.LowerLayerDown:
                    return DialError.NoCarrier;
                default:
                    return DialError.PppFailed;
            }
        }
    }
}
