using NanoGate.Hal;

namespace NanoGate.Pstn.Ppp
{
    /// <summary>
    /// PAP as the authenticating peer (RFC 1334 §2.2): Authenticate-Request (code 1) carrying
    /// Peer-ID and Password, repeated on the restart timer until Authenticate-Ack (2) or
    /// Authenticate-Nak (3) arrives or the tries run out.
    /// </summary>
    public sealed class PapClient
    {
        /// <summary>Authenticate-Request (RFC 1334 §2.2.1).</summary>
        public const byte Request = 1;

        /// <summary>Authenticate-Ack (RFC 1334 §2.2.2).</summary>
        public const byte Ack = 2;

        /// <summary>Authenticate-Nak (RFC 1334 §2.2.2).</summary>
        public const byte Nak = 3;

        private readonly PppLink _link;
        private readonly byte[] _tx = new byte[600];
        private bool _running;
        private byte _id;
        private int _triesLeft;
        private long _deadline;

        /// <summary>PAP on <paramref name="link"/>.</summary>
        public PapClient(PppLink link)
        {
            _link = link;
        }

        /// <summary>Requests sent before giving up (our choice, like Max-Configure).</summary>
        public int MaxTries { get; set; } = 10;

        /// <summary>Sends the first Authenticate-Request.</summary>
        public void Start(long nowMs)
        {
            _running = true;
            _triesLeft = MaxTries;
            _id++;
            Send(nowMs);
        }

        /// <summary>Stops retrying (link down).</summary>
        public void Stop()
        {
            _running = false;
        }

        /// <summary>Retransmits on the restart timer; gives up after <see cref="MaxTries"/>.</summary>
        public void Tick(long nowMs)
        {
            if (!_running || nowMs < _deadline)
            {
                return;
            }

            if (_triesLeft == 0)
            {
                _running = false;
                _link.OnAuthResult(false, PppFailure.AuthTimeout);
                return;
            }

            Send(nowMs);
        }

        /// <summary>A PAP packet from the peer.</summary>
        public void Receive(byte[] packet, int offset, int count)
        {
            if (!_running || count < 4 || packet[offset + 1] != _id || BigEndian.ReadUInt16(packet, offset + 2) > count)
            {
                return;
            }

            byte code = packet[offset];
            if (code == Ack || code == Nak)
            {
                _running = false;
                _link.OnAuthResult(code == Ack, PppFailure.AuthFailed);
            }
        }

        private void Send(long nowMs)
        {
            byte[] user = _link.User;
            byte[] password = _link.Password;
            int length = 4 + 1 + user.Length + 1 + password.Length;
            if (length > _tx.Length)
            {
                _running = false;
                _link.OnAuthResult(false, PppFailure.AuthFailed);
                return;
            }

            _tx[0] = Request;
            _tx[1] = _id;
            BigEndian.WriteUInt16(_tx, 2, (ushort)length);
            _tx[4] = (byte)user.Length;
            System.Array.Copy(user, 0, _tx, 5, user.Length);
            _tx[5 + user.Length] = (byte)password.Length;
            System.Array.Copy(password, 0, _tx, 6 + user.Length, password.Length);
            _link.SendControl(PppProtocol.Pap, _tx, 0, length);
            System.Array.Clear(_tx, 0, length);
            _triesLeft--;
            _deadline = nowMs + PppAutomaton.DefaultRestartMs;
        }
    }
}
