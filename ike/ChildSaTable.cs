using System.Collections;
using NanoGate.Hal;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// The IPsec SA pairs (<see cref="ChildSa"/>) a <see cref="QuickMode"/> has installed: lookup by
    /// SPI, settling a new pair against what it replaces and against a rekey collision (RFC 7296
    /// §2.8.1's lowest-nonce rule), retiring, and deletion with Delete(ESP, our inbound SPI) to the peer
    /// (RFC 2409 §5.7, RFC 2408 §3.15). Inbound packet counts per ISAKMP SA feed dead peer detection
    /// (RFC 3706 §5: traffic is an answer).
    /// </summary>
    internal sealed class ChildSaTable
    {
        /// <summary>
        /// A replaced pair's inbound SA keeps accepting for this long (ms) before we delete it and send
        /// the Delete: ESP the peer sent just before it switched to the new pair still arrives.
        /// </summary>
        public const long RetireGraceMs = 3000;

        /// <summary>
        /// A pair the peer replaced is deleted by the peer; if its Delete does not come within this
        /// long (ms), we delete it ourselves.
        /// </summary>
        public const long PeerDeleteWaitMs = 30000;

        private readonly ArrayList _children = new ArrayList();
        private readonly IkeDaemon _daemon;
        private readonly IIpsecSaInstaller _installer;
        private readonly IQuickModeListener _listener;
        private readonly InformationalSender _info;
        private readonly byte[] _spi = new byte[4];

        /// <summary>Pairs installed through <paramref name="installer"/>; Deletes go out through <paramref name="info"/>.</summary>
        internal ChildSaTable(IkeDaemon daemon, IIpsecSaInstaller installer, IQuickModeListener listener, InformationalSender info)
        {
            _daemon = daemon;
            _installer = installer;
            _listener = listener;
            _info = info;
        }

        /// <summary>The pairs (installed, being rekeyed, or retired and waiting to be deleted), oldest first.</summary>
        internal ArrayList All
        {
            get { return _children; }
        }

        /// <summary>Rekey collisions resolved (both ends renewed the same pair; one of the new pairs was retired).</summary>
        internal int Collisions { get; private set; }

        /// <summary>The pair with <paramref name="spi"/> as its inbound or outbound SPI, or null.</summary>
        internal ChildSa FindChild(uint spi)
        {
            for (int i = 0; i < _children.Count; i++)
            {
                ChildSa c = (ChildSa)_children[i];
                if (c.InboundSpi == spi || c.OutboundSpi == spi)
                {
                    return c;
                }
            }

            return null;
        }

        internal ChildSa FindByOutbound(uint spi)
        {
            for (int i = 0; i < _children.Count; i++)
            {
                ChildSa c = (ChildSa)_children[i];
                if (c.OutboundSpi == spi)
                {
                    return c;
                }
            }

            return null;
        }

        /// <summary>
        /// A new pair is in: what it replaces is retired (outbound removed now, inbound deleted after
        /// <see cref="RetireGraceMs"/> by the side that rekeyed, on the peer's Delete otherwise). A pair
        /// of the same tunnel that came up while our quick mode ran is a collision (both ends rekeyed or
        /// started at once): as RFC 7296 §2.8.1 settles it, the pair whose exchange holds the lowest of
        /// the four nonces is redundant, and its initiator deletes it. Both ends reach the same verdict,
        /// so exactly one pair stays.
        /// </summary>
        internal void Settle(ChildSa child, QuickModeExchange x, long nowMs)
        {
            if (x.Replaces != null && x.Replaces.State == ChildSaState.Retired)
            {
                // The peer's rekey retired it first; we rekeyed it too, so we delete it.
                long at = nowMs + RetireGraceMs;
                x.Replaces.DeleteAtMs = at < x.Replaces.DeleteAtMs ? at : x.Replaces.DeleteAtMs;
            }

            for (int i = _children.Count - 1; i >= 0; i--)
            {
                ChildSa other = (ChildSa)_children[i];
                if (other == child || other.Policy != child.Policy || other.Peer != child.Peer || other.RemoteIdentity != child.RemoteIdentity || other.State == ChildSaState.Retired)
                {
                    continue;
                }

                if (other != x.Replaces && other.EstablishedMs >= x.StartedMs)
                {
                    Collisions++;
                    ChildSa loser = HoldsLowestNonce(child, other) ? child : other;
                    Retire(loser, nowMs + (loser.Initiator ? RetireGraceMs : PeerDeleteWaitMs));
                    if (loser == child)
                    {
                        return;
                    }

                    continue;
                }

                // Its predecessor (ours to delete if we rekeyed, the peer's otherwise).
                Retire(other, nowMs + (x.Initiator ? RetireGraceMs : PeerDeleteWaitMs));
            }
        }

        /// <summary>Stops sending on <paramref name="c"/> (the tunnel's newest other outbound SA takes over) and schedules its deletion.</summary>
        private void Retire(ChildSa c, long deleteAtMs)
        {
            c.State = ChildSaState.Retired;
            c.DeleteAtMs = deleteAtMs;
            _installer.RemoveOutbound(c.InboundSpi);
        }

        /// <summary>True when <paramref name="a"/>'s nonces hold the lowest of the four (compared as unsigned big-endian numbers).</summary>
        private static bool HoldsLowestNonce(ChildSa a, ChildSa b)
        {
            return Compare(a.LowestNonce, b.LowestNonce) < 0;
        }

        /// <summary>The lower of two nonces (unsigned big-endian numbers; the shorter is lower).</summary>
        internal static byte[] Lower(byte[] a, byte[] b)
        {
            return Compare(a, b) <= 0 ? a : b;
        }

        private static int Compare(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return a.Length < b.Length ? -1 : 1;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return a[i] < b[i] ? -1 : 1;
                }
            }

            return 0;
        }

        /// <summary>
        /// Removes <paramref name="c"/> from the data path; with <paramref name="notifyPeer"/> first sends
        /// Delete(ESP, our inbound SPI) under its ISAKMP SA (RFC 2408 §3.15; the peer deletes the pair
        /// whose outbound SPI that is, as strongSwan does).
        /// </summary>
        internal void DeleteChild(ChildSa c, bool notifyPeer, string why, long nowMs)
        {
            _children.Remove(c);
            if (notifyPeer)
            {
                IkeSa via = c.Sa != null && c.Sa.State == IkeSaState.Established ? c.Sa : EstablishedFor(c);
                if (via != null)
                {
                    BigEndian.WriteUInt32(_spi, 0, c.InboundSpi);
                    _info.SendDelete(via, ProtocolId.IpsecEsp, _spi, 4, nowMs);
                }
            }

            _installer.Remove(c.InboundSpi);
            c.State = ChildSaState.Retired;
            c.DeleteAtMs = long.MaxValue;
            _listener.OnPhase2Deleted(c, why);
        }

        /// <summary>The newest established ISAKMP SA with <paramref name="c"/>'s remote gateway, or null.</summary>
        internal IkeSa EstablishedFor(ChildSa c)
        {
            IkeSa best = null;
            for (int i = 0; i < _daemon.Capacity; i++)
            {
                IkeSa s = _daemon.GetSa(i);
                if (s != null && s.State == IkeSaState.Established && c.BelongsTo(s) && (best == null || s.EstablishedMs >= best.EstablishedMs))
                {
                    best = s;
                }
            }

            return best;
        }

        /// <summary>
        /// DPD: an ISAKMP SA whose pairs received ESP since the last look has heard from its peer at
        /// <paramref name="nowMs"/> (RFC 3706 §5.2, traffic is proof of life). One pass over the pairs,
        /// so a hub's run loop does not grow with tunnels x tunnels (a sum per ISAKMP SA did).
        /// </summary>
        internal void NoteInboundTraffic(long nowMs)
        {
            for (int i = 0; i < _children.Count; i++)
            {
                ChildSa c = (ChildSa)_children[i];
                long p = _installer.InboundPackets(c.InboundSpi);
                p = p > 0 ? p : 0;
                if (p == c.InboundPacketsSeen)
                {
                    continue;
                }

                // The first look only takes the count.
                if (c.InboundPacketsSeen >= 0 && c.Sa != null)
                {
                    c.Sa.LastHeardMs = nowMs;
                }

                c.InboundPacketsSeen = p;
            }
        }
    }
}
