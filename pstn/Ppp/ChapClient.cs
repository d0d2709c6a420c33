using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Pstn.Ppp
{
    /// <summary>
    /// CHAP with MD5 as the authenticating peer (RFC 1994 §4): to each Challenge (code 1) we
    /// answer a Response (code 2) with the same Identifier whose Value is
    /// MD5(Identifier || secret || Challenge Value) (§4.1, §2 "one-way hash") and whose Name is our
    /// user name; Success (3) or Failure (4) ends the phase. The authenticator may challenge again
    /// at any time while the link is up (§2.1), and we answer again.
    /// </summary>
    public sealed class ChapClient
    {
        /// <summary>Challenge (RFC 1994 §4.1).</summary>
        public const byte Challenge = 1;

        /// <summary>Response (RFC 1994 §4.1).</summary>
        public const byte Response = 2;

        /// <summary>Success (RFC 1994 §4.2).</summary>
        public const byte Success = 3;

        /// <summary>Failure (RFC 1994 §4.2).</summary>
        public const byte Failure = 4;

        /// <summary>How long we wait for the first challenge (our choice).</summary>
        public const int ChallengeWaitMs = 30000;

        private readonly PppLink _link;
        private readonly IHash _md5;
        private readonly byte[] _tx = new byte[600];
        private readonly byte[] _one = new byte[1];
        private bool _waiting;
        private bool _authenticated;
        private long _deadline;

        /// <summary>CHAP on <paramref name="link"/>, hashing with the board's MD5.</summary>
        public ChapClient(PppLink link, ICryptoProvider crypto)
        {
            _link = link;
            _md5 = crypto.CreateHash(HashAlgorithm.Md5);
        }

        /// <summary>Responses sent (including re-challenges).</summary>
        public int Responses { get; private set; }

        /// <summary>Starts waiting for the authenticator's challenge.</summary>
        public void Start(long nowMs)
        {
            _waiting = true;
            _authenticated = false;
            _deadline = nowMs + ChallengeWaitMs;
        }

        /// <summary>Stops (link down).</summary>
        public void Stop()
        {
            _waiting = false;
            _authenticated = false;
        }

        /// <summary>Gives up when no challenge and no verdict came in time.</summary>
        public void Tick(long nowMs)
        {
            if (_waiting && nowMs >= _deadline)
            {
                _waiting = false;
                _link.OnAuthResult(false, PppFailure.AuthTimeout);
            }
        }

        /// <summary>A CHAP packet from the peer.</summary>
        public void Receive(byte[] packet, int offset, int count, long nowMs)
        {
            if (count < 4 || BigEndian.ReadUInt16(packet, offset + 2) > count || (!_waiting && !_authenticated))
            {
                return;
            }

            byte code = packet[offset];
            byte id = packet[offset + 1];
            int length = BigEndian.ReadUInt16(packet, offset + 2);
            if (code == Challenge)
            {
                if (length < 5 || packet[offset + 4] == 0 || 5 + packet[offset + 4] > length)
                {
                    return;
                }

                Respond(id, packet, offset + 5, packet[offset + 4]);
                if (_waiting)
                {
                    _deadline = nowMs + ChallengeWaitMs;
                }
            }
            else if ((code == Success || code == Failure) && _waiting)
            {
                _waiting = false;
                _authenticated = code == Success;
                _link.OnAuthResult(code == Success, PppFailure.AuthFailed);
            }
        }

        private void Respond(byte id, byte[] challenge, int offset, int count)
        {
            byte[] secret = _link.Password;
            byte[] name = _link.User;
            int length = 4 + 1 + 16 + name.Length;
            if (length > _tx.Length)
            {
                return;
            }

            _one[0] = id;
            _md5.Append(_one, 0, 1);
            _md5.Append(secret, 0, secret.Length);
            _md5.Append(challenge, offset, count);
            _tx[0] = Response;
            _tx[1] = id;
            BigEndian.WriteUInt16(_tx, 2, (ushort)length);
            _tx[4] = 16;
            _md5.Finish(_tx, 5);
            System.Array.Copy(name, 0, _tx, 21, name.Length);
            _link.SendControl(PppProtocol.Chap, _tx, 0, length);
            Responses++;
        }
    }
}
