using System.Collections;
using NanoGate.Ike.Config;

namespace NanoGate.Ike
{
    /// <summary>
    /// The tunnels over their life (strongSwan's child_sa_manager): which quick mode starts when,
    /// and when an IPsec SA pair goes. It owns the installed pairs (<see cref="ChildSaTable"/>), the
    /// policies with their pending and auto-start timers (<see cref="IpsecPolicyTable"/>) and the
    /// timing constants: a tunnel comes up on demand (an acquire, <c>tunnel initiate</c>), at once
    /// after phase 1 when it waited for one, or by itself (<c>sa trigger-mode auto</c>, every
    /// <see cref="AutoRetryMs"/>); it is renewed make-before-break at a share of its lifetime
    /// (<see cref="InitiatorSoftPercent"/>, <see cref="ResponderSoftPercent"/>); a replaced pair is
    /// retired after <see cref="RetireGraceMs"/>; a dead peer's pairs go and restart when configured.
    /// Quick mode itself (<see cref="QuickModeDispatcher"/>) is only asked to start; the manager
    /// never builds or reads a message.
    /// </summary>
    public sealed class ChildSaManager
    {
        /// <summary><c>sa trigger-mode auto</c>: a tunnel that is down is initiated again at most this often (ms).</summary>
        public const long AutoRetryMs = 30000;

        /// <summary>How long a replaced pair keeps accepting (<see cref="ChildSaTable.RetireGraceMs"/>).</summary>
        public const long RetireGraceMs = ChildSaTable.RetireGraceMs;

        /// <summary>How long we wait for the peer's Delete of a pair it replaced (<see cref="ChildSaTable.PeerDeleteWaitMs"/>).</summary>
        public const long PeerDeleteWaitMs = ChildSaTable.PeerDeleteWaitMs;

        /// <summary>Rekey at this share of the lifetime (percent) on the side that initiated the quick mode...</summary>
        public const int InitiatorSoftPercent = 85;

        /// <summary>...and at this share on the responder's side, so that the initiator normally rekeys alone.</summary>
        public const int ResponderSoftPercent = 93;

        /// <summary>Random points (percent) taken off either share (strongSwan's rand_time).</summary>
        public const int SoftJitterPercent = 3;

        private readonly IkeDaemon _daemon;
        private readonly IQuickModeListener _listener;
        private readonly IpsecPolicyTable _policies;
        private readonly ChildSaTable _pairs;
        private readonly ArrayList _children;
        private readonly QuickModeDispatcher _quickModes;
        private readonly DeadPeerDetection _dpd;

        /// <summary>Tunnels of <paramref name="daemon"/>'s peers; quick modes start through <paramref name="quickModes"/>.</summary>
        internal ChildSaManager(IkeDaemon daemon, IQuickModeListener listener, IpsecPolicyTable policies, ChildSaTable pairs,
            QuickModeDispatcher quickModes, DeadPeerDetection dpd)
        {
            _daemon = daemon;
            _listener = listener;
            _policies = policies;
            _pairs = pairs;
            _children = pairs.All;
            _quickModes = quickModes;
            _dpd = dpd;
        }

        /// <summary>Number of IPsec SA pairs we know (installed, being rekeyed, or retired and waiting to be deleted).</summary>
        public int Count
        {
            get { return _children.Count; }
        }

        /// <summary>The i-th IPsec SA pair.</summary>
        public ChildSa Get(int index)
        {
            return (ChildSa)_children[index];
        }

        /// <summary>The pair with <paramref name="spi"/> as its inbound or outbound SPI, or null.</summary>
        public ChildSa Find(uint spi)
        {
            return _pairs.FindChild(spi);
        }

        /// <summary>
        /// Brings up the tunnel of policy <paramref name="name"/>: quick mode at once on an
        /// established ISAKMP SA with its peer, else phase 1 first (quick mode follows from
        /// <see cref="OnPhase1Established"/>). False when the policy or its peer is unknown.
        /// </summary>
        public bool Initiate(string name, long nowMs)
        {
            int index = _policies.Find(name);
            if (index < 0)
            {
                return false;
            }

            IpsecPolicy policy = _policies.Get(index);
            PeerConfig peer = _daemon.Peers.Find(policy.PeerName);
            if (peer == null || peer.RemoteAddress == 0)
            {
                return false;
            }

            if (_quickModes.IsRunning(policy))
            {
                return true;
            }

            StartOrQueue(index, peer, null, nowMs);
            return true;
        }

        /// <summary>
        /// Renews the pair with <paramref name="spi"/> (either direction) before it expires: a new
        /// quick mode whose SAs replace it make-before-break (the data path's soft lifetime asks for
        /// this). False when no such pair is installed or its policy is gone.
        /// </summary>
        public bool Rekey(uint spi, long nowMs)
        {
            ChildSa c = Find(spi);
            if (c == null || c.State != ChildSaState.Installed)
            {
                return false;
            }

            int index = _policies.IndexOf(c.Policy);
            if (index < 0)
            {
                return false;
            }

            c.State = ChildSaState.Rekeying;
            if (_quickModes.IsRunning(c.Policy))
            {
                // A quick mode for this tunnel is under way already (the peer's, or an acquire's).
                return true;
            }

            // On the pair's own remote gateway (one configuration may serve several).
            IkeSa sa = c.Sa != null && c.Sa.State == IkeSaState.Established ? c.Sa : _pairs.EstablishedFor(c);
            if (sa != null)
            {
                _quickModes.Start(sa, c.Policy, _policies.ProposalAt(index), c, nowMs);
                return true;
            }

            if (c.Peer.RemoteAddress == 0 || c.Peer.RemotePrefixLength != 32)
            {
                // We cannot reach a dynamic peer first: it renews, or the pair expires.
                c.State = ChildSaState.Installed;
                return false;
            }

            StartOrQueue(index, c.Peer, c, nowMs);
            return true;
        }

        /// <summary>
        /// Deletes the pair with <paramref name="spi"/> (either direction) with a Delete to the peer
        /// (RFC 2408 §4.8). False when ike does not know the SA.
        /// </summary>
        public bool Delete(uint spi, string why, long nowMs)
        {
            ChildSa c = Find(spi);
            if (c == null)
            {
                return false;
            }

            _pairs.DeleteChild(c, true, why, nowMs);
            return true;
        }

        /// <summary>Deletes every IPsec SA pair, telling the peers; returns the pairs deleted.</summary>
        public int DeleteAll(long nowMs)
        {
            int n = _children.Count;
            while (_children.Count > 0)
            {
                _pairs.DeleteChild((ChildSa)_children[_children.Count - 1], true, "reset", nowMs);
            }

            return n;
        }

        /// <summary>Pending quick modes whose phase 1 is up or failed, retired pairs due, dead peers, auto-start.</summary>
        internal void Poll(long nowMs)
        {
            StartPending(nowMs);
            for (int i = _children.Count - 1; i >= 0; i--)
            {
                ChildSa c = (ChildSa)_children[i];
                if (nowMs >= c.DeleteAtMs)
                {
                    _pairs.DeleteChild(c, true, "replaced", nowMs);
                }
            }

            string why;
            for (IkeSa dead = _dpd.Poll(nowMs, out why); dead != null; dead = _dpd.Poll(nowMs, out why))
            {
                OnPeerDead(dead, why, nowMs);
            }

            StartAutoPolicies(nowMs);
        }

        /// <summary>The earliest time <see cref="Poll"/> has work (ms), or long.MaxValue.</summary>
        internal long NextDeadlineMs
        {
            get
            {
                // Pending quick modes start from OnPhase1Established, not from a deadline.
                long next = long.MaxValue;
                for (int i = 0; i < _children.Count; i++)
                {
                    long t = ((ChildSa)_children[i]).DeleteAtMs;
                    next = t < next ? t : next;
                }

                for (int i = 0; i < _policies.Count; i++)
                {
                    if (_policies.Get(i).AutoStart && !HasLivePair(_policies.Get(i)))
                    {
                        next = _policies.AutoNextMs(i) < next ? _policies.AutoNextMs(i) : next;
                    }
                }

                long dpd = _dpd.NextDeadlineMs;
                return dpd < next ? dpd : next;
            }
        }

        /// <summary>Phase 1 with a peer is up: its waiting quick modes start, its pairs move onto it (or go on INITIAL-CONTACT).</summary>
        internal void OnPhase1Established(IkeSa sa, long nowMs)
        {
            _dpd.OnEstablished(sa);
            for (int i = _policies.PendingCount - 1; i >= 0; i--)
            {
                IpsecPolicy policy = _policies.PendingAt(i);
                int index = _policies.IndexOf(policy);
                if (policy.PeerName == sa.Peer.Name && index >= 0)
                {
                    ChildSa replaces = _policies.PendingReplacesAt(i);
                    _policies.RemovePendingAt(i);
                    _quickModes.Start(sa, policy, _policies.ProposalAt(index), replaces, nowMs);
                }
            }

            for (int i = _children.Count - 1; i >= 0; i--)
            {
                ChildSa c = (ChildSa)_children[i];
                if (!c.BelongsTo(sa))
                {
                    continue;
                }

                if (sa.PeerSentInitialContact)
                {
                    // RFC 2407 §4.6.3.3: the peer forgot these; no Delete (it would not know the SPIs).
                    _pairs.DeleteChild(c, false, "peer sent INITIAL-CONTACT", nowMs);
                }
                else if (c.Sa == null || c.Sa.State != IkeSaState.Established)
                {
                    c.Sa = sa;
                }
            }
        }

        /// <summary>
        /// <paramref name="sa"/> is being deleted: its pairs go with it (<paramref name="dropChildren"/>)
        /// or move to another established SA with the same remote (RFC 2409 §5.5: they outlive it).
        /// </summary>
        internal void OnPhase1Deleting(IkeSa sa, bool notifyPeer, bool dropChildren, long nowMs)
        {
            IkeSa other = _daemon.Sas.FindOtherEstablished(sa);
            for (int i = _children.Count - 1; i >= 0; i--)
            {
                ChildSa c = (ChildSa)_children[i];
                if (c.Sa != sa)
                {
                    continue;
                }

                if (dropChildren)
                {
                    _pairs.DeleteChild(c, notifyPeer, notifyPeer ? "reset" : "its ISAKMP SA is gone", nowMs);
                }
                else
                {
                    c.Sa = other;
                }
            }
        }

        /// <summary>The peer left the configuration: its pairs and policies go.</summary>
        internal void OnPeerRemoved(PeerConfig peer, long nowMs)
        {
            for (int i = _children.Count - 1; i >= 0; i--)
            {
                ChildSa c = (ChildSa)_children[i];
                if (c.Peer == peer)
                {
                    // No ISAKMP SA is left to carry a Delete: the peer's side expires or meets DPD.
                    _pairs.DeleteChild(c, false, "peer removed from the configuration", nowMs);
                }
            }

            _policies.RemovePeer(peer.Name);
        }

        /// <summary>Queued quick modes whose phase 1 came up start; those whose phase 1 failed are dropped.</summary>
        private void StartPending(long nowMs)
        {
            for (int i = _policies.PendingCount - 1; i >= 0; i--)
            {
                IpsecPolicy policy = _policies.PendingAt(i);
                PeerConfig peer = _daemon.Peers.Find(policy.PeerName);
                IkeSa sa = peer == null ? null : _daemon.FindEstablished(peer);
                ChildSa replaces = _policies.PendingReplacesAt(i);
                if (sa != null)
                {
                    _policies.RemovePendingAt(i);
                    int index = _policies.IndexOf(policy);
                    if (index >= 0)
                    {
                        _quickModes.Start(sa, policy, _policies.ProposalAt(index), replaces, nowMs);
                    }
                }
                else if (peer == null || !_daemon.Sas.HasAny(peer))
                {
                    // Phase 1 failed (its error was reported): the next acquire tries again.
                    _policies.RemovePendingAt(i);
                    ChildSa.Unmark(replaces);
                }
            }
        }

        private void StartOrQueue(int index, PeerConfig peer, ChildSa replaces, long nowMs)
        {
            IpsecPolicy policy = _policies.Get(index);
            IkeSa sa = _daemon.FindEstablished(peer);
            if (sa != null)
            {
                _quickModes.Start(sa, policy, _policies.ProposalAt(index), replaces, nowMs);
                return;
            }

            _policies.Queue(policy, replaces);

            if (!_daemon.Sas.HasAny(peer))
            {
                _daemon.Initiate(peer, nowMs);
            }
        }

        /// <summary>Dead peer (from <see cref="DeadPeerDetection"/>): its SAs go, its tunnels restart when configured so.</summary>
        private void OnPeerDead(IkeSa sa, string detail, long nowMs)
        {
            PeerConfig peer = sa.Peer;
            _listener.OnPeerDead(sa, detail);
            ArrayList restart = new ArrayList();
            for (int i = _children.Count - 1; i >= 0; i--)
            {
                ChildSa c = (ChildSa)_children[i];
                if (c.BelongsTo(sa))
                {
                    if (!restart.Contains(c.Policy))
                    {
                        restart.Add(c.Policy);
                    }

                    _pairs.DeleteChild(c, false, "dead peer", nowMs);
                }
            }

            for (int i = 0; i < _daemon.Capacity; i++)
            {
                IkeSa s = _daemon.GetSa(i);
                if (s != null && (s == sa || s.IsSameRemote(sa)))
                {
                    _daemon.Delete(s, false, true, nowMs);
                }
            }

            // Only a peer we can reach by its configured address (not a range or "any") is restarted.
            if (peer.DpdAction == DpdAction.Restart && peer.RemoteAddress != 0 && peer.RemotePrefixLength == 32)
            {
                for (int i = 0; i < restart.Count; i++)
                {
                    Initiate(((IpsecPolicy)restart[i]).Name, nowMs);
                }
            }
        }

        /// <summary>
        /// <c>sa trigger-mode auto</c>: a policy without a live pair, no quick mode under way and none
        /// waiting for its phase 1 is initiated, at most every <see cref="AutoRetryMs"/>.
        /// </summary>
        private void StartAutoPolicies(long nowMs)
        {
            for (int i = 0; i < _policies.Count; i++)
            {
                IpsecPolicy policy = _policies.Get(i);
                if (!policy.AutoStart || nowMs < _policies.AutoNextMs(i) || HasLivePair(policy) || _quickModes.IsRunning(policy) || _policies.IsPending(policy))
                {
                    continue;
                }

                _policies.SetAutoNextMs(i, nowMs + AutoRetryMs);
                Initiate(policy.Name, nowMs);
            }
        }

        private bool HasLivePair(IpsecPolicy policy)
        {
            for (int i = 0; i < _children.Count; i++)
            {
                ChildSa c = (ChildSa)_children[i];
                if (c.Policy == policy && c.State != ChildSaState.Retired)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
