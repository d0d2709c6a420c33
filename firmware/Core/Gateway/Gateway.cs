using NanoGate.Esp;
using NanoGate.Firmware.Capture;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Config;
using NanoGate.Firmware.Status;
using NanoGate.Hal;
using NanoGate.Nat;

namespace NanoGate.Firmware.Gateway
{
    // One pass of the run loop (RunOnce), on the device's one thread, everything given nowMs:
    //
    //  1. WAN port 4500: each datagram goes into a free packet slot after room for the outer headers
    //     and is sorted by Port4500Demux (RFC 3948 §2.2, §2.3): ESP -> EspEngine.Decapsulate in place
    //     -> the inner IPv4 packet to the LAN port; keepalive -> counted; IKE (non-ESP marker) -> the
    //     key exchange hook; anything else -> drop not-esp.
    //  2. WAN port 500: IKE -> the key exchange hook.
    //  3. LAN port: each packet goes into a slot at PacketSlot.Headroom -> EspEngine.Encapsulate
    //     (policy lookup, SA, ESP in place) -> the ESP packet out on port 4500 to the SA's peer.
    //     A protect policy without SA raises an acquire event and the packet is dropped (no-sa).
    //  4. Data-path events (acquire, rekey, expired, peer moved) -> the key exchange hook; without
    //     one, expired SAs are removed here.
    //  5. Timers: the key exchange's every pass, SA lifetimes once a second.
    //  6. LED status from the tunnels' SAs; the board's LEDs get what changed.
    //  7. The console: bytes from the UART, one command line at a time.
    //  8. A `ping` from the box (GatewayPing), a step per pass: its echo requests go out through
    //     the ESP engine (-a SOURCE) or the board's ICMP socket; step 1 offers it the decapsulated
    //     packets (GatewayPing.TakeReply) before the LAN. While it runs the console is busy
    //     (ConsoleBusy) and takes no new line.
    //
    // Steps 1 and 3 allocate nothing per packet ([FastPath], checked by the guard).
    //
    // Capture: whoever builds the board taps its port 500 and 4500 transports (GatewayBoard.TapCapture),
    // so whatever the run loop receives and whatever the data path and the IKE daemon send passes
    // board.Capture, which the gateway's capture commands drive.

    /// <summary>
    /// The appliance: the board's hal pieces, the ESP engine, the CLI and the LED logic, driven by
    /// <see cref="RunOnce"/>. IKE plugs in through <see cref="KeyExchange"/> (see <see cref="IKeyExchange"/>).
    /// </summary>
    public sealed class Gateway
    {
        /// <summary>Packets handled per direction and pass before the loop moves on (keeps the console responsive).</summary>
        public const int PacketBudget = 64;

        /// <summary>Most datagrams per batch on UDP 4500 (fewer when the board has fewer slots).</summary>
        public const int MaxBatch = 32;

        /// <summary>How often SA time lifetimes are checked (EspEngine.Poll).</summary>
        public const long LifetimePollMs = 1000;

        /// <summary>Largest IKE message accepted on port 500 (a MODP-8192 KE payload fits).</summary>
        public const int MaxIkeMessage = 4096;

        private readonly GatewayBoard _board;
        private readonly EspEngine _esp;
        private readonly SlotPool _pool;
        private readonly byte[] _ikeBuffer = new byte[MaxIkeMessage];

        // The data path's batch on UDP 4500 (received, or ESP packets to send) and the slot of each
        // entry; one at a time, since PollWan and PollLan each give all their slots back.
        private readonly DatagramBatch _wanBatch;
        private readonly PacketSlot[] _batchSlots;
        private readonly LedStatus _leds = new LedStatus();
        private readonly RoutedLineWriter _cliOut;
        private readonly CommandLine _cli;
        private readonly SyslogSender _syslog;
        private readonly WallClock _wallClock = new WallClock();
        private readonly SntpClient _sntp;
        private readonly SerialConsole _console;
        private readonly GatewayRuntime _runtime;
        private readonly GatewayCounters _counters = new GatewayCounters();
        private readonly PacketCapture _capture;
        private readonly CaptureKeys _captureKeys = new CaptureKeys();
        private readonly CaptureControl _captureControl;
        private readonly GatewayPing _ping;

        // Per outbound SA handle: the paired inbound SPI, key size and connection (for display ipsec sa).
        private readonly SaPairTable _pairs;

        // Per tunnel (ipsec policy, in configuration order): its ESP policy, peer and LED state.
        private readonly TunnelTable _tunnels = new TunnelTable();

        // The configuration the tunnels follow now (the next one is applied as its difference).
        private GatewayConfiguration _applied;
        private IKeyExchange _keyExchange;

        // When the SA lifetimes and capture keys are next looked at; set by Start (at once).
        private long _nextLifetimePoll;
        private long _lastNowMs;
        private bool _started;

        /// <summary>
        /// A gateway on <paramref name="board"/>. Everything the data path needs is allocated here:
        /// the slots, the SA and policy tables, the IKE receive buffer.
        /// </summary>
        public Gateway(GatewayBoard board)
        {
            _board = board;
            _esp = new EspEngine(board.Crypto, board.Random, board.MaxSas, board.MaxSas, board.MaxPolicies);
            _pool = new SlotPool(board.SlotCount, board.Mtu);
            _wanBatch = new DatagramBatch(_pool.Count < MaxBatch ? _pool.Count : MaxBatch);
            _batchSlots = new PacketSlot[_wanBatch.Capacity];
            _pairs = new SaPairTable(_esp, board.MaxSas);
            _capture = board.Capture != null ? board.Capture : new PacketCapture(board.CaptureBytes);
            _ping = new GatewayPing(board, _esp, _pool, _counters, _ikeBuffer);

            _captureControl = new CaptureControl(_capture, _captureKeys, _esp);
            _captureControl.Storage = board.Storage;
            ILineWriter serialOut = board.Console == null ? null : new SerialLineWriter(board.Console, board.ConsoleNewLine);
            _cliOut = new RoutedLineWriter(serialOut);
            _cli = new CommandLine(_cliOut);
            if (board.ProposalDefaults != null)
            {
                _cli.Defaults = board.ProposalDefaults;
            }
            _cli.Storage = board.Storage;
            _cli.Crypto = board.Crypto;
            _cli.Random = board.Random;
            _cli.InsecureRandomAllowed = board.InsecureRandomAllowed;
            _cli.Leds = board.Leds == null ? null : _leds;
            _runtime = new GatewayRuntime(this);
            _cli.Runtime = _runtime;
            _syslog = new SyslogSender(board.Services, _wallClock, board.Clock);
            _sntp = new SntpClient(board.Services, board.Random, _wallClock);
            _cli.Debug.Export = _syslog;
            _cli.ConfigurationApplied += OnConfigurationApplied;
            if (board.Console != null)
            {
                _console = new SerialConsole(board.Console, _cli, serialOut, board.ConsolePrompt);
            }
        }

        /// <summary>The board it runs on.</summary>
        public GatewayBoard Board
        {
            get { return _board; }
        }

        /// <summary>The ESP data path (SA install, policies, drop counters).</summary>
        public EspEngine Esp
        {
            get { return _esp; }
        }

        /// <summary>
        /// Where the console writes outside a command (debugging output, records): the board's serial
        /// console by default; a board without one (the sim board in tests) may point it elsewhere.
        /// </summary>
        public ILineWriter ConsoleOut
        {
            get { return _cliOut.Target; }
            set { _cliOut.Target = value; }
        }

        /// <summary>The date and time, once SNTP set it (ntp-service unicast-server).</summary>
        public WallClock WallClock
        {
            get { return _wallClock; }
        }

        /// <summary>The SNTP client.</summary>
        public SntpClient Sntp
        {
            get { return _sntp; }
        }

        /// <summary>The syslog export of error and offline records (info-center loghost).</summary>
        public SyslogSender Syslog
        {
            get { return _syslog; }
        }

        /// <summary>The console command interpreter.</summary>
        public CommandLine Cli
        {
            get { return _cli; }
        }

        /// <summary>The LED logic.</summary>
        public LedStatus Status
        {
            get { return _leds; }
        }

        /// <summary>What the CLI displays (ESP side from the engine, IKE side from <see cref="KeyExchange"/>).</summary>
        public IGatewayRuntime Runtime
        {
            get { return _runtime; }
        }

        /// <summary>The gateway's own counters (delivered, sent, keepalives, IKE datagrams).</summary>
        public GatewayCounters Counters
        {
            get { return _counters; }
        }

        /// <summary>The WAN packet capture (taps on the board's UDP 500/4500 transports).</summary>
        public PacketCapture Capture
        {
            get { return _capture; }
        }

        /// <summary>Keys retained for Wireshark while <c>capture keys enable</c> is on; the key exchange reports new SAs here.</summary>
        public CaptureKeys CaptureKeys
        {
            get { return _captureKeys; }
        }

        /// <summary>The console's capture commands.</summary>
        public CaptureControl CaptureControl
        {
            get { return _captureControl; }
        }

        /// <summary>The IKE daemon's hook; null: no key exchange (tunnels only with SAs installed by <see cref="InstallSaPair"/>).</summary>
        public IKeyExchange KeyExchange
        {
            get
            {
                return _keyExchange;
            }

            set
            {
                // It takes over the applied configuration as a whole; changes come as differences.
                _keyExchange = value;
                if (value != null && _applied != null)
                {
                    value.Configure(_applied, ConfigDiff.All(), _lastNowMs);
                }
            }
        }

        /// <summary>Number of configured tunnels (ipsec policies of the applied configuration).</summary>
        public int TunnelCount
        {
            get { return _tunnels.Count; }
        }

        /// <summary>The ESP policy id of tunnel <paramref name="tunnel"/> (what outbound SaParameters.PolicyId names).</summary>
        public int TunnelPolicyId(int tunnel)
        {
            return _tunnels.PolicyId(tunnel);
        }

        /// <summary>The tunnel (ipsec policy) named <paramref name="name"/>, or -1.</summary>
        public int FindTunnel(string name)
        {
            return _tunnels.Find(name);
        }

        /// <summary>
        /// Applies a startup configuration (CLI syntax). On error the line-numbered report goes to
        /// <paramref name="report"/> and false is returned; nothing is applied.
        /// </summary>
        public bool LoadStartup(string text, ILineWriter report)
        {
            ILineWriter previous = _cliOut.Target;
            _cliOut.Target = report;
            try
            {
                return _cli.LoadStartup(text);
            }
            finally
            {
                _cliOut.Target = previous;
            }
        }

        /// <summary>
        /// Applies the startup configuration saved in the board's storage (CommandLine.StartupFileName);
        /// false when there is none or it was rejected (the report says which; nothing is applied).
        /// </summary>
        public bool LoadStartupFromStorage(ILineWriter report)
        {
            ILineWriter previous = _cliOut.Target;
            _cliOut.Target = report;
            try
            {
                return _cli.LoadStartupFromStorage();
            }
            finally
            {
                _cliOut.Target = previous;
            }
        }

        /// <summary>
        /// Runs one console line with its output going to <paramref name="output"/> (a console socket
        /// client); false when the line was rejected. Call it on the run loop's thread.
        /// </summary>
        public bool ExecuteLine(string line, long nowMs, ILineWriter output)
        {
            ILineWriter previous = _cliOut.Target;
            _cliOut.Target = output;
            try
            {
                return _cli.Execute(line, nowMs);
            }
            finally
            {
                _cliOut.Target = previous;
            }
        }

        /// <summary>
        /// Installs one tunnel's SA pair (inbound first, then outbound bound to outbound.PolicyId):
        /// what the key exchange calls after quick mode (RFC 2409 §5.5), and what tests use to key a
        /// tunnel by hand. The inbound SPI must be reserved (Esp.ReserveInboundSpi). Returns the
        /// outbound handle, or -1 with the reason.
        /// </summary>
        public int InstallSaPair(SaParameters inbound, SaParameters outbound, int connId, long nowMs, out SaInstallResult result)
        {
            return _pairs.InstallPair(inbound, outbound, connId, nowMs, out result);
        }

        /// <summary>
        /// Installs the outbound SA of a pair whose inbound SA (<paramref name="inboundSpi"/>) is in
        /// already: quick mode's make-before-break order (RFC 2409 §5.5; the responder's inbound SA
        /// goes in with QM2). It becomes the tunnel's outbound SA. Returns the handle, or -1.
        /// </summary>
        public int InstallOutbound(uint inboundSpi, SaParameters outbound, int connId, long nowMs, out SaInstallResult result)
        {
            return _pairs.InstallOutbound(inboundSpi, outbound, connId, nowMs, out result);
        }

        /// <summary>Removes every SA (console <c>reset ipsec sa</c>, reconfiguration); returns the pairs removed.</summary>
        public int RemoveAllSas()
        {
            return _pairs.RemoveAll();
        }

        /// <summary>
        /// Removes every outbound SA bound to ESP policy <paramref name="policyId"/> and the inbound
        /// SA paired with it (a tunnel that leaves the configuration); returns the pairs removed.
        /// </summary>
        public int RemoveSasOfPolicy(int policyId)
        {
            return _pairs.RemoveOfPolicy(policyId);
        }

        /// <summary>The inbound SPI paired with outbound SA <paramref name="handle"/> (0 = none).</summary>
        public uint PairedInboundSpi(int handle)
        {
            return _pairs.InboundSpiOf(handle);
        }

        /// <summary>The key size in bytes recorded for outbound SA <paramref name="handle"/>.</summary>
        public int PairedKeySize(int handle)
        {
            return _pairs.KeySizeOf(handle);
        }

        /// <summary>The connection ID recorded for outbound SA <paramref name="handle"/> (0 = keyed by hand).</summary>
        public int PairedConnId(int handle)
        {
            return _pairs.ConnIdOf(handle);
        }

        /// <summary>Name of the tunnel an ESP policy id belongs to ("" when none).</summary>
        public string TunnelNameOfPolicy(int policyId)
        {
            return _tunnels.NameOfPolicy(policyId);
        }

        /// <summary>The time of the last pass (console actions that need one).</summary>
        public long LastNowMs
        {
            get { return _lastNowMs; }
        }

        /// <summary>Start-up: LED states, the banner on the console. Call once, after loading the configuration.</summary>
        public void Start(long nowMs)
        {
            _leds.On(StatusEvent.Booting);
            if (_board.NatT != null && _board.Ike != null)
            {
                _leds.On(StatusEvent.WanLinkUp);
            }

            GatewayConfiguration applied = _cli.Applied;
            if (applied != null && applied.WanAddress != 0)
            {
                _leds.On(StatusEvent.WanAddressUp);
            }

            _leds.On(StatusEvent.Running);
            _started = true;
            if (_board.Random != null && !_board.Random.IsCryptographicallySecure)
            {
                _cliOut.WriteLine(_board.InsecureRandomAllowed
                    ? "Warning: The " + DeterministicRandom.Warning + "; tunnels are for tests and demos only."
                    : "Error: The random source is not cryptographically secure: IKE will not negotiate (display ike error-info).");
            }

            if (KeyExchange == null)
            {
                _cliOut.WriteLine("Info: No IKE key exchange in this build: tunnels come up only with SAs installed by hand (display ike sa stays empty).");
            }

            _lastNowMs = nowMs;
            _nextLifetimePoll = nowMs;
            StartedAtMs = nowMs;
            UpdateStatus();
        }

        /// <summary>The run-loop time of <see cref="Start"/> (display version's uptime).</summary>
        public long StartedAtMs { get; private set; }

        /// <summary>One pass of the run loop (see the flow above); returns how much work it found (0 = idle).</summary>
        public int RunOnce(long nowMs)
        {
            if (!_started)
            {
                Start(nowMs);
            }

            _lastNowMs = nowMs;
            _capture.NowMs = nowMs;
            int work = PollSlots(true, nowMs);
            work += PollIke(nowMs);
            work += PollSlots(false, nowMs);
            work += DrainEvents(nowMs);
            IKeyExchange ike = KeyExchange;
            if (ike != null)
            {
                ike.Poll(nowMs);
            }

            // A deadline, not "nowMs - last >= period": a first "last" of long.MinValue made that
            // difference overflow, and idle SAs never expired or rekeyed by time.
            if (nowMs >= _nextLifetimePoll)
            {
                _nextLifetimePoll = nowMs + LifetimePollMs;
                _esp.Poll(nowMs);
                if (_captureKeys.IsakmpCount + _captureKeys.EspCount > 0)
                {
                    _captureKeys.Prune(_esp);
                }
            }

            work += _sntp.Poll(nowMs);
            work += _ping.Poll(nowMs);
            UpdateStatus();
            if (_console != null)
            {
                work += _console.Service(nowMs);
            }

            return work;
        }

        /// <summary>
        /// Steps 1 and 3: up to <see cref="PacketBudget"/> packets from the WAN's UDP 4500
        /// (<paramref name="wan"/>) or the LAN port, each received into a free slot (after room
        /// for the outer headers on the LAN side), handled in place, and the slot given back.
        /// The WAN side receives a batch of slots per call and the LAN side sends its ESP packets
        /// as a batch (<see cref="DatagramBatches"/>: recvmmsg/sendmmsg on Linux, one datagram per
        /// call on the other boards).
        /// </summary>
        [FastPath]
        private int PollSlots(bool wan, long nowMs)
        {
            IDatagramTransport natT = _board.NatT;
            ILanPort lan = _board.Lan;
            if (wan ? natT == null : lan == null)
            {
                return 0;
            }

            return wan ? PollWan(natT, nowMs) : PollLan(lan, nowMs);
        }

        /// <summary>Step 1: batches of datagrams from UDP 4500, each in its own slot, handled in arrival order.</summary>
        [FastPath]
        private int PollWan(IDatagramTransport natT, long nowMs)
        {
            DatagramBatch batch = _wanBatch;
            int handled = 0;
            while (handled < PacketBudget)
            {
                int room = PacketBudget - handled;
                PacketSlot slot;
                while (batch.Count < room && batch.Count < batch.Capacity && _pool.Free.TryDequeue(out slot))
                {
                    _batchSlots[batch.Count] = slot;
                    batch.Add(slot.Buffer, PacketSlot.ReceiveOffset, slot.Buffer.Length - PacketSlot.ReceiveOffset, 0, 0);
                }

                int asked = batch.Count;
                if (asked == 0)
                {
                    return handled;
                }

                int got = DatagramBatches.Receive(natT, batch);
                for (int i = 0; i < got; i++)
                {
                    FromWan(_batchSlots[i], batch.Results[i], batch.Addresses[i], batch.Ports[i], natT.LocalPort, nowMs);
                }

                ReturnBatchSlots(batch);
                handled += got;
                if (got < asked)
                {
                    return handled;
                }
            }

            return handled;
        }

        /// <summary>Step 3: LAN packets encapsulated in their slots, the ESP packets sent to the WAN in batches.</summary>
        [FastPath]
        private int PollLan(ILanPort lan, long nowMs)
        {
            DatagramBatch batch = _wanBatch;
            int handled = 0;
            while (handled < PacketBudget)
            {
                PacketSlot slot;
                if (!_pool.Free.TryDequeue(out slot))
                {
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    SendBatch();
                    continue;
                }

                int n = lan.Receive(slot.Buffer, PacketSlot.Headroom, slot.Mtu);
                if (n == 0)
                {
                    _pool.Free.TryEnqueue(slot);
                    break;
                }

                handled++;
                if (n < 0)
                {
                    _esp.CountDrop(DropReason.TooBig);
                }
                else if (Outbound(slot, n, nowMs))
                {
                    _batchSlots[batch.Count] = slot;
                    batch.Add(slot.Buffer, slot.EspOffset, slot.EspLength, slot.RemoteAddress, slot.RemotePort);
                    if (batch.Count == batch.Capacity)
                    {
                        SendBatch();
                    }

                    continue;
                }

                _pool.Free.TryEnqueue(slot);
            }

            SendBatch();
            return handled;
        }

        /// <summary>The ESP packets collected by <see cref="PollLan"/> out on UDP 4500, in order; their slots back to the pool.</summary>
        [FastPath]
        private void SendBatch()
        {
            DatagramBatch batch = _wanBatch;
            if (batch.Count == 0)
            {
                return;
            }

            IDatagramTransport transport = _board.NatT;
            int sent = transport == null ? 0 : DatagramBatches.Send(transport, batch);
            _counters.OutboundSent += sent;
            _counters.WanSendFailed += batch.Count - sent;
            ReturnBatchSlots(batch);
        }

        [FastPath]
        private void ReturnBatchSlots(DatagramBatch batch)
        {
            for (int i = 0; i < batch.Count; i++)
            {
                _pool.Free.TryEnqueue(_batchSlots[i]);
                _batchSlots[i] = null;
            }

            batch.Clear();
        }

        /// <summary>A datagram of <paramref name="n"/> bytes (negative: what was wrong) at the slot's receive offset, sorted as RFC 3948 §2.2 says.</summary>
        [FastPath]
        private void FromWan(PacketSlot slot, int n, uint from, int fromPort, int localPort, long nowMs)
        {
            int at = PacketSlot.ReceiveOffset;
            if (n < 0)
            {
                _esp.CountDrop(n == DatagramReceive.Empty ? DropReason.EmptyDatagram : DropReason.TooBig);
                return;
            }

            Port4500Kind kind = Port4500Demux.Classify(slot.Buffer, at, n);
            if (kind == Port4500Kind.Esp)
            {
                Inbound(slot, at, n, from, fromPort, nowMs);
            }
            else if (kind == Port4500Kind.Keepalive)
            {
                _counters.KeepalivesReceived++;
            }
            else if (kind == Port4500Kind.Ike)
            {
                _counters.IkeReceived++;
                IKeyExchange ike = KeyExchange;
                if (ike != null)
                {
                    ike.HandleDatagram(slot.Buffer, at + Port4500Demux.NonEspMarkerLength, n - Port4500Demux.NonEspMarkerLength,
                        from, fromPort, localPort, nowMs);
                }
                else
                {
                    _counters.IkeIgnored++;
                }
            }
            else
            {
                _esp.CountDrop(DropReason.NotEsp);
            }
        }

        /// <summary>ESP packet at <paramref name="at"/> in the slot: decapsulate in place, deliver the inner packet.</summary>
        [FastPath]
        private void Inbound(PacketSlot slot, int at, int count, uint from, int fromPort, long nowMs)
        {
            slot.Offset = at;
            slot.Length = count;
            slot.EspOffset = at;
            slot.EspLength = count;
            slot.RemoteAddress = from;
            slot.RemotePort = fromPort;
            slot.UdpEncapsulated = true;
            slot.Verdict = DropReason.None;
            if (_esp.Decapsulate(slot, nowMs) != DropReason.None)
            {
                return;
            }

            if (_ping.TakeReply(slot, nowMs))
            {
                return; // the answer to the box's own echo request, not a LAN host's packet
            }

            ILanPort lan = _board.Lan;
            if (lan != null && lan.Send(slot.Buffer, slot.Offset, slot.Length))
            {
                _counters.InboundDelivered++;
            }
            else
            {
                _counters.LanSendFailed++;
            }
        }

        /// <summary>Step 2: IKE on UDP 500.</summary>
        private int PollIke(long nowMs)
        {
            IDatagramTransport transport = _board.Ike;
            if (transport == null)
            {
                return 0;
            }

            int handled = 0;
            while (handled < PacketBudget)
            {
                uint from;
                int fromPort;
                int n = transport.Receive(_ikeBuffer, 0, _ikeBuffer.Length, out from, out fromPort);
                if (n == 0)
                {
                    return handled;
                }

                handled++;
                if (n < 0)
                {
                    _counters.IkeIgnored++;
                    continue;
                }

                _counters.IkeReceived++;
                IKeyExchange ike = KeyExchange;
                if (ike != null)
                {
                    ike.HandleDatagram(_ikeBuffer, 0, n, from, fromPort, transport.LocalPort, nowMs);
                }
                else
                {
                    _counters.IkeIgnored++;
                }
            }

            return handled;
        }

        /// <summary>
        /// LAN packet of <paramref name="length"/> bytes at the slot's headroom: encapsulate in
        /// place; true when the ESP packet is ready to go out on UDP 4500 (<see cref="SendBatch"/>).
        /// </summary>
        [FastPath]
        private bool Outbound(PacketSlot slot, int length, long nowMs)
        {
            slot.ResetForInner(length);
            if (_esp.Encapsulate(slot, nowMs) != DropReason.None)
            {
                return false;
            }

            return EspReady(slot, _board.NatT, _counters);
        }

        /// <summary>True when the ESP packet Encapsulate left in the slot can go out on UDP 4500 (<paramref name="natT"/>).</summary>
        [FastPath]
        internal static bool EspReady(PacketSlot slot, IDatagramTransport natT, GatewayCounters counters)
        {
            if (!slot.UdpEncapsulated || natT == null)
            {
                // Plain ESP (IP protocol 50) needs a raw socket no board offers (see docs/DESIGN.md).
                counters.PlainEspUnsupported++;
                return false;
            }

            return true;
        }

        /// <summary>True while a console command runs on (a ping): the consoles take no new line until it ends.</summary>
        public bool ConsoleBusy
        {
            get { return _ping.Busy; }
        }

        /// <summary>The ping in progress (or the last one).</summary>
        public PingSession Ping
        {
            get { return _ping.Session; }
        }

        /// <summary>
        /// <c>ping [-a SOURCE-IP] [-c COUNT] [-s SIZE] [-t TIMEOUT-MS] HOST</c>: checks the words and
        /// the source, and starts the ping; its lines go to where the console writes now (the
        /// socket client or the UART) as the run loop makes progress. Returns null when it started,
        /// else the "Error:" line.
        /// </summary>
        public string StartPing(string arguments, long nowMs)
        {
            return _ping.Start(arguments, _applied, _cliOut.Target, nowMs);
        }

        /// <summary>Step 4: data-path events.</summary>
        private int DrainEvents(long nowMs)
        {
            int handled = 0;
            EspEventQueue events = _esp.Events;
            while (true)
            {
                uint spi;
                bool inbound;
                int policyId;
                EspEventKind kind = events.TryTake(out spi, out inbound, out policyId);
                if (kind == EspEventKind.None)
                {
                    return handled;
                }

                handled++;
                IKeyExchange ike = KeyExchange;
                if (kind == EspEventKind.Acquire)
                {
                    _counters.Acquires++;
                    if (ike != null)
                    {
                        ike.OnAcquire(policyId, nowMs);
                    }

                    continue;
                }

                if (ike != null)
                {
                    ike.OnSaEvent(kind, spi, inbound, policyId, nowMs);
                }
                else if (kind == EspEventKind.Expired)
                {
                    _pairs.RemoveExpired(spi, inbound);
                }
            }
        }

        /// <summary>Step 6: the tunnels' states to the LED logic (only changes), the board's LEDs get what changed.</summary>
        private void UpdateStatus()
        {
            _tunnels.Update(_esp, _leds);
            ILeds leds = _board.Leds;
            if (leds != null)
            {
                _leds.Apply(leds);
                leds.Tick(_lastNowMs);
            }
        }

        /// <summary>
        /// A new configuration, applied as its difference from the one before (<see cref="ConfigDiff"/>):
        /// the key exchange first (it deletes the SAs of peers that go or change, telling them), then
        /// the tunnels' protect policies. Tunnels of peers the change leaves alone keep their SAs.
        /// </summary>
        private void OnConfigurationApplied(GatewayConfiguration applied)
        {
            _syslog.Configure(applied.LogHost, applied.LogHostPort, applied.Sysname);
            _sntp.Configure(applied.NtpServer, _lastNowMs);
            ConfigDiff diff = ConfigDiff.Between(_applied, applied);
            _applied = applied;
            IKeyExchange ike = KeyExchange;
            if (ike != null)
            {
                ike.Configure(applied, diff, _lastNowMs);
            }

            if (diff.Everything)
            {
                RemoveAllSas();
                _captureKeys.Clear();
            }

            _capture.LocalAddress = applied.WanAddress;
            if (_leds.TunnelCount != applied.Policies.Count)
            {
                _leds.TunnelCount = applied.Policies.Count;
            }

            string full = _tunnels.Apply(applied, diff, this);
            if (full != null)
            {
                _cliOut.WriteLine("Error: No room for ipsec policy " + full + " (this board holds " + _board.MaxPolicies.ToString() + ").");
            }

            _leds.On(applied.WanAddress != 0 || applied.WanDhcp ? StatusEvent.WanAddressUp : StatusEvent.WanAddressDown);
        }
    }
}
