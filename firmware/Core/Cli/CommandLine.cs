using System.Collections;
using System.Text;
using NanoGate.Firmware.Config;
using NanoGate.Firmware.Status;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The appliance console: one parser for typed lines and for the startup configuration.
    /// <para>
    /// Interactive lines edit the working configuration (what <c>display current-configuration</c>
    /// shows). After each configuration command the working configuration is validated; when it
    /// is complete and consistent a deep copy becomes the applied configuration and
    /// <see cref="ConfigurationApplied"/> fires. While it is not (a peer without key, a policy naming
    /// a peer not yet typed) the applied configuration stays as it was, <see cref="PendingProblem"/>
    /// says why, <c>quit</c> mentions it and <c>save</c> refuses.
    /// </para>
    /// <para>
    /// The startup configuration is parsed into a new configuration; on the first error the
    /// report names the line and nothing of the file is applied.
    /// </para>
    /// </summary>
    public sealed class CommandLine
    {
        /// <summary>Storage name of the startup configuration.</summary>
        public const string StartupFileName = "startup.cfg";

        /// <summary>
        /// The last line <c>save</c> writes (as VRP's saved configurations end). A stored file without
        /// it was cut short (a power cut or a copy that stopped at a line boundary would otherwise
        /// load as a valid, smaller configuration) and is refused.
        /// </summary>
        public const string EndMarker = "return";

        private readonly ILineWriter _out;
        private readonly DebugLog _debug;
        private GatewayConfiguration _working;
        private ConfigSession _session;
        private GatewayConfiguration _applied;
        private ConfigProblem _pending;
        private ConfigurationAppliedHandler _appliedHandlers;
        private readonly ConsoleLogin _login = new ConsoleLogin();
        private bool _authenticated;

        /// <summary>Creates a console with an empty configuration, printing to <paramref name="output"/>.</summary>
        public CommandLine(ILineWriter output)
        {
            _out = output;
            _debug = new DebugLog(output);
            _working = new GatewayConfiguration();
            _session = new ConfigSession(_working);
        }

        /// <summary>What a new configuration gets where it names nothing (the board's <see cref="ProposalDefaults"/>).</summary>
        public ProposalDefaults Defaults
        {
            get { return _working.Defaults; }
            set { _working.Defaults = value; }
        }

        /// <summary>Told when a configuration is applied.</summary>
        /// <remarks>Explicit accessors: the compiler's field-like event uses a generic Interlocked.CompareExchange that nanoFramework 1.x lacks.</remarks>
        public event ConfigurationAppliedHandler ConfigurationApplied
        {
            add { _appliedHandlers = (ConfigurationAppliedHandler)System.Delegate.Combine(_appliedHandlers, value); }
            remove { _appliedHandlers = (ConfigurationAppliedHandler)System.Delegate.Remove(_appliedHandlers, value); }
        }

        /// <summary>The running gateway (null until the IKE/ESP side is wired: displays then say so).</summary>
        public IGatewayRuntime Runtime { get; set; }

        /// <summary>The LED logic shown by <c>display led</c> (null on a board without LEDs).</summary>
        public LedStatus Leds { get; set; }

        /// <summary>Where <c>save</c> writes and <c>display saved-configuration</c> reads (null: none).</summary>
        public IStorage Storage { get; set; }

        /// <summary>
        /// The storage name <c>save</c> writes and the next start loads (default <see cref="StartupFileName"/>;
        /// the linux board names its --config file here, so what is saved is what starts).
        /// </summary>
        public string StartupName { get; set; } = StartupFileName;

        /// <summary>
        /// The WAN address the board's sockets are bound to when it cannot move them (the linux
        /// board); 0 when the address may change. A change to another address, or to DHCP, is then
        /// refused instead of being accepted, saved and failing at the next start (issue 16).
        /// </summary>
        public uint FixedWanAddress { get; set; }

        /// <summary>The debugging switches and the sink for error records.</summary>
        public DebugLog Debug
        {
            get { return _debug; }
        }

        /// <summary>The configuration being edited (what display current-configuration shows).</summary>
        public GatewayConfiguration Working
        {
            get { return _working; }
        }

        /// <summary>The last complete, valid configuration applied (null before the first).</summary>
        public GatewayConfiguration Applied
        {
            get { return _applied; }
        }

        /// <summary>Why the working configuration is not applied (null when it is).</summary>
        public ConfigProblem PendingProblem
        {
            get { return _pending; }
        }

        /// <summary>The open view.</summary>
        public CliView View
        {
            get { return _session.View; }
        }

        /// <summary>The prompt to show before the next line: "[branch-gw-ike-peer-hq]", or "Password:" before the login.</summary>
        public string Prompt
        {
            get { return NeedsLogin ? "Password:" : _session.Prompt; }
        }

        /// <summary>Hashes the console password (HMAC-SHA-256 of PBKDF2); null: the password cannot be set or checked.</summary>
        public ICryptoProvider Crypto { get; set; }

        /// <summary>Draws the password's salt.</summary>
        public IRandomSource Random { get; set; }

        /// <summary>A test board's deterministic random source may draw the salt.</summary>
        public bool InsecureRandomAllowed { get; set; }

        /// <summary>Failed logins and the lockout.</summary>
        public ConsoleLogin Login
        {
            get { return _login; }
        }

        /// <summary>True while the session must give the console password before its next command.</summary>
        public bool NeedsLogin
        {
            get { return _working.ConsolePassword != null && !_authenticated; }
        }

        /// <summary>True while a command started earlier still runs (a ping): a console takes no new line until it ends.</summary>
        public bool Busy
        {
            get { return Runtime != null && Runtime.CommandRunning; }
        }

        /// <summary>What a console says at its start when no password is set (the factory default).</summary>
        public const string NoPasswordNotice =
            "Info: No console password is set (factory default): anyone on this console has full control. Set one with 'console password simple TEXT'.";

        /// <summary>What a console says at its start when the password comes first (the socket client looks for it).</summary>
        public const string LoginRequiredNotice = "Info: Console login: give the password.";

        /// <summary>What a console shows at its start: the login prompt's reason, or that there is no password.</summary>
        public string LoginNotice
        {
            get { return _working.ConsolePassword == null ? NoPasswordNotice : LoginRequiredNotice; }
        }

        /// <summary>
        /// Runs one typed line: a command, or help when it ends with "?". Errors are printed with a
        /// caret under the bad word. Returns false when the line was rejected.
        /// </summary>
        public bool Execute(string line, long nowMs)
        {
            if (NeedsLogin)
            {
                return LogIn(line.TrimEnd(new char[] { '\r', '\n' }), nowMs);
            }

            _authenticated = true; // a session that may give commands may also set the password and go on
            string text = line.TrimEnd(new char[] { ' ', '\t', '\r', '\n' });
            if (text.Length > 0 && text[text.Length - 1] == '?')
            {
                return Help(text.Substring(0, text.Length - 1));
            }

            ArrayList tokens = new ArrayList();
            int quote = Tokenizer.Tokenize(text, tokens);
            if (quote >= 0)
            {
                new CliError(ParseErrorKind.UnterminatedQuote, quote, null, null).WriteTo(_out, text);
                return false;
            }

            if (tokens.Count == 0 || IsComment(text))
            {
                return true;
            }

            CliError error;
            ParsedCommand command = CommandSet.For(_session.View).Match(text, tokens, out error);
            if (command == null && _session.View != CliView.System)
            {
                // As on VRP: a system-view command typed in a block leaves the block.
                CliError ignored;
                ParsedCommand outer = CommandSet.For(CliView.System).Match(text, tokens, out ignored);
                if (outer != null && outer.Command < (int)CommandId.FirstOperational)
                {
                    _session.LeaveView();
                    command = outer;
                }
            }

            if (command == null)
            {
                error.WriteTo(_out, text);
                return false;
            }

            if (command.Command == (int)CommandId.ConsolePasswordSimple)
            {
                return SetPassword(command.Text("console-password"), text);
            }

            if (command.Command < (int)CommandId.FirstOperational)
            {
                CliError rejected = BoardRefuses(command);
                if (rejected == null)
                {
                    rejected = _session.Apply(command);
                }

                if (rejected != null)
                {
                    rejected.WriteTo(_out, text);
                    return false;
                }

                Commit();
                if (command.Command == (int)CommandId.ExchangeMode && command.Number("mode", 0) == (int)ExchangeMode.Aggressive)
                {
                    _out.WriteLine(AggressiveModeWarning);
                }

                return true;
            }

            return Operate(command, nowMs);
        }

        /// <summary>A setting this board cannot carry out (see <see cref="FixedWanAddress"/>), or null.</summary>
        private CliError BoardRefuses(ParsedCommand c)
        {
            if (FixedWanAddress == 0)
            {
                return null;
            }

            CommandId id = (CommandId)c.Command;
            bool moves = id == CommandId.WanDhcp || id == CommandId.UndoWan
                || (id == CommandId.WanAddress && c.Address("wan-address") != FixedWanAddress);
            if (!moves)
            {
                return null;
            }

            return new CliError(ParseErrorKind.Rejected, -1, null, "this board's UDP 500/4500 sockets are bound to " + Ipv4.Format(FixedWanAddress)
                + " and cannot move (no DHCP either): change the WAN address in the startup configuration and restart");
        }

        /// <summary>
        /// Back to the system view, as a new console session starts (a console socket connection):
        /// with a console password set, the session's first line is the password.
        /// </summary>
        public void ReturnToSystemView()
        {
            _session.LeaveView();
            _authenticated = false;
        }

        /// <summary>
        /// One login attempt: the line is the password. It is never echoed or logged; a lockout
        /// refuses every attempt unchecked until it ends.
        /// </summary>
        private bool LogIn(string password, long nowMs)
        {
            int locked = _login.LockedSeconds(nowMs);
            if (locked > 0)
            {
                _out.WriteLine("Error: The console is locked for " + locked.ToString() + " s more after "
                    + ConsoleLogin.MaxFailures.ToString() + " wrong passwords.");
                return false;
            }

            if (Crypto != null && ConsolePassword.Verify(password, _working.ConsolePassword, Crypto))
            {
                _login.Succeeded();
                _authenticated = true;
                _out.WriteLine("Info: Logged in.");
                return true;
            }

            if (_login.Failed(nowMs))
            {
                _out.WriteLine("Error: Wrong password; the console is locked for " + (ConsoleLogin.LockoutMs / 1000).ToString() + " s.");
            }
            else
            {
                _out.WriteLine("Error: Wrong password.");
            }

            return false;
        }

        /// <summary>console password simple TEXT: only the salted hash is kept.</summary>
        private bool SetPassword(string password, string text)
        {
            if (Crypto == null || Random == null || (!Random.IsCryptographicallySecure && !InsecureRandomAllowed))
            {
                CliError.Rejected("this board has no cryptographically secure random source for the salt").WriteTo(_out, text);
                return false;
            }

            _working.ConsolePassword = ConsolePassword.Hash(password, Crypto, Random, ConsolePassword.DefaultIterations);
            Commit();
            _out.WriteLine("Info: Console password set (kept as a salted PBKDF2-HMAC-SHA-256 hash); 'save' keeps it for the next start.");
            return true;
        }

        /// <summary>What the console says when a peer is switched to aggressive mode (issue 13, docs/SECURITY.md).</summary>
        public const string AggressiveModeWarning =
            "Warning: Aggressive mode with a pre-shared key sends the responder's hash of the key to anyone who sends a first "
            + "message for this peer, who can then guess the key offline. Use main mode unless the peer's address changes, "
            + "and then a long random key and a remote-id.";

        /// <summary>
        /// Applies a startup configuration (the text <c>save</c> writes). Blocks are opened by their
        /// header and hold the indented lines below it; a line at indent 0 closes the block. On any
        /// error the report gives the line number and the configuration stays as it was.
        /// </summary>
        public bool LoadStartup(string text)
        {
            GatewayConfiguration fresh = new GatewayConfiguration();
            fresh.Defaults = _working.Defaults;
            ConfigSession session = new ConfigSession(fresh);
            string[] lines = text.Split(new char[] { '\n' });
            for (int n = 0; n < lines.Length; n++)
            {
                string line = lines[n].TrimEnd(new char[] { ' ', '\t', '\r' });
                if (line.Length == 0 || IsComment(line))
                {
                    continue;
                }

                if (line == EndMarker)
                {
                    break;
                }

                CliError error = LoadLine(session, line, n + 1);
                if (error != null)
                {
                    error.LineNumber = n + 1;
                    error.WriteTo(_out, line);
                    _out.WriteLine("Info: The startup configuration was not applied; the configuration is unchanged.");
                    return false;
                }
            }

            ConfigProblem problem = ConfigValidator.Validate(fresh);
            if (problem != null)
            {
                int line = session.LineOf(problem.Block);
                _out.WriteLine((line > 0 ? "line " + line.ToString() + ": " : "") + "Error: " + problem.Message);
                _out.WriteLine("Info: The startup configuration was not applied; the configuration is unchanged.");
                return false;
            }

            _working = fresh;
            _session = new ConfigSession(fresh);
            Commit();
            return true;
        }

        /// <summary>Loads <see cref="StartupFileName"/> from <see cref="Storage"/>; false when missing or rejected.</summary>
        public bool LoadStartupFromStorage()
        {
            string text = ReadSaved();
            if (text == null)
            {
                _out.WriteLine("Info: No startup configuration; starting with an empty one.");
                return false;
            }

            if (!EndsWithMarker(text))
            {
                _out.WriteLine("Error: " + StartupName + " does not end with its '" + EndMarker + "' line: it was cut short (a power cut or an incomplete copy).");
                _out.WriteLine("Info: The startup configuration was not applied; starting with an empty one.");
                return false;
            }

            return LoadStartup(text);
        }

        /// <summary>The text <c>save</c> would write (secrets in cipher form).</summary>
        public string SavedText()
        {
            TextBuffer b = new TextBuffer();
            ConfigWriter.Write(_working, true, b);
            b.WriteLine(EndMarker);
            return b.ToString();
        }

        /// <summary>True when the last line that is not empty is <see cref="EndMarker"/>.</summary>
        private static bool EndsWithMarker(string text)
        {
            string[] lines = text.Split(new char[] { '\n' });
            for (int n = lines.Length - 1; n >= 0; n--)
            {
                string line = lines[n].Trim();
                if (line.Length > 0)
                {
                    return line == EndMarker;
                }
            }

            return false;
        }

        private CliError LoadLine(ConfigSession session, string line, int number)
        {
            if (Tokenizer.Indent(line) == 0)
            {
                session.LeaveView();
            }
            else if (session.View == CliView.System)
            {
                return new CliError(ParseErrorKind.Rejected, -1, null, "indented line outside a block (no ike proposal, ike peer, ipsec proposal or ipsec policy open)");
            }

            ArrayList tokens = new ArrayList();
            int quote = Tokenizer.Tokenize(line, tokens);
            if (quote >= 0)
            {
                return new CliError(ParseErrorKind.UnterminatedQuote, quote, null, null);
            }

            CliError error;
            ParsedCommand command = CommandSet.For(session.View).Match(line, tokens, out error);
            if (command == null)
            {
                return error;
            }

            if (command.Command >= (int)CommandId.FirstOperational)
            {
                return new CliError(ParseErrorKind.Rejected, -1, null, "not a configuration command");
            }

            command.LineNumber = number;
            return session.Apply(command);
        }

        private void Commit()
        {
            _pending = ConfigValidator.Validate(_working);
            if (_pending != null)
            {
                return;
            }

            _applied = _working.Clone();
            if (Leds != null && Leds.TunnelCount != _applied.Policies.Count)
            {
                Leds.TunnelCount = _applied.Policies.Count;
            }

            ConfigurationAppliedHandler handler = _appliedHandlers;
            if (handler != null)
            {
                handler(_applied);
            }
        }

        private bool Help(string text)
        {
            bool canEnd;
            CliError error;
            ArrayList list = CommandSet.For(_session.View).Help(text, out canEnd, out error);
            if (error != null)
            {
                error.WriteTo(_out, text);
                return false;
            }

            int width = 12;
            for (int i = 0; i < list.Count; i++)
            {
                int length = ((CommandNode)list[i]).DisplayName.Length + 2;
                if (length > width)
                {
                    width = length;
                }
            }

            for (int i = 0; i < list.Count; i++)
            {
                CommandNode node = (CommandNode)list[i];
                _out.WriteLine("  " + Columns.Pad(node.DisplayName, width) + node.Help);
            }

            if (canEnd)
            {
                _out.WriteLine("  <cr>");
            }

            return true;
        }

        private bool Operate(ParsedCommand c, long nowMs)
        {
            switch ((CommandId)c.Command)
            {
                case CommandId.Quit:
                case CommandId.Return:
                    if (_session.View == CliView.System)
                    {
                        _out.WriteLine("Info: Already in the system view.");
                        return true;
                    }

                    _session.LeaveView();
                    if (_pending != null)
                    {
                        _out.WriteLine("Info: Configuration not applied yet: " + _pending.Message + ".");
                    }

                    return true;
                case CommandId.DisplayCurrentConfiguration:
                    ConfigWriter.Write(_working, false, _out);
                    return true;
                case CommandId.DisplaySavedConfiguration:
                    {
                        string saved = ReadSaved();
                        if (saved == null)
                        {
                            _out.WriteLine("Info: No saved configuration.");
                            return true;
                        }

                        string[] lines = saved.Split(new char[] { '\n' });
                        for (int i = 0; i < lines.Length; i++)
                        {
                            if (lines[i].Length > 0 || i < lines.Length - 1)
                            {
                                _out.WriteLine(lines[i]);
                            }
                        }

                        return true;
                    }

                case CommandId.DisplayIkePeer:
                    ConfigDisplay.RenderPeers(_working, _out);
                    return true;
                case CommandId.DisplayIkeProposal:
                    ConfigDisplay.RenderIkeProposals(_working, _out);
                    return true;
                case CommandId.DisplayLed:
                    if (Leds == null)
                    {
                        _out.WriteLine("Info: This board has no status LEDs.");
                        return true;
                    }

                    LedDisplay.Render(Leds, _out);
                    return true;
                case CommandId.DisplayDebugging:
                    RenderDebugging();
                    return true;
                case CommandId.Debugging:
                    _debug.Enabled |= c.Number("debug", 0);
                    return true;
                case CommandId.UndoDebugging:
                    _debug.Enabled &= c.Has("debug") ? ~c.Number("debug", 0) : 0;
                    return true;
                case CommandId.Save:
                    return Save();
                case CommandId.BackupConfiguration:
                    return Backup(c.Text("backup-file"));
                case CommandId.RestoreConfiguration:
                    return Restore(c.Text("backup-file"));
                case CommandId.ResetSavedConfiguration:
                    return ResetSaved();
                case CommandId.DisplayVersion:
                    if (Runtime == null)
                    {
                        _out.WriteLine("NanoGate firmware " + FirmwareVersion.Version + " (" + FirmwareVersion.Build + ")");
                        return true;
                    }

                    WriteLines(Runtime.Version(nowMs));
                    return true;
                default:
                    return OperateRuntime(c, nowMs);
            }
        }

        private bool OperateRuntime(ParsedCommand c, long nowMs)
        {
            IGatewayRuntime runtime = Runtime;
            if (runtime == null)
            {
                _out.WriteLine("Info: IKE/IPsec is not running.");
                return true;
            }

            switch ((CommandId)c.Command)
            {
                case CommandId.DisplayIkeSa:
                    IkeSaDisplay.Render(runtime, c.HasKeyword("verbose"), nowMs, _out);
                    return true;
                case CommandId.DisplayIpsecSa:
                    IpsecSaDisplay.Render(runtime, nowMs, _out);
                    return true;
                case CommandId.DisplayIkeStatistics:
                    StatisticsDisplay.RenderIke(runtime.IkeStatistics, _out);
                    return true;
                case CommandId.DisplayIkeErrorInfo:
                    Debug.RenderRecords(_out);
                    return true;
                case CommandId.DisplayIpsecStatistics:
                    StatisticsDisplay.RenderEsp(runtime.EspStatistics, _out);
                    return true;
                case CommandId.ResetIkeSa:
                    {
                        int count = runtime.ResetIkeSa(c.Number("conn-id", 0));
                        if (count == 0 && c.Has("conn-id"))
                        {
                            _out.WriteLine("Error: No IKE SA with connection ID " + c.Text("conn-id") + ".");
                            return false;
                        }

                        _out.WriteLine("Info: " + count.ToString() + " IKE SA(s) deleted.");
                        return true;
                    }

                case CommandId.ResetIkeStatistics:
                    runtime.ResetIkeStatistics();
                    _out.WriteLine("Info: IKE statistics cleared.");
                    return true;
                case CommandId.DisplayClock:
                    WriteLines(runtime.Clock(nowMs));
                    return true;
                case CommandId.DisplayIkeOfflineInfo:
                    WriteLines(runtime.OfflineInfo());
                    return true;
                case CommandId.Tunnel:
                    {
                        string result = runtime.Tunnel(c.Number("tunnel", 0), c.Text("policy-name"));
                        WriteLines(result);
                        return !result.StartsWith("Error:");
                    }

                case CommandId.Ping:
                    {
                        string error = runtime.Ping(c.Text("ping-arguments"), nowMs);
                        if (error != null)
                        {
                            _out.WriteLine(error);
                            return false;
                        }

                        return true;
                    }

                case CommandId.ResetIpsecSa:
                    _out.WriteLine("Info: " + runtime.ResetIpsecSa().ToString() + " IPsec SA pair(s) deleted.");
                    return true;
                case CommandId.DisplayCapture:
                    WriteLines(runtime.Capture(CaptureAction.Display, 0));
                    return true;
                default:
                    WriteLines(runtime.Capture(c.Number("capture", 0), c.Number("snaplen", 0)));
                    return true;
            }
        }

        private void WriteLines(string text)
        {
            string[] lines = text.Split(new char[] { '\n' });
            for (int i = 0; i < lines.Length; i++)
            {
                _out.WriteLine(lines[i]);
            }
        }

        private void RenderDebugging()
        {
            int on = _debug.Enabled;
            if (on == 0)
            {
                _out.WriteLine("Info: No debugging switch is on.");
                return;
            }

            string s = "IKEv1 debugging switches on:";
            if ((on & DebugLog.Error) != 0)
            {
                s += " error";
            }

            if ((on & DebugLog.Event) != 0)
            {
                s += " event";
            }

            if ((on & DebugLog.Packet) != 0)
            {
                s += " packet";
            }

            _out.WriteLine(s);
        }

        private bool Save()
        {
            if (_pending != null)
            {
                _out.WriteLine("Error: The configuration is incomplete and was not saved: " + _pending.Message + ".");
                return false;
            }

            if (Storage == null)
            {
                _out.WriteLine("Error: This board has no configuration storage.");
                return false;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(SavedText());
            if (!Storage.Write(StartupName, bytes, 0, bytes.Length))
            {
                _out.WriteLine("Error: Writing " + StartupName + " failed.");
                return false;
            }

            _out.WriteLine("Info: The current configuration was saved to " + StartupName + " (" + bytes.Length.ToString() + " bytes).");
            return true;
        }

        /// <summary>
        /// backup configuration FILE: the text <c>save</c> would write (keys in cipher form, the
        /// console password as its hash), into FILE of the board's storage (on Linux readable by
        /// its owner only, as the startup file).
        /// </summary>
        private bool Backup(string file)
        {
            if (!CanUseFile(file))
            {
                return false;
            }

            if (_pending != null)
            {
                _out.WriteLine("Error: The configuration is incomplete and was not backed up: " + _pending.Message + ".");
                return false;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(SavedText());
            if (!Storage.Write(file, bytes, 0, bytes.Length))
            {
                _out.WriteLine("Error: Writing " + file + " failed.");
                return false;
            }

            _out.WriteLine("Info: The current configuration was backed up to " + file + " (" + bytes.Length.ToString() + " bytes).");
            return true;
        }

        /// <summary>
        /// restore configuration FILE: FILE becomes the running configuration (as a startup file is
        /// loaded: the whole of it or nothing); <c>save</c> then keeps it for the next start.
        /// </summary>
        private bool Restore(string file)
        {
            if (!CanUseFile(file))
            {
                return false;
            }

            string text = ReadText(file);
            if (text == null)
            {
                _out.WriteLine("Error: No file " + file + " in the board's storage.");
                return false;
            }

            if (!EndsWithMarker(text))
            {
                _out.WriteLine("Error: " + file + " does not end with its '" + EndMarker + "' line: it was cut short; nothing was restored.");
                return false;
            }

            if (!LoadStartup(text))
            {
                return false;
            }

            _out.WriteLine("Info: The configuration of " + file + " is running now; 'save' keeps it for the next start.");
            return true;
        }

        /// <summary>
        /// reset saved-configuration: the startup file becomes the factory default (empty: no
        /// peers, no console password); the running configuration stays until the next start.
        /// </summary>
        private bool ResetSaved()
        {
            if (Storage == null)
            {
                _out.WriteLine("Error: This board has no configuration storage.");
                return false;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(EndMarker + "\n");
            if (!Storage.Write(StartupName, bytes, 0, bytes.Length))
            {
                _out.WriteLine("Error: Writing " + StartupName + " failed.");
                return false;
            }

            _out.WriteLine("Info: The saved configuration was erased: the next start begins with the factory default "
                + "(no peers, no console password). The running configuration is unchanged until then.");
            return true;
        }

        /// <summary>A backup name: storage present, a plain name (no path), not the startup file.</summary>
        private bool CanUseFile(string file)
        {
            if (Storage == null)
            {
                _out.WriteLine("Error: This board has no configuration storage.");
                return false;
            }

            for (int i = 0; i < file.Length; i++)
            {
                char ch = file[i];
                bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.';
                if (!plain)
                {
                    _out.WriteLine("Error: A file name holds letters, digits, '-', '_' and '.' only.");
                    return false;
                }
            }

            if (file[0] == '.' || file == StartupName)
            {
                _out.WriteLine("Error: " + file + " is not a backup name (" + StartupName + " is what 'save' writes).");
                return false;
            }

            return true;
        }

        private string ReadSaved()
        {
            return ReadText(StartupName);
        }

        private string ReadText(string name)
        {
            if (Storage == null)
            {
                return null;
            }

            int length = Storage.Length(name);
            if (length < 0)
            {
                return null;
            }

            byte[] buffer = new byte[length];
            int read = Storage.Read(name, buffer, 0, length);
            if (read < 0)
            {
                return null;
            }

            return Encoding.UTF8.GetString(buffer, 0, read);
        }

        private static bool IsComment(string line)
        {
            int i = Tokenizer.Indent(line);
            return i < line.Length && (line[i] == '#' || line[i] == '!');
        }
    }
}
