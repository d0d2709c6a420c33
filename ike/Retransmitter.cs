using System;
using NanoGate.Hal;
using NanoGate.Ike.Wire;
using NanoGate.Nat;

namespace NanoGate.Ike
{
    /// <summary>
    /// Everything the daemon puts on the wire, on UDP 500 or 4500 (with the non-ESP marker, RFC
    /// 3948 §2.2): phase 1 messages kept for retransmission on the <see cref="RetransmitPolicy"/>
    /// timer, answers repeated for a retransmitted request, error notifies in the clear, protected
    /// phase 2 messages and NAT keepalives (RFC 3948 §2.3).
    /// </summary>
    public sealed class Retransmitter
    {
        private readonly IDatagramTransport _port500;
        private readonly IDatagramTransport _port4500;
        private readonly IRandomSource _random;
        private readonly MessageBuilder _notifyBuilder = new MessageBuilder();
        private readonly byte[] _notify = new byte[128];
        private readonly byte[] _spi = new byte[16];
        private readonly byte[] _keepalive = new byte[1];

        /// <summary>Sends through <paramref name="port500"/> and <paramref name="port4500"/>; notify message IDs from <paramref name="random"/>.</summary>
        public Retransmitter(IDatagramTransport port500, IDatagramTransport port4500, IRandomSource random)
        {
            _port500 = port500;
            _port4500 = port4500;
            _random = random;
            Policy = new RetransmitPolicy();
        }

        /// <summary>Retransmission timing (default: strongSwan's 4 s x 1.8^n, 5 retransmits).</summary>
        public RetransmitPolicy Policy { get; private set; }

        /// <summary>IKE datagrams sent by the daemon (first transmissions, retransmissions, answers, notifies).</summary>
        public int Sent { get; private set; }

        /// <summary>Our retransmissions.</summary>
        public int Retransmissions { get; private set; }

        /// <summary>NAT keepalives sent.</summary>
        public int KeepalivesSent { get; private set; }

        /// <summary>
        /// Keeps and sends a freshly built phase 1 datagram (marker included): retransmitted until an
        /// answer when <paramref name="awaitReply"/>, else the SA waits <paramref name="halfOpenTimeoutMs"/>
        /// for the peer's next message.
        /// </summary>
        public void SendNew(IkeSa sa, byte[] d, bool awaitReply, long halfOpenTimeoutMs, long nowMs)
        {
            sa.LastSent = d;
            sa.LastSentMs = nowMs;
            sa.AwaitingReply = awaitReply;
            sa.Retransmits = 0;
            sa.NextTimerMs = awaitReply ? nowMs + Policy.WaitMs(0) : nowMs + halfOpenTimeoutMs;
            Transmit(sa, d, nowMs);
        }

        /// <summary>The SA's last message again, when its timer ran out and tries are left; false when none are (it failed).</summary>
        public bool RetransmitIfTriesLeft(IkeSa sa, long nowMs)
        {
            if (!sa.AwaitingReply || sa.Retransmits >= Policy.Tries)
            {
                return false;
            }

            sa.Retransmits++;
            sa.NextTimerMs = nowMs + Policy.WaitMs(sa.Retransmits);
            Retransmissions++;
            Transmit(sa, sa.LastSent, nowMs);
            return true;
        }

        /// <summary>A stored datagram (marker included) to the SA's peer again: an answer repeated, not a retransmission.</summary>
        public void Transmit(IkeSa sa, byte[] d, long nowMs)
        {
            Sent++;
            bool marker = d.Length >= 4 && d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == 0;
            if (marker)
            {
                sa.Keepalive.NoteSent(nowMs);
                _port4500.Send(d, 0, d.Length, sa.PeerAddress, sa.PeerPort);
            }
            else
            {
                _port500.Send(d, 0, d.Length, sa.PeerAddress, sa.PeerPort);
            }
        }

        /// <summary>
        /// An ISAKMP message (without marker) of an established SA to the peer's current endpoint, on
        /// 4500 with the marker once floated (quick mode and informational).
        /// </summary>
        public bool Send(IkeSa sa, byte[] b, int offset, int count, long nowMs)
        {
            return SendTo(sa, b, offset, count, sa.PeerAddress, sa.PeerPort, sa.LocalPort, nowMs);
        }

        /// <summary>As <see cref="Send"/>, to an endpoint of the caller's choice (an answer to where a request came from).</summary>
        public bool SendTo(IkeSa sa, byte[] b, int offset, int count, uint address, int port, int localPort, long nowMs)
        {
            // Quick mode and informational messages count as sent like phase 1's (issue 16).
            Sent++;
            if (localPort == IkeDaemon.NatTPort)
            {
                byte[] d = new byte[count + Port4500Demux.NonEspMarkerLength];
                Array.Copy(b, offset, d, Port4500Demux.NonEspMarkerLength, count);
                sa.Keepalive.NoteSent(nowMs);
                return _port4500.Send(d, 0, d.Length, address, port);
            }

            return _port500.Send(b, offset, count, address, port);
        }

        /// <summary>HDR, N(type) in the clear with SPI = CKY-I | CKY-R (RFC 2408 §3.14, §4.8), from <paramref name="localPort"/>.</summary>
        public void SendNotify(byte[] cookieI, byte[] cookieR, uint address, int port, int localPort, int type)
        {
            bool marker = localPort == IkeDaemon.NatTPort;
            _random.Fill(_spi, 0, 4);
            uint mid = BigEndian.ReadUInt32(_spi, 0) | 1;
            _notifyBuilder.Begin(_notify, 0, _notify.Length, marker, cookieI, 0, cookieR, 0, ExchangeType.Informational, 0, mid);
            Array.Copy(cookieI, 0, _spi, 0, 8);
            Array.Copy(cookieR, 0, _spi, 8, 8);
            _notifyBuilder.Append(PayloadType.Notification, NotifyPayload.Write(_notify, _notifyBuilder.Position, _notifyBuilder.Room,
                SaPayload.DoiIpsec, ProtocolId.Isakmp, type, _spi, 0, 16, null, 0, 0));
            int n = _notifyBuilder.Finish();
            if (n > 0)
            {
                (marker ? _port4500 : _port500).Send(_notify, 0, n, address, port);
                Sent++;
            }
        }

        /// <summary>A NAT keepalive (one 0xFF byte, RFC 3948 §2.3) when the SA's schedule says so.</summary>
        public void KeepaliveIfDue(IkeSa sa, long nowMs)
        {
            if (sa.Keepalive.IsDue(nowMs))
            {
                Port4500Demux.WriteKeepalive(_keepalive, 0);
                _port4500.Send(_keepalive, 0, 1, sa.PeerAddress, sa.PeerPort);
                sa.Keepalive.NoteSent(nowMs);
                KeepalivesSent++;
            }
        }
    }
}
