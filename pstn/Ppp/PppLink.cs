using System;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Pstn.Ppp
{
    /// <summary>
    /// A PPP client link over a serial port in data mode (RFC 1661 §3.2, the phase diagram):
    /// <code>
    ///   Dead --Open--> Establish (LCP) --Opened--> Authenticate (PAP/CHAP, if the peer asked)
    ///        --success--> Network (IPCP) --Opened--> Running (IPv4 passes)
    ///   any --Close / failure--> Terminate --Terminate-Ack or timeout--> Dead
    /// </code>
    /// Inbound: <see cref="Poll"/> reads the port, the RFC 1662 decoder delimits and checks frames,
    /// and each frame goes to LCP, PAP, CHAP, IPCP, or (Running only) to the IP layer
    /// (<see cref="Receiver"/>); frames of other protocols are Protocol-Rejected. Outbound:
    /// <see cref="SendIpv4"/> frames the caller's packet straight into the encoder. Neither
    /// direction allocates. Time comes in as nowMs; the restart timers, PAP retries, the CHAP
    /// wait and the LCP echo keepalive all run from <see cref="Poll"/>. Failures are values
    /// (<see cref="LastFailure"/>), never exceptions.
    /// </summary>
    public sealed class PppLink
    {
        /// <summary>Default MRU (RFC 1661 §6.1: 1500).</summary>
        public const int DefaultMru = 1500;

        /// <summary>Frame buffer: address, control, protocol, MRU of information, FCS.</summary>
        private const int MaxFrame = DefaultMru + 8;

        /// <summary>Reads of <see cref="_rx"/> per <see cref="Poll"/> (our choice: 16 x 256 bytes).</summary>
        private const int MaxChunksPerPoll = 16;

        private readonly ISerialPort _port;
        private readonly HdlcDecoder _decoder = new HdlcDecoder(MaxFrame);
        private readonly HdlcEncoder _encoder = new HdlcEncoder(MaxFrame);
        private readonly byte[] _rx = new byte[256];
        private readonly LcpProtocol _lcp;
        private readonly IpcpProtocol _ipcp;
        private readonly PapClient _pap;
        private readonly ChapClient _chap;
        private byte[] _user = new byte[0];
        private byte[] _password = new byte[0];
        private uint _txAccm = 0xFFFFFFFF;
        private long _nowMs;
        private long _nextEchoMs;
        private int _echoOutstanding;
        private bool _closing;
        private bool _stoppingAbove;

        /// <summary>A link on <paramref name="port"/> (the modem's data port, or a direct line).</summary>
        public PppLink(ISerialPort port, IRandomSource random, ICryptoProvider crypto)
        {
            if (port == null)
            {
                throw new ArgumentNullException("port");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            if (crypto == null)
            {
                throw new ArgumentNullException("crypto");
            }

            _port = port;
            _lcp = new LcpProtocol(this, random);
            _ipcp = new IpcpProtocol(this);
            _pap = new PapClient(this);
            _chap = new ChapClient(this, crypto);
            EchoIntervalMs = 10000;
            EchoMaxMissed = 4;
        }

        /// <summary>Where the link is (RFC 1661 §3.2).</summary>
        public PppPhase Phase { get; private set; }

        /// <summary>Why the link last failed; None after a clean close.</summary>
        public PppFailure LastFailure { get; private set; }

        /// <summary>Takes inbound IPv4 packets while Running.</summary>
        public IPppIpReceiver Receiver { get; set; }

        /// <summary>LCP Echo-Request interval while the link is up; 0 = no keepalive.</summary>
        public int EchoIntervalMs { get; set; }

        /// <summary>Unanswered Echo-Requests after which the link is declared dead.</summary>
        public int EchoMaxMissed { get; set; }

        /// <summary>LCP, for the console (state, magic numbers, MRU, ACCM, authentication).</summary>
        public LcpProtocol Lcp
        {
            get { return _lcp; }
        }

        /// <summary>IPCP, for the console (state, addresses).</summary>
        public IpcpProtocol Ipcp
        {
            get { return _ipcp; }
        }

        /// <summary>CHAP, for the console and tests (responses sent).</summary>
        public ChapClient Chap
        {
            get { return _chap; }
        }

        /// <summary>Our IPv4 address (host order) while Running, else 0.</summary>
        public uint LocalAddress
        {
            get { return Phase == PppPhase.Running ? _ipcp.LocalAddress : 0; }
        }

        /// <summary>The peer's IPv4 address while Running, else 0.</summary>
        public uint PeerAddress
        {
            get { return Phase == PppPhase.Running ? _ipcp.PeerAddress : 0; }
        }

        /// <summary>Good frames received.</summary>
        public long FramesIn { get; private set; }

        /// <summary>Frames sent.</summary>
        public long FramesOut { get; private set; }

        /// <summary>Frames dropped for a bad FCS, abort or length.</summary>
        public long BadFrames { get; private set; }

        /// <summary>Good frames dropped (wrong phase, unknown protocol, too short).</summary>
        public long Discarded { get; private set; }

        /// <summary>True when a user name is set (we can answer PAP or CHAP).</summary>
        public bool HasCredentials
        {
            get { return _user.Length > 0; }
        }

        internal byte[] User
        {
            get { return _user; }
        }

        internal byte[] Password
        {
            get { return _password; }
        }

        /// <summary>Sets the PAP/CHAP user name and password (secret); the old ones are wiped.</summary>
        public void SetCredentials(string user, string password)
        {
            WipeCredentials();
            _user = Bytes(user);
            _password = Bytes(password);
        }

        /// <summary>Zeroes the stored password.</summary>
        public void WipeCredentials()
        {
            Array.Clear(_password, 0, _password.Length);
            _password = new byte[0];
            _user = new byte[0];
        }

        /// <summary>The line is up (CONNECT, or a direct cable): start LCP.</summary>
        public void Open(long nowMs)
        {
            _nowMs = nowMs;
            if (_lcp.State != PppState.Initial)
            {
                // A new call: whatever the last one left (Stopped after a timeout, Closed) starts over.
                _closing = true;
                _lcp.Down(nowMs);
                _lcp.Close(nowMs);
                StopAbove();
            }

            LastFailure = PppFailure.None;
            _closing = false;
            _lcp.Reset();
            _ipcp.Reset();
            Phase = PppPhase.Establish;
            _lcp.Open(nowMs);
            _lcp.Up(nowMs);
        }

        /// <summary>Ends the link politely (Terminate-Request); <see cref="Phase"/> becomes Dead when done.</summary>
        public void Close(long nowMs)
        {
            _nowMs = nowMs;
            if (Phase == PppPhase.Dead)
            {
                return;
            }

            _closing = true;
            Phase = PppPhase.Terminate;
            _lcp.Close(nowMs);
        }

        /// <summary>The line dropped (NO CARRIER): everything stops at once.</summary>
        public void LowerDown(long nowMs)
        {
            _nowMs = nowMs;
            if (Phase == PppPhase.Dead)
            {
                return;
            }

            if (LastFailure == PppFailure.None && !_closing)
            {
                LastFailure = PppFailure.LowerLayerDown;
            }

            _lcp.Down(nowMs);
            _lcp.Close(nowMs);
            StopAbove();
            Phase = PppPhase.Dead;
        }

        /// <summary>Reads and handles what arrived, runs the timers; returns the frames handled.</summary>
        public int Poll(long nowMs)
        {
            _nowMs = nowMs;
            int frames = 0;
            int n;
            int chunks = 0;

            // Bounded, so a flooding line cannot starve the rest of the run loop.
            while (chunks++ < MaxChunksPerPoll && (n = _port.Read(_rx, 0, _rx.Length)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    HdlcStatus status = _decoder.Push(_rx[i]);
                    if (status == HdlcStatus.Frame)
                    {
                        FramesIn++;
                        frames++;
                        Dispatch(_decoder.Frame, _decoder.FrameLength);
                    }
                    else if (status != HdlcStatus.None)
                    {
                        BadFrames++;
                    }
                }
            }

            _lcp.Tick(nowMs);
            _ipcp.Tick(nowMs);
            _pap.Tick(nowMs);
            _chap.Tick(nowMs);
            Keepalive(nowMs);
            return frames;
        }

        /// <summary>Sends one IPv4 packet; false unless the link is Running (or the packet is over the peer's MRU).</summary>
        [FastPath]
        public bool SendIpv4(byte[] packet, int offset, int count)
        {
            if (Phase != PppPhase.Running || count > _lcp.PeerMru)
            {
                return false;
            }

            _encoder.Begin(_txAccm);
            _encoder.Add(0xFF);
            _encoder.Add(0x03);
            _encoder.Add(0x00);
            _encoder.Add(0x21);
            if (!_encoder.Add(packet, offset, count))
            {
                return false;
            }

            int n = _encoder.Finish();
            _port.Write(_encoder.Output, 0, n);
            FramesOut++;
            return true;
        }

        /// <summary>Sends a control packet (LCP always with the full ACCM, RFC 1662 §7.1).</summary>
        internal void SendControl(ushort protocol, byte[] packet, int offset, int count)
        {
            _encoder.Begin(protocol == PppProtocol.Lcp ? 0xFFFFFFFF : _txAccm);
            _encoder.Add(0xFF);
            _encoder.Add(0x03);
            _encoder.Add((byte)(protocol >> 8));
            _encoder.Add((byte)protocol);
            _encoder.Add(packet, offset, count);
            int n = _encoder.Finish();
            _port.Write(_encoder.Output, 0, n);
            FramesOut++;
        }

        internal void OnLcpUp()
        {
            _txAccm = _lcp.PeerAccm;
            _decoder.ReceiveAccm = _lcp.OurAccm;
            _echoOutstanding = 0;
            _nextEchoMs = _nowMs + EchoIntervalMs;
            if (_lcp.AuthProtocol == PppProtocol.Pap)
            {
                Phase = PppPhase.Authenticate;
                _pap.Start(_nowMs);
            }
            else if (_lcp.AuthProtocol == PppProtocol.Chap)
            {
                Phase = PppPhase.Authenticate;
                _chap.Start(_nowMs);
            }
            else
            {
                EnterNetwork();
            }
        }

        internal void OnLcpDown()
        {
            StopAbove();
            _txAccm = 0xFFFFFFFF;
            _decoder.ReceiveAccm = 0xFFFFFFFF;
            if (Phase != PppPhase.Dead)
            {
                Phase = _closing ? PppPhase.Terminate : PppPhase.Establish;
            }
        }

        internal void OnLcpFinished()
        {
            if (LastFailure == PppFailure.None && !_closing)
            {
                LastFailure = PppFailure.LcpTimeout;
            }

            StopAbove();
            Phase = PppPhase.Dead;
        }

        internal void OnPeerTerminated()
        {
            if (LastFailure == PppFailure.None && !_closing)
            {
                LastFailure = PppFailure.PeerTerminated;
            }
        }

        internal void OnAuthResult(bool success, PppFailure failure)
        {
            if (Phase != PppPhase.Authenticate)
            {
                return;
            }

            if (success)
            {
                EnterNetwork();
                return;
            }

            Fail(failure);
        }

        internal void OnIpcpUp()
        {
            if (_ipcp.LocalAddress == 0)
            {
                Fail(PppFailure.IpcpRejected);
                return;
            }

            Phase = PppPhase.Running;
        }

        internal void OnIpcpDown()
        {
            if (Phase == PppPhase.Running)
            {
                Phase = PppPhase.Network;
            }
        }

        internal void OnIpcpFinished()
        {
            if (_stoppingAbove || _closing || Phase == PppPhase.Dead || Phase == PppPhase.Terminate)
            {
                return;
            }

            Fail(_ipcp.AddressRejected ? PppFailure.IpcpRejected : PppFailure.IpcpTimeout);
        }

        internal void OnProtocolReject(ushort protocol)
        {
            if (protocol == PppProtocol.Ipcp)
            {
                LastFailure = PppFailure.IpcpRejected;
                _ipcp.ProtocolRejected(_nowMs);
            }
        }

        internal void OnEchoReply()
        {
            _echoOutstanding = 0;
        }

        private void Dispatch(byte[] frame, int length)
        {
            int i = 0;
            if (length >= 2 && frame[0] == 0xFF && frame[1] == 0x03)
            {
                i = 2;
            }

            if (i >= length)
            {
                Discarded++;
                return;
            }

            ushort protocol;
            if ((frame[i] & 1) != 0)
            {
                // Protocol-Field-Compression: one octet (RFC 1661 §6.5).
                protocol = frame[i];
                i++;
            }
            else
            {
                if (i + 2 > length)
                {
                    Discarded++;
                    return;
                }

                protocol = (ushort)((frame[i] << 8) | frame[i + 1]);
                i += 2;
            }

            int count = length - i;
            if (protocol == PppProtocol.Ipv4)
            {
                if (Phase == PppPhase.Running && Receiver != null)
                {
                    Receiver.ReceiveIpv4(frame, i, count);
                }
                else
                {
                    Discarded++;
                }

                return;
            }

            if (protocol == PppProtocol.Lcp)
            {
                _lcp.Receive(frame, i, count, _nowMs);
            }
            else if (protocol == PppProtocol.Pap && Phase == PppPhase.Authenticate)
            {
                _pap.Receive(frame, i, count);
            }
            else if (protocol == PppProtocol.Chap && (Phase == PppPhase.Authenticate || Phase == PppPhase.Network || Phase == PppPhase.Running))
            {
                _chap.Receive(frame, i, count, _nowMs);
            }
            else if (protocol == PppProtocol.Ipcp && (Phase == PppPhase.Network || Phase == PppPhase.Running))
            {
                _ipcp.Receive(frame, i, count, _nowMs);
            }
            else if (protocol == PppProtocol.Pap || protocol == PppProtocol.Chap || protocol == PppProtocol.Ipcp)
            {
                // A protocol we speak, but not in this phase (RFC 1661 §3.2): silently discarded.
                Discarded++;
            }
            else
            {
                Discarded++;
                _lcp.SendProtocolReject(protocol, frame, i, count);
            }
        }

        private void EnterNetwork()
        {
            Phase = PppPhase.Network;
            _ipcp.Reset();
            _ipcp.Open(_nowMs);
            _ipcp.Up(_nowMs);
        }

        private void Keepalive(long nowMs)
        {
            if (EchoIntervalMs <= 0 || _lcp.State != PppState.Opened || nowMs < _nextEchoMs)
            {
                return;
            }

            if (_echoOutstanding >= EchoMaxMissed)
            {
                Fail(PppFailure.EchoTimeout);
                return;
            }

            _echoOutstanding++;
            _nextEchoMs = nowMs + EchoIntervalMs;
            _lcp.SendEchoRequest();
        }

        private void Fail(PppFailure failure)
        {
            if (LastFailure == PppFailure.None)
            {
                LastFailure = failure;
            }

            Close(_nowMs);
        }

        private void StopAbove()
        {
            _stoppingAbove = true;
            _pap.Stop();
            _chap.Stop();
            _ipcp.Down(_nowMs);
            _ipcp.Close(_nowMs);
            _stoppingAbove = false;
        }

        private static byte[] Bytes(string text)
        {
            if (text == null)
            {
                return new byte[0];
            }

            var bytes = new byte[text.Length > 255 ? 255 : text.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }
    }
}
