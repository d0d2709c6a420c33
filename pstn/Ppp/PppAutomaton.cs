using NanoGate.Hal;

namespace NanoGate.Pstn.Ppp
{
    /// <summary>
    /// The option negotiation automaton of RFC 1661 §4, shared by LCP and IPCP (RFC 1332 §2: "the
    /// same as LCP"). The state transition table of §4.1 is written out event by event below, with
    /// the actions of §4.4 (tlu, tld, tls, tlf, irc, zrc, scr, sca, scn, str, sta, scj) and the
    /// restart timer and counters of §4.6. Subclasses say what their options mean:
    /// <see cref="WriteRequestOptions"/>, <see cref="CheckRequest"/>, <see cref="ApplyNak"/>,
    /// <see cref="ApplyReject"/>, and the This-Layer hooks. Peer input never throws: a malformed
    /// packet is counted and dropped (§5: "silently discarded").
    /// </summary>
    public abstract class PppAutomaton
    {
        /// <summary>Restart timer default (RFC 1661 §4.6: 3 seconds).</summary>
        public const int DefaultRestartMs = 3000;

        /// <summary>Max-Terminate default (RFC 1661 §4.6: 2).</summary>
        public const int MaxTerminate = 2;

        /// <summary>Max-Configure default (RFC 1661 §4.6: 10).</summary>
        public const int MaxConfigure = 10;

        /// <summary>Largest control packet we build or answer (fits the default MRU).</summary>
        protected const int MaxPacket = 1500;

        private readonly PppLink _link;
        private readonly ushort _protocol;
        private readonly byte[] _tx = new byte[MaxPacket];
        private readonly byte[] _lastRequest = new byte[MaxPacket];
        private readonly OptionList _nakList = new OptionList(MaxPacket);
        private readonly OptionList _rejectList = new OptionList(MaxPacket);
        private int _lastRequestLength;
        private int _restartCounter;
        private long _timerDeadline = -1;
        private byte _requestId;
        private byte _nextId;
        private long _nowMs;

        /// <summary>An automaton for <paramref name="protocol"/> that sends through <paramref name="link"/>.</summary>
        protected PppAutomaton(PppLink link, ushort protocol)
        {
            _link = link;
            _protocol = protocol;
            RestartMs = DefaultRestartMs;
        }

        /// <summary>The automaton's state.</summary>
        public PppState State { get; private set; }

        /// <summary>The restart timer (RFC 1661 §4.6).</summary>
        public int RestartMs { get; set; }

        /// <summary>Packets dropped as malformed or unexpected.</summary>
        public int Discarded { get; private set; }

        /// <summary>Configure-Naks and Configure-Rejects we sent.</summary>
        public int NaksSent { get; private set; }

        /// <summary>The link this automaton runs on.</summary>
        protected PppLink Link
        {
            get { return _link; }
        }

        /// <summary>Up event: the lower layer is ready.</summary>
        public void Up(long nowMs)
        {
            _nowMs = nowMs;
            switch (State)
            {
                case PppState.Initial:
                    State = PppState.Closed;
                    break;
                case PppState.Starting:
                    Irc(MaxConfigure);
                    Scr();
                    State = PppState.ReqSent;
                    break;
            }
        }

        /// <summary>Down event: the lower layer is gone.</summary>
        public void Down(long nowMs)
        {
            _nowMs = nowMs;
            switch (State)
            {
                case PppState.Closed:
                case PppState.Closing:
                    State = PppState.Initial;
                    break;
                case PppState.Stopped:
                    State = PppState.Starting;
                    ThisLayerStarted();
                    break;
                case PppState.Stopping:
                case PppState.ReqSent:
                case PppState.AckRcvd:
                case PppState.AckSent:
                    State = PppState.Starting;
                    break;
                case PppState.Opened:
                    State = PppState.Starting;
                    ThisLayerDown();
                    break;
            }

            _timerDeadline = -1;
        }

        /// <summary>Open event: the administrator (or the layer below) wants the link.</summary>
        public void Open(long nowMs)
        {
            _nowMs = nowMs;
            switch (State)
            {
                case PppState.Initial:
                    State = PppState.Starting;
                    ThisLayerStarted();
                    break;
                case PppState.Closed:
                    Irc(MaxConfigure);
                    Scr();
                    State = PppState.ReqSent;
                    break;
                case PppState.Closing:
                    State = PppState.Stopping;
                    break;
            }
        }

        /// <summary>Close event: terminate the link.</summary>
        public void Close(long nowMs)
        {
            _nowMs = nowMs;
            switch (State)
            {
                case PppState.Starting:
                    State = PppState.Initial;
                    ThisLayerFinished();
                    break;
                case PppState.Stopped:
                    State = PppState.Closed;
                    break;
                case PppState.Stopping:
                    State = PppState.Closing;
                    break;
                case PppState.Opened:
                    ThisLayerDown();
                    Irc(MaxTerminate);
                    Str();
                    State = PppState.Closing;
                    break;
                case PppState.ReqSent:
                case PppState.AckRcvd:
                case PppState.AckSent:
                    Irc(MaxTerminate);
                    Str();
                    State = PppState.Closing;
                    break;
            }
        }

        /// <summary>Runs the restart timer (TO+ and TO- events).</summary>
        public void Tick(long nowMs)
        {
            _nowMs = nowMs;
            if (_timerDeadline < 0 || nowMs < _timerDeadline)
            {
                return;
            }

            _timerDeadline = -1;
            bool more = _restartCounter > 0;
            switch (State)
            {
                case PppState.Closing:
                case PppState.Stopping:
                    if (more)
                    {
                        Str();
                    }
                    else
                    {
                        State = State == PppState.Closing ? PppState.Closed : PppState.Stopped;
                        ThisLayerFinished();
                    }

                    break;
                case PppState.ReqSent:
                case PppState.AckRcvd:
                case PppState.AckSent:
                    if (more)
                    {
                        Scr();
                        if (State == PppState.AckRcvd)
                        {
                            State = PppState.ReqSent;
                        }
                    }
                    else
                    {
                        // TO-: the peer never answered (the "p" of §4.1: passive from now on).
                        State = PppState.Stopped;
                        ThisLayerFinished();
                    }

                    break;
            }
        }

        /// <summary>One received packet of this protocol (code, identifier, length, data; RFC 1661 §5).</summary>
        public void Receive(byte[] packet, int offset, int count, long nowMs)
        {
            _nowMs = nowMs;
            if (count < 4)
            {
                Discarded++;
                return;
            }

            byte code = packet[offset];
            byte id = packet[offset + 1];
            int length = BigEndian.ReadUInt16(packet, offset + 2);
            if (length < 4 || length > count)
            {
                Discarded++;
                return;
            }

            // Octets past Length are padding (RFC 1661 §5).
            int data = offset + 4;
            int dataLength = length - 4;
            if (State == PppState.Initial || State == PppState.Starting)
            {
                Discarded++;
                return;
            }

            switch (code)
            {
                case PppCode.ConfigureRequest:
                    ReceiveConfigureRequest(packet, offset, id, data, dataLength);
                    break;
                case PppCode.ConfigureAck:
                    if (id != _requestId || dataLength != _lastRequestLength || !Same(packet, data, _lastRequest, dataLength))
                    {
                        Discarded++;
                        return;
                    }

                    Rca();
                    break;
                case PppCode.ConfigureNak:
                case PppCode.ConfigureReject:
                    if (id != _requestId || !OptionsWellFormed(packet, data, dataLength))
                    {
                        Discarded++;
                        return;
                    }

                    if (code == PppCode.ConfigureNak)
                    {
                        ApplyNak(packet, data, dataLength);
                    }
                    else
                    {
                        ApplyReject(packet, data, dataLength);
                    }

                    Rcn();
                    break;
                case PppCode.TerminateRequest:
                    Rtr(id);
                    break;
                case PppCode.TerminateAck:
                    Rta();
                    break;
                case PppCode.CodeReject:
                    // Rejecting a code we need (1..7) is fatal (RXJ-); anything else is not (RXJ+).
                    if (dataLength > 0 && packet[data] >= 1 && packet[data] <= 7)
                    {
                        RxjMinus();
                    }

                    break;
                default:
                    if (!ReceiveOtherCode(code, id, packet, data, dataLength))
                    {
                        Ruc(packet, offset, length);
                    }

                    break;
            }
        }

        /// <summary>RXJ- from outside (LCP saw a Protocol-Reject for this protocol, RFC 1661 §5.7).</summary>
        public void ProtocolRejected(long nowMs)
        {
            _nowMs = nowMs;
            RxjMinus();
        }

        /// <summary>Writes our Configure-Request options at <paramref name="offset"/>; returns their length.</summary>
        protected abstract int WriteRequestOptions(byte[] buffer, int offset);

        /// <summary>
        /// Checks the peer's options (RFC 1661 §5.1-5.4): appends unacceptable values with our
        /// alternative to the Nak list and unknown options to the Reject list. The automaton answers
        /// Reject if that list is not empty, else Nak if that one is not, else Ack.
        /// </summary>
        protected abstract void CheckRequest(byte[] packet, int offset, int count, OptionList nak, OptionList reject);

        /// <summary>The peer's Configure-Nak: adopt its values for our next request.</summary>
        protected abstract void ApplyNak(byte[] packet, int offset, int count);

        /// <summary>The peer's Configure-Reject: stop asking for those options.</summary>
        protected abstract void ApplyReject(byte[] packet, int offset, int count);

        /// <summary>This-Layer-Up (tlu).</summary>
        protected virtual void ThisLayerUp()
        {
        }

        /// <summary>This-Layer-Down (tld).</summary>
        protected virtual void ThisLayerDown()
        {
        }

        /// <summary>This-Layer-Started (tls).</summary>
        protected virtual void ThisLayerStarted()
        {
        }

        /// <summary>This-Layer-Finished (tlf).</summary>
        protected virtual void ThisLayerFinished()
        {
        }

        /// <summary>The peer sent Terminate-Request (outside our own termination).</summary>
        protected virtual void TerminatedByPeer()
        {
        }

        /// <summary>The peer's Configure-Request is about to be answered (LCP resets its view of the peer).</summary>
        protected virtual void BeginCheck()
        {
        }

        /// <summary>Codes other than 1-7 (LCP: Protocol-Reject, Echo, Discard); false = unknown (RUC).</summary>
        protected virtual bool ReceiveOtherCode(byte code, byte id, byte[] packet, int offset, int count)
        {
            return false;
        }

        /// <summary>An event in Opened that starts negotiation over: tld, scr, to Req-Sent (RFC 1661 §4.1).</summary>
        private void Renegotiate()
        {
            ThisLayerDown();
            Scr();
            State = PppState.ReqSent;
        }

        /// <summary>The restart timer stops and the layer is finished: tlf, to Closed or Stopped (RFC 1661 §4.1).</summary>
        private void Finish(PppState state)
        {
            State = state;
            _timerDeadline = -1;
            ThisLayerFinished();
        }

        /// <summary>Sends a packet of this protocol with the given code and identifier.</summary>
        protected void SendPacket(byte code, byte id, byte[] data, int offset, int count)
        {
            _tx[0] = code;
            _tx[1] = id;
            BigEndian.WriteUInt16(_tx, 2, (ushort)(count + 4));
            for (int i = 0; i < count; i++)
            {
                _tx[4 + i] = data[offset + i];
            }

            _link.SendControl(_protocol, _tx, 0, count + 4);
        }

        /// <summary>A fresh identifier for a request we originate.</summary>
        protected byte NextId()
        {
            return ++_nextId;
        }

        /// <summary>Walks options: each is type, length (at least 2) and data, fitting exactly.</summary>
        protected static bool OptionsWellFormed(byte[] packet, int offset, int count)
        {
            int i = 0;
            while (i < count)
            {
                if (count - i < 2 || packet[offset + i + 1] < 2 || packet[offset + i + 1] > count - i)
                {
                    return false;
                }

                i += packet[offset + i + 1];
            }

            return true;
        }

        private void ReceiveConfigureRequest(byte[] packet, int offset, byte id, int data, int dataLength)
        {
            // Closed: sta/2; Stopped: irc,scr,(sca|scn)/(8|6); Closing/Stopping: ignore (§4.1).
            if (State == PppState.Closed)
            {
                Sta(id);
                return;
            }

            if (State == PppState.Closing || State == PppState.Stopping)
            {
                return;
            }

            if (!OptionsWellFormed(packet, data, dataLength))
            {
                Discarded++;
                return;
            }

            _nakList.Clear();
            _rejectList.Clear();
            BeginCheck();
            CheckRequest(packet, data, dataLength, _nakList, _rejectList);
            bool good = _nakList.Length == 0 && _rejectList.Length == 0;

            if (State == PppState.Opened)
            {
                ThisLayerDown();
                Scr();
            }
            else if (State == PppState.Stopped)
            {
                Irc(MaxConfigure);
                Scr();
            }

            if (good)
            {
                SendPacket(PppCode.ConfigureAck, id, packet, data, dataLength);
                if (State == PppState.AckRcvd)
                {
                    State = PppState.Opened;
                    _timerDeadline = -1;
                    ThisLayerUp();
                }
                else
                {
                    State = PppState.AckSent;
                }
            }
            else
            {
                NaksSent++;
                if (_rejectList.Length > 0)
                {
                    SendPacket(PppCode.ConfigureReject, id, _rejectList.Buffer, 0, _rejectList.Length);
                }
                else
                {
                    SendPacket(PppCode.ConfigureNak, id, _nakList.Buffer, 0, _nakList.Length);
                }

                if (State != PppState.AckRcvd)
                {
                    State = PppState.ReqSent;
                }
            }
        }

        private void Rca()
        {
            switch (State)
            {
                case PppState.Closed:
                case PppState.Stopped:
                    Sta(_requestId);
                    break;
                case PppState.ReqSent:
                    Irc(MaxConfigure);
                    State = PppState.AckRcvd;
                    break;
                case PppState.AckRcvd:
                    // Crossed connection (x): start over.
                    Scr();
                    State = PppState.ReqSent;
                    break;
                case PppState.AckSent:
                    Irc(MaxConfigure);
                    State = PppState.Opened;
                    _timerDeadline = -1;
                    ThisLayerUp();
                    break;
                case PppState.Opened:
                    Renegotiate();
                    break;
            }
        }

        private void Rcn()
        {
            switch (State)
            {
                case PppState.Closed:
                case PppState.Stopped:
                    Sta(_requestId);
                    break;
                case PppState.ReqSent:
                case PppState.AckSent:
                    Irc(MaxConfigure);
                    Scr();
                    break;
                case PppState.AckRcvd:
                    Scr();
                    State = PppState.ReqSent;
                    break;
                case PppState.Opened:
                    Renegotiate();
                    break;
            }
        }

        private void Rtr(byte id)
        {
            if (State != PppState.Closing && State != PppState.Stopping)
            {
                TerminatedByPeer();
            }

            switch (State)
            {
                case PppState.AckRcvd:
                case PppState.AckSent:
                    Sta(id);
                    State = PppState.ReqSent;
                    break;
                case PppState.Opened:
                    ThisLayerDown();
                    _restartCounter = 0;
                    _timerDeadline = _nowMs + RestartMs;
                    Sta(id);
                    State = PppState.Stopping;
                    break;
                default:
                    Sta(id);
                    break;
            }
        }

        private void Rta()
        {
            switch (State)
            {
                case PppState.Closing:
                    Finish(PppState.Closed);
                    break;
                case PppState.Stopping:
                    Finish(PppState.Stopped);
                    break;
                case PppState.AckRcvd:
                    State = PppState.ReqSent;
                    break;
                case PppState.Opened:
                    Renegotiate();
                    break;
            }
        }

        private void RxjMinus()
        {
            switch (State)
            {
                case PppState.Closed:
                case PppState.Closing:
                    Finish(PppState.Closed);
                    break;
                case PppState.Stopped:
                case PppState.Stopping:
                case PppState.ReqSent:
                case PppState.AckRcvd:
                case PppState.AckSent:
                    Finish(PppState.Stopped);
                    break;
                case PppState.Opened:
                    ThisLayerDown();
                    Irc(MaxTerminate);
                    Str();
                    State = PppState.Stopping;
                    break;
            }
        }

        private void Ruc(byte[] packet, int offset, int length)
        {
            // scj: Code-Reject carrying the rejected packet (RFC 1661 §5.6), cut to fit.
            int n = length > MaxPacket - 4 ? MaxPacket - 4 : length;
            SendPacket(PppCode.CodeReject, NextId(), packet, offset, n);
        }

        private void Irc(int count)
        {
            _restartCounter = count;
        }

        private void Scr()
        {
            _requestId = NextId();
            _lastRequestLength = WriteRequestOptions(_lastRequest, 0);
            SendPacket(PppCode.ConfigureRequest, _requestId, _lastRequest, 0, _lastRequestLength);
            _restartCounter--;
            _timerDeadline = _nowMs + RestartMs;
        }

        private void Str()
        {
            SendPacket(PppCode.TerminateRequest, NextId(), _tx, 0, 0);
            _restartCounter--;
            _timerDeadline = _nowMs + RestartMs;
        }

        private void Sta(byte id)
        {
            SendPacket(PppCode.TerminateAck, id, _tx, 0, 0);
        }

        private static bool Same(byte[] a, int offset, byte[] b, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (a[offset + i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
