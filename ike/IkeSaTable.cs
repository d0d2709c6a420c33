using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// The ISAKMP SAs of a daemon: a fixed number of slots (no allocation per message), SAs made
    /// with fresh cookies (RFC 2408 §2.5.3), found by cookies for each message, and the counts of
    /// half-open responder SAs that the first-message admission caps.
    /// </summary>
    public sealed class IkeSaTable
    {
        private readonly IkeSa[] _sas;
        private readonly IRandomSource _random;
        private int _serial;

        /// <summary>A table of <paramref name="capacity"/> slots; cookies come from <paramref name="random"/>.</summary>
        public IkeSaTable(int capacity, IRandomSource random)
        {
            _sas = new IkeSa[capacity];
            _random = random;
        }

        /// <summary>Number of slots.</summary>
        public int Capacity
        {
            get { return _sas.Length; }
        }

        /// <summary>Slot <paramref name="index"/> (null when free).</summary>
        public IkeSa Get(int index)
        {
            return _sas[index];
        }

        /// <summary>True when a slot is free.</summary>
        public bool HasRoom
        {
            get { return FreeSlot() >= 0; }
        }

        /// <summary>
        /// A new SA in a free slot, with our cookie (CKY-I as initiator, CKY-R as responder, whose
        /// CKY-I is <paramref name="peerCookie"/>); null when the table is full.
        /// </summary>
        internal IkeSa Create(PeerConfig peer, bool initiator, ExchangeMode mode, byte[] peerCookie, long nowMs)
        {
            int slot = FreeSlot();
            if (slot < 0)
            {
                return null;
            }

            IkeSa sa = new IkeSa(++_serial, peer, initiator, mode, nowMs);
            if (initiator)
            {
                NewCookie(sa.CookieI);
            }
            else
            {
                System.Array.Copy(peerCookie, 0, sa.CookieI, 0, 8);
                NewCookie(sa.CookieR);
            }

            _sas[slot] = sa;
            return sa;
        }

        /// <summary>Frees the slot of <paramref name="sa"/>, marks it dead and wipes its keys and DH pair.</summary>
        internal void Remove(IkeSa sa)
        {
            sa.State = IkeSaState.Dead;
            sa.Keepalive.Disable();
            if (sa.Keys != null)
            {
                sa.Keys.Wipe();
            }

            if (sa.Iv != null)
            {
                // The phase 1 cipher (phase 2 IV chains share it).
                sa.Iv.Cipher.Wipe();
            }

            if (sa.Dh != null)
            {
                sa.Dh.Wipe();
                sa.Dh = null;
            }

            if (sa.Job != null)
            {
                // Nobody will take its result: wiped now, or by the runner when the computation ends.
                sa.Job.Cancel();
                sa.Job = null;
            }

            for (int i = 0; i < _sas.Length; i++)
            {
                if (_sas[i] == sa)
                {
                    _sas[i] = null;
                }
            }
        }

        /// <summary>
        /// The SA a message with these cookies belongs to (RFC 2408 §2.5.3), or null: a known
        /// cookie pair; the responder's first answer or error notify to our first message; a
        /// retransmitted first message from the same source.
        /// </summary>
        public IkeSa Lookup(ulong icky, ulong rcky, int exchange, uint source)
        {
            for (int i = 0; i < _sas.Length; i++)
            {
                IkeSa sa = _sas[i];
                if (sa == null || sa.InitiatorCookie != icky)
                {
                    continue;
                }

                ulong mine = sa.ResponderCookie;
                if (mine == rcky && rcky != 0)
                {
                    return sa;
                }

                // The responder's first answer (or its error notify) to our first message.
                if (sa.IsInitiator && mine == 0 && (rcky != 0 || exchange == ExchangeType.Informational))
                {
                    return sa;
                }

                // A retransmitted first message of a negotiation we already answered.
                if (rcky == 0 && !sa.IsInitiator && sa.PeerAddress == source)
                {
                    return sa;
                }

                // An error notify before the responder kept any state.
                if (rcky == 0 && sa.IsInitiator && exchange == ExchangeType.Informational)
                {
                    return sa;
                }
            }

            return null;
        }

        /// <summary>The newest established SA with <paramref name="peer"/>, or null.</summary>
        public IkeSa FindEstablished(PeerConfig peer)
        {
            IkeSa best = null;
            for (int i = 0; i < _sas.Length; i++)
            {
                IkeSa sa = _sas[i];
                if (sa != null && sa.Peer == peer && sa.State == IkeSaState.Established && (best == null || sa.EstablishedMs >= best.EstablishedMs))
                {
                    best = sa;
                }
            }

            return best;
        }

        /// <summary>The newest established SA with the same remote gateway as <paramref name="sa"/> other than it, or null.</summary>
        public IkeSa FindOtherEstablished(IkeSa sa)
        {
            IkeSa best = null;
            for (int i = 0; i < _sas.Length; i++)
            {
                IkeSa s = _sas[i];
                if (s != null && s != sa && s.IsSameRemote(sa) && s.State == IkeSaState.Established
                    && (best == null || s.EstablishedMs >= best.EstablishedMs))
                {
                    best = s;
                }
            }

            return best;
        }

        /// <summary>Whether a phase 1 with <paramref name="peer"/> is under way (not established yet).</summary>
        public bool IsNegotiating(PeerConfig peer)
        {
            for (int i = 0; i < _sas.Length; i++)
            {
                IkeSa sa = _sas[i];
                if (sa != null && sa.Peer == peer && sa.State != IkeSaState.Established && sa.State != IkeSaState.Dead)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether any live SA (negotiating or established) with <paramref name="peer"/> exists.</summary>
        public bool HasAny(PeerConfig peer)
        {
            for (int i = 0; i < _sas.Length; i++)
            {
                IkeSa sa = _sas[i];
                if (sa != null && sa.Peer == peer && sa.State != IkeSaState.Dead)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Responder SAs not yet established from <paramref name="address"/>.</summary>
        public int HalfOpenFrom(uint address)
        {
            int n = 0;
            for (int i = 0; i < _sas.Length; i++)
            {
                IkeSa sa = _sas[i];
                if (sa != null && !sa.IsInitiator && sa.State != IkeSaState.Established && sa.PeerAddress == address)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Responder SAs not yet established of peers configured by address range (prefix below 32).</summary>
        public int HalfOpenOfRangePeers()
        {
            int n = 0;
            for (int i = 0; i < _sas.Length; i++)
            {
                IkeSa sa = _sas[i];
                if (sa != null && !sa.IsInitiator && sa.State != IkeSaState.Established && sa.Peer.RemotePrefixLength < 32)
                {
                    n++;
                }
            }

            return n;
        }

        private int FreeSlot()
        {
            for (int i = 0; i < _sas.Length; i++)
            {
                if (_sas[i] == null)
                {
                    return i;
                }
            }

            return -1;
        }

        private void NewCookie(byte[] cookie)
        {
            do
            {
                _random.Fill(cookie, 0, 8);
            }
            while (BigEndian.ReadUInt64(cookie, 0) == 0);
        }
    }
}
