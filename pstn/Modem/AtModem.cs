using System;
using NanoGate.Hal;

namespace NanoGate.Pstn.Modem
{
    /// <summary>
    /// A Hayes-compatible modem on a UART, driven with ITU-T V.250 commands.
    /// <para>
    /// Flow: <see cref="StartInit"/> sends ATZ (reset, §6.1.1), ATE0 (no echo, §6.2.4), ATV1
    /// (verbose result codes, §6.2.6) and the configured init string, each waiting for OK. Then
    /// <see cref="Dial"/> (ATDT/ATDP, §6.3.1) or <see cref="Answer"/> (ATA, §6.3.5; automatic after
    /// <see cref="AutoAnswerRings"/> rings) waits for CONNECT; from there the port belongs to PPP
    /// through <see cref="DataPort"/>, and this driver reads nothing until the call ends.
    /// <see cref="HangUp"/> leaves data mode with the escape sequence: a guard time of silence, "+++",
    /// a guard time, OK (S2, S12), then ATH (§6.3.6).
    /// </para>
    /// <para>
    /// Time comes in through <see cref="Poll"/> (nowMs); every step has a time limit, and every
    /// outcome is a value: the <see cref="ModemEvent"/> that Poll returns and <see cref="LastResult"/>.
    /// Command mode is slow and may allocate (caller ID text); the data path
    /// (<see cref="ModemDataPort"/>) does not.
    /// </para>
    /// </summary>
    public sealed class AtModem
    {
        /// <summary>Default time for OK after a command (our choice).</summary>
        public const int DefaultCommandTimeoutMs = 2000;

        /// <summary>Default time for OK after ATZ: a reset takes a modem up to a few seconds.</summary>
        public const int DefaultResetTimeoutMs = 5000;

        /// <summary>Default time for CONNECT after ATD/ATA (S7 defaults to 50 s on most modems).</summary>
        public const int DefaultConnectTimeoutMs = 60000;

        /// <summary>Default escape guard time (S12 = 50, in 1/50 s).</summary>
        public const int DefaultGuardTimeMs = 1000;

        /// <summary>A ringing line with no RING for this long has stopped ringing (cadence is 5-6 s).</summary>
        public const int DefaultRingGapMs = 8000;

        private const int MaxLine = 96;
        private const int MaxCallerId = 32;

        private readonly ISerialPort _port;
        private readonly ModemDataPort _dataPort;
        private readonly byte[] _line = new byte[MaxLine];
        private readonly byte[] _one = new byte[1];
        private readonly byte[] _tx = new byte[80];
        private readonly byte[] _callerNumber = new byte[MaxCallerId];
        private readonly byte[] _callerName = new byte[MaxCallerId];
        private int _lineLength;
        private int _callerNumberLength;
        private int _callerNameLength;
        private AtStep _step;
        private long _deadline;
        private long _stepStartMs;
        private long _nowMs;
        private long _lastDataTxMs;
        private long _lastRingMs;
        private long _connectedAtMs;
        private bool _ready;
        private bool _carrierLost;
        private bool _trailingLineFeed;
        private string _initString = "ATX4";

        /// <summary>A driver for the modem on <paramref name="port"/>; nothing is sent until <see cref="StartInit"/>.</summary>
        public AtModem(ISerialPort port)
        {
            if (port == null)
            {
                throw new ArgumentNullException("port");
            }

            _port = port;
            _dataPort = new ModemDataPort(this, port);
            State = LineState.NoLine;
            LastResult = ModemResult.None;
            CommandTimeoutMs = DefaultCommandTimeoutMs;
            ResetTimeoutMs = DefaultResetTimeoutMs;
            ConnectTimeoutMs = DefaultConnectTimeoutMs;
            GuardTimeMs = DefaultGuardTimeMs;
            RingGapMs = DefaultRingGapMs;
        }

        /// <summary>The port PPP uses during a call (data mode only).</summary>
        public ISerialPort DataPort
        {
            get { return _dataPort; }
        }

        /// <summary>What the line is doing.</summary>
        public LineState State { get; private set; }

        /// <summary>The last result code (or <see cref="ModemResult.Timeout"/>).</summary>
        public ModemResult LastResult { get; private set; }

        /// <summary>The speed after CONNECT (bit/s), 0 when the modem gave none.</summary>
        public int ConnectSpeed { get; private set; }

        /// <summary>Rings counted for the current incoming call.</summary>
        public int RingCount { get; private set; }

        /// <summary>Answer automatically after this many rings; 0 = never (our own S0, so we see every ring).</summary>
        public int AutoAnswerRings { get; set; }

        /// <summary>Time limit for OK after a command.</summary>
        public int CommandTimeoutMs { get; set; }

        /// <summary>Time limit for OK after ATZ.</summary>
        public int ResetTimeoutMs { get; set; }

        /// <summary>Time limit for CONNECT after ATD or ATA.</summary>
        public int ConnectTimeoutMs { get; set; }

        /// <summary>Silence before and after "+++" (must match the modem's S12).</summary>
        public int GuardTimeMs { get; set; }

        /// <summary>Time without RING after which a ringing line is idle again.</summary>
        public int RingGapMs { get; set; }

        /// <summary>Lines that were neither a result code nor caller ID (echo, banners, junk) the command parser ignored.</summary>
        public int IgnoredLines { get; private set; }

        /// <summary>When the current call came up (valid while <see cref="State"/> is Connected).</summary>
        public long ConnectedAtMs
        {
            get { return _connectedAtMs; }
        }

        /// <summary>
        /// The configured init string, sent after ATZ/ATE0/ATV1 ("ATX4" by default: report BUSY and
        /// NO DIALTONE). Must start with "AT"; empty to send none.
        /// </summary>
        public string InitString
        {
            get { return _initString; }
            set { _initString = value == null ? string.Empty : value; }
        }

        /// <summary>True once initialisation succeeded.</summary>
        public bool IsReady
        {
            get { return _ready; }
        }

        /// <summary>The calling number of the last incoming call, empty when the module sent none.</summary>
        public string CallerNumber
        {
            get { return Text(_callerNumber, _callerNumberLength); }
        }

        /// <summary>The calling name of the last incoming call, empty when the module sent none.</summary>
        public string CallerName
        {
            get { return Text(_callerName, _callerNameLength); }
        }

        internal bool InDataMode
        {
            get { return State == LineState.Connected && _step == AtStep.None && !_carrierLost; }
        }

        /// <summary>Resets and configures the modem. False when a call is up (hang up first).</summary>
        public bool StartInit(long nowMs)
        {
            if (State == LineState.Connected || State == LineState.HangingUp)
            {
                return false;
            }

            _nowMs = nowMs;
            _ready = false;
            State = LineState.Initialising;
            Send("ATZ", AtStep.Reset, ResetTimeoutMs);
            return true;
        }

        /// <summary>
        /// Dials <paramref name="number"/> (digits, *, #, and the V.250 modifiers , W @ !).
        /// False when the modem is not ready and idle, or the number is empty or invalid.
        /// </summary>
        public bool Dial(string number, DialMode mode, long nowMs)
        {
            if (!_ready || _step != AtStep.None || (State != LineState.Idle && State != LineState.NoLine)
                || number == null || number.Length == 0 || number.Length > _tx.Length - 6)
            {
                return false;
            }

            for (int i = 0; i < number.Length; i++)
            {
                char c = number[i];
                bool ok = (c >= '0' && c <= '9') || c == '*' || c == '#' || c == ',' || c == 'W' || c == '@' || c == '!' || c == '+';
                if (!ok)
                {
                    return false;
                }
            }

            _nowMs = nowMs;
            int n = 0;
            _tx[n++] = (byte)'A';
            _tx[n++] = (byte)'T';
            _tx[n++] = (byte)'D';
            _tx[n++] = mode == DialMode.Pulse ? (byte)'P' : (byte)'T';
            for (int i = 0; i < number.Length; i++)
            {
                _tx[n++] = (byte)number[i];
            }

            _tx[n++] = 13;
            _port.Write(_tx, 0, n);
            State = LineState.Dialling;
            Begin(AtStep.Dial, ConnectTimeoutMs);
            return true;
        }

        /// <summary>Answers a ringing line (ATA). False when nothing rings.</summary>
        public bool Answer(long nowMs)
        {
            if (State != LineState.Ringing || _step != AtStep.None)
            {
                return false;
            }

            _nowMs = nowMs;
            State = LineState.Dialling;
            Send("ATA", AtStep.Answer, ConnectTimeoutMs);
            return true;
        }

        /// <summary>
        /// Ends the call: from data mode with the escape sequence then ATH; while dialling by
        /// aborting the dial. False when there is no call.
        /// </summary>
        public bool HangUp(long nowMs)
        {
            _nowMs = nowMs;
            if (State == LineState.Connected && _step == AtStep.None)
            {
                State = LineState.HangingUp;
                Begin(AtStep.EscapeGuardBefore, GuardTimeMs * 3 + CommandTimeoutMs);
                return true;
            }

            if (State == LineState.Dialling || State == LineState.Ringing)
            {
                // V.250 §6.3.1: any character aborts a dial in progress; then ATH puts us on hook.
                _tx[0] = 13;
                _port.Write(_tx, 0, 1);
                State = LineState.HangingUp;
                Send("ATH", AtStep.HangUp, CommandTimeoutMs);
                return true;
            }

            return false;
        }

        /// <summary>Sends one AT command (e.g. "ATI3" for the console); Poll reports <see cref="ModemEvent.CommandDone"/>.</summary>
        public bool TrySendCommand(string command, long nowMs)
        {
            if (_step != AtStep.None || State == LineState.Connected || State == LineState.Dialling
                || command == null || command.Length < 2 || command.Length > _tx.Length - 2
                || (command[0] != 'A' && command[0] != 'a'))
            {
                return false;
            }

            _nowMs = nowMs;
            Send(command, AtStep.Command, CommandTimeoutMs);
            return true;
        }

        /// <summary>
        /// Runs the driver: reads result codes in command mode, applies time limits and the escape
        /// guard times. Returns at most one event; call again until <see cref="ModemEvent.None"/>.
        /// </summary>
        public ModemEvent Poll(long nowMs)
        {
            _nowMs = nowMs;
            if (_carrierLost)
            {
                _carrierLost = false;
                LastResult = ModemResult.NoCarrier;
                State = LineState.Idle;
                _step = AtStep.None;
                return ModemEvent.CarrierLost;
            }

            if (_step == AtStep.EscapeGuardBefore && nowMs - _lastDataTxMs >= GuardTimeMs && nowMs - _stepStartMs >= GuardTimeMs)
            {
                _tx[0] = (byte)'+';
                _tx[1] = (byte)'+';
                _tx[2] = (byte)'+';
                _port.Write(_tx, 0, 3);
                Begin(AtStep.EscapeWaitOk, GuardTimeMs + CommandTimeoutMs);
            }

            if (InDataMode)
            {
                return ModemEvent.None;
            }

            while (_port.Read(_one, 0, 1) == 1)
            {
                byte b = _one[0];
                if (b == 13 || b == 10)
                {
                    if (_lineLength > 0)
                    {
                        ModemEvent e = OnLine();
                        _lineLength = 0;
                        if (e != ModemEvent.None)
                        {
                            return e;
                        }
                    }
                }
                else if (_lineLength < MaxLine)
                {
                    _line[_lineLength++] = b;
                }
            }

            if (_step != AtStep.None && nowMs >= _deadline)
            {
                return OnTimeout();
            }

            if (State == LineState.Ringing && _step == AtStep.None && nowMs - _lastRingMs >= RingGapMs)
            {
                State = LineState.Idle;
                RingCount = 0;
            }

            return ModemEvent.None;
        }

        internal bool TakeTrailingLineFeed()
        {
            bool take = _trailingLineFeed;
            _trailingLineFeed = false;
            return take;
        }

        internal void OnCarrierLost()
        {
            _carrierLost = true;
        }

        internal void OnDataSent()
        {
            _lastDataTxMs = _nowMs;
        }

        private ModemEvent OnLine()
        {
            ModemResult result = Classify();
            if (result == ModemResult.None)
            {
                return OnInformationLine();
            }

            LastResult = result;
            switch (_step)
            {
                case AtStep.Reset:
                case AtStep.EchoOff:
                case AtStep.Verbose:
                case AtStep.Init:
                    return OnInitResult(result);
                case AtStep.Dial:
                case AtStep.Answer:
                    return OnCallResult(result);
                case AtStep.EscapeGuardBefore:
                case AtStep.EscapeWaitOk:
                    if (result == ModemResult.Ok)
                    {
                        Send("ATH", AtStep.HangUp, CommandTimeoutMs);
                        return ModemEvent.None;
                    }

                    if (result == ModemResult.NoCarrier)
                    {
                        return OnHungUp();
                    }

                    return ModemEvent.None;
                case AtStep.HangUp:
                    if (result == ModemResult.Ok || result == ModemResult.NoCarrier)
                    {
                        return OnHungUp();
                    }

                    if (result == ModemResult.Error)
                    {
                        _step = AtStep.None;
                        State = LineState.NoLine;
                        return ModemEvent.HangUpFailed;
                    }

                    return ModemEvent.None;
                case AtStep.Command:
                    if (result == ModemResult.Ok || result == ModemResult.Error)
                    {
                        _step = AtStep.None;
                        return ModemEvent.CommandDone;
                    }

                    return ModemEvent.None;
                default:
                    return OnUnsolicited(result);
            }
        }

        private ModemEvent OnInitResult(ModemResult result)
        {
            if (result == ModemResult.Ring)
            {
                return ModemEvent.None;
            }

            if (result != ModemResult.Ok)
            {
                return InitFailed();
            }

            switch (_step)
            {
                case AtStep.Reset:
                    Send("ATE0", AtStep.EchoOff, CommandTimeoutMs);
                    return ModemEvent.None;
                case AtStep.EchoOff:
                    Send("ATV1", AtStep.Verbose, CommandTimeoutMs);
                    return ModemEvent.None;
                case AtStep.Verbose:
                    if (_initString.Length >= 2)
                    {
                        Send(_initString, AtStep.Init, CommandTimeoutMs);
                        return ModemEvent.None;
                    }

                    break;
            }

            _step = AtStep.None;
            _ready = true;
            State = LineState.Idle;
            return ModemEvent.Ready;
        }

        private ModemEvent InitFailed()
        {
            _step = AtStep.None;
            _ready = false;
            State = LineState.NoLine;
            return ModemEvent.InitFailed;
        }

        private ModemEvent OnCallResult(ModemResult result)
        {
            switch (result)
            {
                case ModemResult.Connect:
                    _step = AtStep.None;
                    State = LineState.Connected;
                    _connectedAtMs = _nowMs;
                    _trailingLineFeed = _lineLength > 1;
                    _lastDataTxMs = _nowMs;
                    RingCount = 0;
                    return ModemEvent.Connected;
                case ModemResult.NoDialtone:
                    _step = AtStep.None;
                    State = LineState.NoLine;
                    return ModemEvent.CallFailed;
                case ModemResult.Busy:
                case ModemResult.NoAnswer:
                case ModemResult.NoCarrier:
                case ModemResult.Error:
                    _step = AtStep.None;
                    State = LineState.Idle;
                    RingCount = 0;
                    return ModemEvent.CallFailed;
                default:
                    return ModemEvent.None;
            }
        }

        private ModemEvent OnHungUp()
        {
            _step = AtStep.None;
            State = LineState.Idle;
            return ModemEvent.HungUp;
        }

        private ModemEvent OnUnsolicited(ModemResult result)
        {
            if (result == ModemResult.Ring && (State == LineState.Idle || State == LineState.Ringing))
            {
                if (State == LineState.Idle)
                {
                    _callerNumberLength = 0;
                    _callerNameLength = 0;
                }

                State = LineState.Ringing;
                RingCount++;
                _lastRingMs = _nowMs;
                if (AutoAnswerRings > 0 && RingCount >= AutoAnswerRings)
                {
                    State = LineState.Dialling;
                    Send("ATA", AtStep.Answer, ConnectTimeoutMs);
                }

                return ModemEvent.Ring;
            }

            if (result == ModemResult.NoCarrier && State == LineState.Ringing)
            {
                // The caller gave up before we answered.
                State = LineState.Idle;
                RingCount = 0;
            }

            return ModemEvent.None;
        }

        /// <summary>
        /// Caller ID as modems report it between the first and second ring (the "formatted" form
        /// of Rockwell/Conexant #CID=1 and AT+VCID=1: "NMBR = 5551234", "NAME = ..."); other
        /// lines (echo, banners, DATE/TIME) are ignored.
        /// </summary>
        private ModemEvent OnInformationLine()
        {
            if (LineIs("NMBR", false))
            {
                _callerNumberLength = Value(_callerNumber);
                return ModemEvent.CallerId;
            }

            if (LineIs("NAME", false))
            {
                _callerNameLength = Value(_callerName);
                return ModemEvent.CallerId;
            }

            IgnoredLines++;
            return ModemEvent.None;
        }

        private int Value(byte[] into)
        {
            int i = 4;
            while (i < _lineLength && (_line[i] == ' ' || _line[i] == '='))
            {
                i++;
            }

            int n = 0;
            while (i < _lineLength && n < into.Length)
            {
                into[n++] = _line[i++];
            }

            return n;
        }

        private ModemEvent OnTimeout()
        {
            LastResult = ModemResult.Timeout;
            AtStep step = _step;
            _step = AtStep.None;
            switch (step)
            {
                case AtStep.Reset:
                case AtStep.EchoOff:
                case AtStep.Verbose:
                case AtStep.Init:
                    return InitFailed();
                case AtStep.Dial:
                case AtStep.Answer:
                    // Abort the call attempt (any character does, V.250 §6.3.1) and stay on hook.
                    _tx[0] = 13;
                    _port.Write(_tx, 0, 1);
                    State = LineState.Idle;
                    RingCount = 0;
                    return ModemEvent.CallFailed;
                case AtStep.EscapeGuardBefore:
                case AtStep.EscapeWaitOk:
                    // Still in data mode as far as we know: the call stays up.
                    State = LineState.Connected;
                    return ModemEvent.HangUpFailed;
                case AtStep.HangUp:
                    State = LineState.NoLine;
                    return ModemEvent.HangUpFailed;
                default:
                    return ModemEvent.CommandDone;
            }
        }

        /// <summary>Verbose (V.250 §5.7.1) and numeric result codes; None for anything else.</summary>
        private ModemResult Classify()
        {
            if (_lineLength == 1 && _line[0] >= '0' && _line[0] <= '8')
            {
                int code = _line[0] - '0';
                return code == 5 ? ModemResult.None : (ModemResult)code;
            }

            if (LineIs("OK", true))
            {
                return ModemResult.Ok;
            }

            if (LineIs("CONNECT", false))
            {
                ConnectSpeed = 0;
                for (int i = 7; i < _lineLength && _line[i] != '/'; i++)
                {
                    byte c = _line[i];
                    if (c >= '0' && c <= '9')
                    {
                        ConnectSpeed = ConnectSpeed * 10 + (c - '0');
                    }
                }

                return ModemResult.Connect;
            }

            if (LineIs("RING", true))
            {
                return ModemResult.Ring;
            }

            if (LineIs("NO CARRIER", true))
            {
                return ModemResult.NoCarrier;
            }

            if (LineIs("ERROR", true))
            {
                return ModemResult.Error;
            }

            if (LineIs("NO DIALTONE", true) || LineIs("NO DIAL TONE", true))
            {
                return ModemResult.NoDialtone;
            }

            if (LineIs("BUSY", true))
            {
                return ModemResult.Busy;
            }

            if (LineIs("NO ANSWER", true))
            {
                return ModemResult.NoAnswer;
            }

            return ModemResult.None;
        }

        private bool LineIs(string word, bool whole)
        {
            if (_lineLength < word.Length || (whole && _lineLength != word.Length))
            {
                return false;
            }

            for (int i = 0; i < word.Length; i++)
            {
                if (_line[i] != word[i])
                {
                    return false;
                }
            }

            return whole || _lineLength == word.Length || _line[word.Length] == ' ' || _line[word.Length] == '=' || _line[word.Length] == '/';
        }

        private void Send(string command, AtStep step, int timeoutMs)
        {
            int n = 0;
            for (int i = 0; i < command.Length && n < _tx.Length - 1; i++)
            {
                _tx[n++] = (byte)command[i];
            }

            _tx[n++] = 13;
            _lineLength = 0;
            _port.Write(_tx, 0, n);
            Begin(step, timeoutMs);
        }

        private void Begin(AtStep step, int timeoutMs)
        {
            _step = step;
            _stepStartMs = _nowMs;
            _deadline = _nowMs + timeoutMs;
        }

        private static string Text(byte[] bytes, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)bytes[i];
            }

            return new string(chars);
        }
    }
}
