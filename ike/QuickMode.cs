using System;
using System.Collections;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Wire;
using NanoGate.Nat;

namespace NanoGate.Ike
{
    /// <summary>
    /// Quick mode (RFC 2409 §5.5) in both roles on established ISAKMP SAs, and the protected
    /// informational exchange (§5.7) for its errors and DPD answers:
    /// <code>
    ///  Initiator                        Responder
    ///  HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr] -->
    ///                   &lt;-- HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr]
    ///  HDR*, HASH(3) -->
    /// </code>
    /// HASH(1) = prf(SKEYID_a, M-ID | rest), HASH(2) = prf(SKEYID_a, M-ID | Ni_b | rest),
    /// HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b). Each message ID has its own IV chain
    /// starting at hash(last phase 1 block | M-ID). The SAs go to an <see cref="IIpsecSaInstaller"/>.
    /// Registered as the daemon's <see cref="IkeDaemon.Phase2"/> handler; <see cref="Poll"/> runs the timers.
    /// Beside it: <see cref="ProtectedMessage"/> (message IDs, IVs, HASH, seal/open),
    /// <see cref="QuickModePayloads"/> (its payloads), <see cref="Informational"/> (§5.7: notifies,
    /// Deletes, DPD) and <see cref="ChildSaTable"/> (the installed pairs: settle, retire, delete).
    /// </summary>
    public sealed class QuickMode : IIkeExchangeHandler
    {
        /// <summary>Our nonce length (<see cref="QuickModePayloads.NonceLength"/>).</summary>
        public const int NonceLength = QuickModePayloads.NonceLength;

        /// <summary>
        /// First QM1 retransmission (ms): short, because strongSwan drops a QM1 that overtakes the
        /// end of its phase 1; then doubling.
        /// </summary>
        public const long FirstRetransmitMs = 1500;

        /// <summary>QM1 retransmissions before giving up.</summary>
        public const int MaxRetransmits = 5;

        /// <summary><c>sa trigger-mode auto</c>: a tunnel that is down is initiated again at most this often (ms).</summary>
        public const long AutoRetryMs = 30000;

        /// <summary>How long a finished or half-done exchange is kept (answers duplicates), ms.</summary>
        public const long KeepMs = 60000;

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
        private readonly IpsecPolicyTable _policies = new IpsecPolicyTable();
        private readonly QuickModeExchangeTable _exchanges;
        private readonly ArrayList _children;
        private readonly DeadPeerDetection _dpd;
        private readonly ProtectedMessage _msg;
        private readonly Informational _info;
        private readonly InformationalSender _sender;
        private readonly PairInstaller _install;
        private readonly QuickModeResponder _responder;
        private readonly QuickModeInitiator _initiator;
        private readonly QuickModePayloads _payloads;
        private readonly ChildSaTable _pairs;
        private readonly byte[] _spi = new byte[16];
        private int _dropped;

        /// <summary>Quick mode for <paramref name="daemon"/>; registers itself as its phase 2 handler.</summary>
        public QuickMode(IkeDaemon daemon, ICryptoProvider crypto, IRandomSource random, IIpsecSaInstaller installer, IQuickModeListener listener)
        {
            _daemon = daemon;
            _listener = listener;
            _exchanges = new QuickModeExchangeTable(installer, listener);
            _msg = new ProtectedMessage(_exchanges, crypto, random, daemon.Scratch);
            _sender = new InformationalSender(daemon, _msg);
            _pairs = new ChildSaTable(daemon, installer, listener, _sender);
            _dpd = new DeadPeerDetection(daemon, _pairs, _sender, random);
            _info = new Informational(daemon, _dpd, _msg, _sender, _pairs, _exchanges);
            _payloads = new QuickModePayloads(_msg, random);
            _install = new PairInstaller(daemon, crypto, random, installer, listener, _pairs, _sender);
            _initiator = new QuickModeInitiator(daemon, crypto, random, installer, listener, _exchanges, _msg, _payloads, _install);
            _responder = new QuickModeResponder(daemon, crypto, random, installer, listener, _policies, _exchanges, _msg, _payloads, _sender, _install);
            _children = _pairs.All;
            daemon.Phase2 = this;
        }

        /// <summary>Quick modes started (both roles).</summary>
        public int Started
        {
            get { return _initiator.Started + _responder.Started; }
        }

        /// <summary>Quick modes that installed their SAs.</summary>
        public int Established
        {
            get { return _install.Established; }
        }

        /// <summary>QM1 retransmissions.</summary>
        public int Retransmissions { get; private set; }

        /// <summary>Messages dropped (undecryptable, bad hash, unexpected).</summary>
        public int Dropped
        {
            get { return _dropped + _info.Dropped + _responder.Dropped + _initiator.Dropped; }
        }

        /// <summary>DPD R-U-THERE answered (RFC 3706 §5).</summary>
        public int DpdAnswered
        {
            get { return _info.DpdAnswered; }
        }

        /// <summary>
        /// Protected messages dropped as replays (an informational or a QM1 whose message ID the
        /// peer used before under the SA) or as our own sent back to us.
        /// </summary>
        public int ReplaysDropped
        {
            get { return _info.ReplaysDropped + _info.ReflectionsDropped + _responder.ReplaysDropped; }
        }

        /// <summary>Our DPD R-U-THEREs the peer acknowledged (RFC 3706 §5.1).</summary>
        public int DpdAcked
        {
            get { return _dpd.Acked; }
        }

        /// <summary>DPD R-U-THERE we sent (RFC 3706 §5).</summary>
        public int DpdSent
        {
            get { return _dpd.Sent; }
        }

        /// <summary>Peers declared dead by DPD.</summary>
        public int DpdTimeouts
        {
            get { return _dpd.Timeouts; }
        }

        /// <summary>Quick modes that rekeyed an existing pair (our initiative).</summary>
        public int Rekeys
        {
            get { return _initiator.Rekeys; }
        }

        /// <summary>Rekey collisions resolved (both ends renewed the same pair; one of the new pairs was retired).</summary>
        public int Collisions
        {
            get { return _pairs.Collisions; }
        }

        /// <summary>Delete payloads sent (IPsec and ISAKMP).</summary>
        public int DeletesSent
        {
            get { return _sender.DeletesSent; }
        }

        /// <summary>IPsec SA pairs deleted on the peer's Delete.</summary>
        public int DeletesReceived
        {
            get { return _info.DeletesReceived; }
        }

        /// <summary>Number of IPsec SA pairs we know (installed, being rekeyed, or retired and waiting to be deleted).</summary>
        public int ChildCount
        {
            get { return _children.Count; }
        }

        /// <summary>The i-th IPsec SA pair.</summary>
        public ChildSa GetChild(int index)
        {
            return (ChildSa)_children[index];
        }

        /// <summary>The pair with <paramref name="spi"/> as its inbound or outbound SPI, or null.</summary>
        public ChildSa FindChild(uint spi)
        {
            return _pairs.FindChild(spi);
        }

        /// <summary>Adds an ipsec policy with the proposal it offers and accepts.</summary>
        public void AddPolicy(IpsecPolicy policy, IpsecProposal proposal)
        {
            _policies.Add(policy, proposal);
        }

        /// <summary>Forgets every policy (a new configuration).</summary>
        public void ClearPolicies()
        {
            _policies.Clear();
        }

        /// <summary>Number of policies.</summary>
        public int PolicyCount
        {
            get { return _policies.Count; }
        }

        /// <summary>The i-th policy.</summary>
        public IpsecPolicy GetPolicy(int index)
        {
            return _policies.Get(index);
        }

        /// <summary>
        /// Brings up the tunnel of policy <paramref name="name"/>: quick mode at once on an
        /// established ISAKMP SA with its peer, else phase 1 first (quick mode follows from
        /// <see cref="Poll"/>). False when the policy or its peer is unknown.
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

            if (_exchanges.IsRunning(policy))
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
            ChildSa c = FindChild(spi);
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
            if (_exchanges.IsRunning(c.Policy))
            {
                // A quick mode for this tunnel is under way already (the peer's, or an acquire's).
                return true;
            }

            // On the pair's own remote gateway (one configuration may serve several).
            IkeSa sa = c.Sa != null && c.Sa.State == IkeSaState.Established ? c.Sa : _pairs.EstablishedFor(c);
            if (sa != null)
            {
                _initiator.Start(sa, c.Policy, _policies.ProposalAt(index), c, nowMs);
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
        /// The data path's hard lifetime ended for <paramref name="spi"/>: its pair goes, with a Delete to
        /// the peer (RFC 2408 §4.8). False when ike does not know the SA.
        /// </summary>
        public bool OnSaExpired(uint spi, long nowMs)
        {
            ChildSa c = FindChild(spi);
            if (c == null)
            {
                return false;
            }

            _pairs.DeleteChild(c, true, "lifetime expired", nowMs);
            return true;
        }

        /// <summary>
        /// Deletes the pair with <paramref name="spi"/> (either direction) with a Delete to the peer
        /// (RFC 2408 §4.8): the console's <c>reset ike sa</c> of a phase 2 row, <c>tunnel terminate</c>.
        /// False when ike does not know the SA.
        /// </summary>
        public bool Delete(uint spi, string why, long nowMs)
        {
            ChildSa c = FindChild(spi);
            if (c == null)
            {
                return false;
            }

            _pairs.DeleteChild(c, true, why, nowMs);
            return true;
        }

        /// <summary>Deletes every IPsec SA pair, telling the peers (<c>reset ipsec sa</c>, shutdown); returns the pairs deleted.</summary>
        public int DeleteAll(long nowMs)
        {
            int n = _children.Count;
            while (_children.Count > 0)
            {
                _pairs.DeleteChild((ChildSa)_children[_children.Count - 1], true, "reset", nowMs);
            }

            return n;
        }

        private void StartOrQueue(int index, PeerConfig peer, ChildSa replaces, long nowMs)
        {
            IpsecPolicy policy = _policies.Get(index);
            IkeSa sa = _daemon.FindEstablished(peer);
            if (sa != null)
            {
                _initiator.Start(sa, policy, _policies.ProposalAt(index), replaces, nowMs);
                return;
            }

            _policies.Queue(policy, replaces);

            if (!_daemon.Sas.HasAny(peer))
            {
                _daemon.Initiate(peer, nowMs);
            }
        }

        /// <summary>Pending quick modes whose phase 1 is up, QM1 retransmissions, timeouts.</summary>
        public void Poll(long nowMs)
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
                        _initiator.Start(sa, policy, _policies.ProposalAt(index), replaces, nowMs);
                    }
                }
                else if (peer == null || !_daemon.Sas.HasAny(peer))
                {
                    // Phase 1 failed (its error was reported): the next acquire tries again.
                    _policies.RemovePendingAt(i);
                    ChildSa.Unmark(replaces);
                }
            }

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

            for (int i = _exchanges.Count - 1; i >= 0; i--)
            {
                QuickModeExchange x = _exchanges.Get(i);
                if (x.Sa.State != IkeSaState.Established)
                {
                    _exchanges.Forget(i);
                    continue;
                }

                if (x.State >= QuickModeExchange.ComputingQm1)
                {
                    ResumeIfComputed(x, nowMs);
                    continue;
                }

                // QM1 until QM2 comes; as responder QM2 until QM3 comes (a lost QM3 would leave us
                // without the outbound SA while the initiator already sends on the new pair).
                bool waiting = x.State == QuickModeExchange.WaitingQm2 || x.State == QuickModeExchange.WaitingQm3;
                if (waiting && nowMs >= x.NextTimerMs)
                {
                    if (x.Retransmits < MaxRetransmits)
                    {
                        x.Retransmits++;
                        x.NextTimerMs = nowMs + (FirstRetransmitMs << x.Retransmits);
                        Retransmissions++;
                        QuickModeResponder.SendAnswer(_daemon, x, nowMs);
                    }
                    else
                    {
                        if (x.InboundInstalled)
                        {
                            // The initiator may have installed its pair on our QM2: take it down.
                            BigEndian.WriteUInt32(_spi, 0, x.OurSpi);
                            _sender.SendDelete(x.Sa, ProtocolId.IpsecEsp, _spi, 4, nowMs);
                        }

                        _exchanges.Forget(i);
                        _listener.OnPhase2Failed(x.Sa, x.Sa.PeerAddress, Phase2FailureReason.PeerTimeout, "no "
                            + (x.Initiator ? "QM2" : "QM3") + " for " + x.Policy.Name + " after " + x.Retransmits.ToString() + " retransmissions");
                    }

                    continue;
                }

                if (nowMs >= x.ExpiresMs)
                {
                    _exchanges.Forget(i);
                }
            }
        }

        /// <summary>Quick modes resumed after their PFS Diffie-Hellman.</summary>
        public int JobsResumed { get; private set; }

        /// <summary>An exchange waiting for its PFS Diffie-Hellman goes on once it is done (bounded by <see cref="KeepMs"/>).</summary>
        private void ResumeIfComputed(QuickModeExchange x, long nowMs)
        {
            if (x.Job != null && !x.Job.IsDone)
            {
                if (nowMs >= x.NextTimerMs)
                {
                    _exchanges.Fail(x, Phase2FailureReason.ResourceLimit, "the PFS Diffie-Hellman computation for " + x.Policy.Name + " did not finish");
                }

                return;
            }

            JobsResumed++;
            switch (x.State)
            {
                case QuickModeExchange.ComputingQm1:
                    _initiator.SendQm1(x, nowMs);
                    break;
                case QuickModeExchange.ComputingQm3:
                    _initiator.SendQm3(x, nowMs);
                    break;
                default:
                    _exchanges.Remove(x);
                    _responder.SendQm2(x, nowMs);
                    break;
            }
        }

        /// <summary>The earliest time <see cref="Poll"/> has work (ms), or long.MaxValue.</summary>
        public long NextDeadlineMs
        {
            get
            {
                // Pending quick modes start from OnPhase1Established, not from a deadline.
                long next = long.MaxValue;
                for (int i = 0; i < _exchanges.Count; i++)
                {
                    QuickModeExchange x = _exchanges.Get(i);
                    long t = x.State == QuickModeExchange.WaitingQm2 || x.State == QuickModeExchange.WaitingQm3 ? x.NextTimerMs : x.ExpiresMs;
                    next = t < next ? t : next;
                }

                for (int i = 0; i < _children.Count; i++)
                {
                    long t = ((ChildSa)_children[i]).DeleteAtMs;
                    next = t < next ? t : next;
                }

                for (int i = 0; i < _policies.Count; i++)
                {
                    if ((_policies.Get(i)).AutoStart && !HasLivePair(_policies.Get(i)))
                    {
                        next = _policies.AutoNextMs(i) < next ? _policies.AutoNextMs(i) : next;
                    }
                }

                long dpd = _dpd.NextDeadlineMs;
                return dpd < next ? dpd : next;
            }
        }

        /// <summary>Quick mode or protected informational message of an established SA (from the daemon).</summary>
        public void HandleMessage(IkeSa sa, IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            if (m.ExchangeType == ExchangeType.Informational)
            {
                _info.Handle(sa, m, source, sourcePort, localPort, nowMs);
                return;
            }

            QuickModeExchange x = _exchanges.Find(sa, m.MessageId);
            if (x != null)
            {
                // A retransmitted request gets our stored answer (RFC 2408 §5: the peer lost it).
                if (_msg.IsSame(x.LastReceivedHash, m))
                {
                    if (x.State != QuickModeExchange.WaitingQm2 && x.LastSent != null)
                    {
                        QuickModeResponder.SendAnswer(_daemon, x, nowMs);
                    }

                    return;
                }

                if (x.Initiator && x.State == QuickModeExchange.WaitingQm2)
                {
                    _initiator.HandleQm2(x, m, source, sourcePort, localPort, nowMs);
                    return;
                }

                if (!x.Initiator && x.State == QuickModeExchange.WaitingQm3)
                {
                    _responder.HandleQm3(x, m, source, sourcePort, localPort, nowMs);
                    return;
                }

                _dropped++;
                return;
            }

            _responder.HandleQm1(sa, m, source, sourcePort, localPort, nowMs);
        }

        /// <inheritdoc/>
        public void OnPhase1Established(IkeSa sa, long nowMs)
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
                    _initiator.Start(sa, policy, _policies.ProposalAt(index), replaces, nowMs);
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

        /// <inheritdoc/>
        public void OnPhase1Deleting(IkeSa sa, bool notifyPeer, bool dropChildren, long nowMs)
        {
            for (int i = _exchanges.Count - 1; i >= 0; i--)
            {
                QuickModeExchange x = _exchanges.Get(i);
                if (x.Sa == sa)
                {
                    bool unfinished = x.State != QuickModeExchange.Done;
                    _exchanges.Forget(i);
                    if (unfinished && x.Policy != null)
                    {
                        _listener.OnPhase2Failed(sa, sa.PeerAddress, Phase2FailureReason.PeerTimeout, "quick mode for " + x.Policy.Name
                            + " abandoned: its ISAKMP SA was deleted");
                    }
                }
            }

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

            if (notifyPeer)
            {
                Array.Copy(sa.CookieI, 0, _spi, 0, 8);
                Array.Copy(sa.CookieR, 0, _spi, 8, 8);
                _sender.SendDelete(sa, ProtocolId.Isakmp, _spi, 16, nowMs);
            }
        }

        /// <inheritdoc/>
        public void OnPeerRemoved(PeerConfig peer, long nowMs)
        {
            for (int i = _exchanges.Count - 1; i >= 0; i--)
            {
                QuickModeExchange x = _exchanges.Get(i);
                if (x.Sa.Peer == peer)
                {
                    _exchanges.Forget(i);
                }
            }

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
                if (!policy.AutoStart || nowMs < _policies.AutoNextMs(i) || HasLivePair(policy) || _exchanges.IsRunning(policy) || _policies.IsPending(policy))
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
