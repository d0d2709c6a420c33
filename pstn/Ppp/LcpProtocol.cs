using NanoGate.Hal;

namespace NanoGate.Pstn.Ppp
{
    /// <summary>
    /// The Link Control Protocol (RFC 1661 §5, §6) of an authenticating client: we ask for an MRU,
    /// ACCM 0 and a magic number; we accept the peer's MRU, ACCM, magic number, PFC, ACFC and an
    /// Authentication-Protocol of PAP or CHAP with MD5 (Nak'ing anything else towards CHAP-MD5,
    /// rejecting it when we have no credentials), and reject options we do not know.
    /// Echo-Request is answered with our magic number; Protocol-Reject is passed to the link.
    /// </summary>
    public sealed class LcpProtocol : PppAutomaton
    {
        private static readonly byte[] s_chapMd5 = { LcpOption.AuthProtocol, 5, 0xC2, 0x23, LcpOption.ChapMd5 };

        private readonly IRandomSource _random;
        private readonly byte[] _scratch = new byte[MaxPacket];
        private bool _askMru;
        private bool _askAccm;
        private bool _askMagic;
        private ushort _mru;
        private uint _accm;
        private uint _magic;

        /// <summary>LCP on <paramref name="link"/>, drawing magic numbers from <paramref name="random"/>.</summary>
        public LcpProtocol(PppLink link, IRandomSource random)
            : base(link, PppProtocol.Lcp)
        {
            _random = random;
            Reset();
        }

        /// <summary>The MRU we asked for and the peer accepted (what we can receive).</summary>
        public int OurMru
        {
            get { return _askMru ? _mru : PppLink.DefaultMru; }
        }

        /// <summary>The ACCM the peer applies to what it sends us.</summary>
        public uint OurAccm
        {
            get { return _askAccm ? _accm : 0xFFFFFFFF; }
        }

        /// <summary>Our magic number, 0 when not negotiated.</summary>
        public uint OurMagic
        {
            get { return _askMagic ? _magic : 0; }
        }

        /// <summary>The largest packet the peer takes.</summary>
        public int PeerMru { get; private set; }

        /// <summary>The ACCM we apply when sending to the peer.</summary>
        public uint PeerAccm { get; private set; }

        /// <summary>The peer's magic number, 0 when it sent none.</summary>
        public uint PeerMagic { get; private set; }

        /// <summary>The authentication the peer asked for: 0, <see cref="PppProtocol.Pap"/> or <see cref="PppProtocol.Chap"/>.</summary>
        public ushort AuthProtocol { get; private set; }

        /// <summary>Configure-Requests from the peer carrying our own magic number.</summary>
        public int MagicCollisions { get; private set; }

        /// <summary>Forgets what was negotiated; the next request starts from our defaults.</summary>
        public void Reset()
        {
            _askMru = true;
            _askAccm = true;
            _askMagic = true;
            _mru = PppLink.DefaultMru;
            _accm = 0;
            _magic = NewMagic();
            PeerMru = PppLink.DefaultMru;
            PeerAccm = 0xFFFFFFFF;
            PeerMagic = 0;
            AuthProtocol = 0;
        }

        /// <summary>Sends an Echo-Request carrying our magic number (RFC 1661 §5.8).</summary>
        public void SendEchoRequest()
        {
            BigEndian.WriteUInt32(_scratch, 0, OurMagic);
            SendPacket(PppCode.EchoRequest, NextId(), _scratch, 0, 4);
        }

        /// <summary>Sends Protocol-Reject for a frame of an unknown protocol (RFC 1661 §5.7).</summary>
        public void SendProtocolReject(ushort protocol, byte[] information, int offset, int count)
        {
            if (State != PppState.Opened)
            {
                return;
            }

            int max = PeerMru - 6;
            int n = count > max ? max : count;
            BigEndian.WriteUInt16(_scratch, 0, protocol);
            for (int i = 0; i < n; i++)
            {
                _scratch[2 + i] = information[offset + i];
            }

            SendPacket(PppCode.ProtocolReject, NextId(), _scratch, 0, n + 2);
        }

        /// <inheritdoc/>
        protected override int WriteRequestOptions(byte[] buffer, int offset)
        {
            int n = offset;
            if (_askMru)
            {
                buffer[n] = LcpOption.Mru;
                buffer[n + 1] = 4;
                BigEndian.WriteUInt16(buffer, n + 2, _mru);
                n += 4;
            }

            if (_askAccm)
            {
                buffer[n] = LcpOption.Accm;
                buffer[n + 1] = 6;
                BigEndian.WriteUInt32(buffer, n + 2, _accm);
                n += 6;
            }

            if (_askMagic)
            {
                buffer[n] = LcpOption.MagicNumber;
                buffer[n + 1] = 6;
                BigEndian.WriteUInt32(buffer, n + 2, _magic);
                n += 6;
            }

            return n - offset;
        }

        /// <inheritdoc/>
        protected override void BeginCheck()
        {
            PeerMru = PppLink.DefaultMru;
            PeerAccm = 0xFFFFFFFF;
            PeerMagic = 0;
            AuthProtocol = 0;
        }

        /// <inheritdoc/>
        protected override void CheckRequest(byte[] packet, int offset, int count, OptionList nak, OptionList reject)
        {
            for (int i = offset; i < offset + count; i += packet[i + 1])
            {
                byte type = packet[i];
                int length = packet[i + 1];
                switch (type)
                {
                    case LcpOption.Mru:
                        if (length != 4)
                        {
                            reject.Copy(packet, i);
                        }
                        else if (BigEndian.ReadUInt16(packet, i + 2) < 64)
                        {
                            nak.Add16(LcpOption.Mru, PppLink.DefaultMru);
                        }
                        else
                        {
                            PeerMru = BigEndian.ReadUInt16(packet, i + 2);
                        }

                        break;
                    case LcpOption.Accm:
                        if (length != 6)
                        {
                            reject.Copy(packet, i);
                        }
                        else
                        {
                            PeerAccm = BigEndian.ReadUInt32(packet, i + 2);
                        }

                        break;
                    case LcpOption.AuthProtocol:
                        CheckAuth(packet, i, length, nak, reject);
                        break;
                    case LcpOption.MagicNumber:
                        if (length != 6)
                        {
                            reject.Copy(packet, i);
                            break;
                        }

                        uint magic = BigEndian.ReadUInt32(packet, i + 2);
                        if (_askMagic && magic == _magic && magic != 0)
                        {
                            // RFC 1661 §6.4: our own number came back; Nak with a different one.
                            MagicCollisions++;
                            nak.Add32(LcpOption.MagicNumber, NewMagic());
                        }
                        else
                        {
                            PeerMagic = magic;
                        }

                        break;
                    case LcpOption.Pfc:
                    case LcpOption.Acfc:
                        if (length != 2)
                        {
                            reject.Copy(packet, i);
                        }

                        break;
                    default:
                        reject.Copy(packet, i);
                        break;
                }
            }
        }

        /// <inheritdoc/>
        protected override void ApplyNak(byte[] packet, int offset, int count)
        {
            for (int i = offset; i < offset + count; i += packet[i + 1])
            {
                byte type = packet[i];
                int length = packet[i + 1];
                if (type == LcpOption.Mru && length == 4)
                {
                    ushort mru = BigEndian.ReadUInt16(packet, i + 2);
                    if (mru >= 128 && mru <= PppLink.DefaultMru)
                    {
                        _mru = mru;
                    }
                    else
                    {
                        _askMru = false;
                    }
                }
                else if (type == LcpOption.Accm && length == 6)
                {
                    // RFC 1662 §7.1: the peer names the characters it needs escaped; add them.
                    _accm |= BigEndian.ReadUInt32(packet, i + 2);
                }
                else if (type == LcpOption.MagicNumber && length == 6)
                {
                    _magic = NewMagic();
                }
            }
        }

        /// <inheritdoc/>
        protected override void ApplyReject(byte[] packet, int offset, int count)
        {
            for (int i = offset; i < offset + count; i += packet[i + 1])
            {
                switch (packet[i])
                {
                    case LcpOption.Mru:
                        _askMru = false;
                        break;
                    case LcpOption.Accm:
                        _askAccm = false;
                        break;
                    case LcpOption.MagicNumber:
                        _askMagic = false;
                        break;
                }
            }
        }

        /// <inheritdoc/>
        protected override bool ReceiveOtherCode(byte code, byte id, byte[] packet, int offset, int count)
        {
            switch (code)
            {
                case PppCode.ProtocolReject:
                    if (State == PppState.Opened && count >= 2)
                    {
                        Link.OnProtocolReject(BigEndian.ReadUInt16(packet, offset));
                    }

                    return true;
                case PppCode.EchoRequest:
                    if (State == PppState.Opened && count >= 4)
                    {
                        int n = count > MaxPacket ? MaxPacket : count;
                        for (int i = 0; i < n; i++)
                        {
                            _scratch[i] = packet[offset + i];
                        }

                        BigEndian.WriteUInt32(_scratch, 0, OurMagic);
                        SendPacket(PppCode.EchoReply, id, _scratch, 0, n);
                    }

                    return true;
                case PppCode.EchoReply:
                    if (State == PppState.Opened)
                    {
                        Link.OnEchoReply();
                    }

                    return true;
                case PppCode.DiscardRequest:
                    return true;
                default:
                    return false;
            }
        }

        /// <inheritdoc/>
        protected override void ThisLayerUp()
        {
            Link.OnLcpUp();
        }

        /// <inheritdoc/>
        protected override void ThisLayerDown()
        {
            Link.OnLcpDown();
        }

        /// <inheritdoc/>
        protected override void TerminatedByPeer()
        {
            Link.OnPeerTerminated();
        }

        /// <inheritdoc/>
        protected override void ThisLayerFinished()
        {
            Link.OnLcpFinished();
        }

        private void CheckAuth(byte[] packet, int i, int length, OptionList nak, OptionList reject)
        {
            if (length < 4 || !Link.HasCredentials)
            {
                reject.Copy(packet, i);
                return;
            }

            ushort protocol = BigEndian.ReadUInt16(packet, i + 2);
            if (protocol == PppProtocol.Pap && length == 4)
            {
                AuthProtocol = PppProtocol.Pap;
            }
            else if (protocol == PppProtocol.Chap && length == 5 && packet[i + 4] == LcpOption.ChapMd5)
            {
                AuthProtocol = PppProtocol.Chap;
            }
            else
            {
                // MS-CHAP, EAP, ...: suggest the one we speak (RFC 1661 §6.2).
                nak.AddRaw(s_chapMd5, 0, s_chapMd5.Length);
            }
        }

        private uint NewMagic()
        {
            uint magic = 0;
            while (magic == 0)
            {
                _random.Fill(_scratch, 0, 4);
                magic = BigEndian.ReadUInt32(_scratch, 0);
            }

            return magic;
        }
    }
}
