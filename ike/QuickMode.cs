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
    /// </summary>
    public sealed class QuickMode : IIkeExchangeHandler
    {
        /// <summary>Our nonce length (RFC 2409 §5: 8..256 bytes).</summary>
        public const int NonceLength = 32;

        /// <summary>
        /// First QM1 retransmission (ms): short, because strongSwan drops a QM1 that overtakes the
        /// end of its phase 1; then doubling.
        /// </summary>
        public const long FirstRetransmitMs = 1500;

        /// <summary>QM1 retransmissions before giving up.</summary>
        public const int MaxRetransmits = 5;

        /// <summary>How long a finished or half-done exchange is kept (answers duplicates), ms.</summary>
        public const long KeepMs = 60000;

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

        /// <summary>Rekey at this share of the lifetime (percent) on the side that initiated the quick mode...</summary>
        public const int InitiatorSoftPercent = 85;

        /// <summary>...and at this share on the responder's side, so that the initiator normally rekeys alone.</summary>
        public const int ResponderSoftPercent = 93;

        /// <summary>Random points (percent) taken off either share (strongSwan's rand_time).</summary>
        public const int SoftJitterPercent = 3;

        private const int TxSize = 4096;

        private readonly IkeDaemon _daemon;
        private readonly ICryptoProvider _crypto;
        private readonly IRandomSource _random;
        private readonly IIpsecSaInstaller _installer;
        private readonly IQuickModeListener _listener;
        private readonly ArrayList _policies = new ArrayList();
        private readonly ArrayList _proposals = new ArrayList();
        private readonly ArrayList _exchanges = new ArrayList();
        private readonly ArrayList _pending = new ArrayList();
        private readonly ArrayList _pendingReplaces = new ArrayList();
        private readonly ArrayList _children = new ArrayList();
        private readonly DeadPeerDetection _dpd;
        private readonly byte[] _tx = new byte[TxSize];
        private readonly byte[] _plain = new byte[TxSize];
        private readonly byte[] _hash = new byte[64];
        private readonly byte[] _mid = new byte[4];
        private readonly byte[] _spi = new byte[16];
        private readonly byte[] _seq = new byte[4];
        private readonly MessageBuilder _builder = new MessageBuilder();
        private readonly SaBuilder _saBuilder = new SaBuilder();
        private readonly MessageRules _rules = new MessageRules();

        /// <summary>Quick mode for <paramref name="daemon"/>; registers itself as its phase 2 handler.</summary>
        public QuickMode(IkeDaemon daemon, ICryptoProvider crypto, IRandomSource random, IIpsecSaInstaller installer, IQuickModeListener listener)
        {
            _daemon = daemon;
            _crypto = crypto;
            _random = random;
            _installer = installer;
            _listener = listener;
            _dpd = new DeadPeerDetection(this, daemon, random);
            daemon.Phase2 = this;
        }

        /// <summary>Quick modes started (both roles).</summary>
        public int Started { get; private set; }

        /// <summary>Quick modes that installed their SAs.</summary>
        public int Established { get; private set; }

        /// <summary>QM1 retransmissions.</summary>
        public int Retransmissions { get; private set; }

        /// <summary>Messages dropped (undecryptable, bad hash, unexpected).</summary>
        public int Dropped { get; private set; }

        /// <summary>DPD R-U-THERE answered (RFC 3706 §5).</summary>
        public int DpdAnswered { get; private set; }

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
        public int Rekeys { get; private set; }

        /// <summary>Rekey collisions resolved (both ends renewed the same pair; one of the new pairs was retired).</summary>
        public int Collisions { get; private set; }

        /// <summary>Delete payloads sent (IPsec and ISAKMP).</summary>
        public int DeletesSent { get; private set; }

        /// <summary>IPsec SA pairs deleted on the peer's Delete.</summary>
        public int DeletesReceived { get; private set; }

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

        /// <summary>Adds an ipsec policy with the proposal it offers and accepts.</summary>
        public void AddPolicy(IpsecPolicy policy, IpsecProposal proposal)
        {
            _policies.Add(policy);
            _proposals.Add(proposal);
        }

        /// <summary>Forgets every policy (a new configuration).</summary>
        public void ClearPolicies()
        {
            _policies.Clear();
            _proposals.Clear();
            _pending.Clear();
            _pendingReplaces.Clear();
        }

        /// <summary>Number of policies.</summary>
        public int PolicyCount
        {
            get { return _policies.Count; }
        }

        /// <summary>The i-th policy.</summary>
        public IpsecPolicy GetPolicy(int index)
        {
            return (IpsecPolicy)_policies[index];
        }

        /// <summary>
        /// Brings up the tunnel of policy <paramref name="name"/>: quick mode at once on an
        /// established ISAKMP SA with its peer, else phase 1 first (quick mode follows from
        /// <see cref="Poll"/>). False when the policy or its peer is unknown.
        /// </summary>
        public bool Initiate(string name, long nowMs)
        {
            int index = FindPolicy(name);
            if (index < 0)
            {
                return false;
            }

            IpsecPolicy policy = (IpsecPolicy)_policies[index];
            PeerConfig peer = FindPeer(policy.PeerName);
            if (peer == null || peer.RemoteAddress == 0)
            {
                return false;
            }

            if (IsRunning(policy))
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
            c.RekeyStartedMs = nowMs;
            if (IsRunning(c.Policy))
            {
                // A quick mode for this tunnel is under way already (the peer's, or an acquire's).
                return true;
            }

            // On the pair's own remote gateway (one configuration may serve several).
            IkeSa sa = c.Sa != null && c.Sa.State == IkeSaState.Established ? c.Sa : EstablishedFor(c);
            if (sa != null)
            {
                Start(sa, c.Policy, (IpsecProposal)_proposals[index], c, nowMs);
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

            DeleteChild(c, true, "lifetime expired", nowMs);
            return true;
        }

        /// <summary>Deletes every IPsec SA pair, telling the peers (<c>reset ipsec sa</c>, shutdown); returns the pairs deleted.</summary>
        public int DeleteAll(long nowMs)
        {
            int n = _children.Count;
            while (_children.Count > 0)
            {
                DeleteChild((ChildSa)_children[_children.Count - 1], true, "reset", nowMs);
            }

            return n;
        }

        private void StartOrQueue(int index, PeerConfig peer, ChildSa replaces, long nowMs)
        {
            IpsecPolicy policy = (IpsecPolicy)_policies[index];
            IkeSa sa = _daemon.FindEstablished(peer);
            if (sa != null)
            {
                Start(sa, policy, (IpsecProposal)_proposals[index], replaces, nowMs);
                return;
            }

            int queued = _pending.IndexOf(policy);
            if (queued < 0)
            {
                _pending.Add(policy);
                _pendingReplaces.Add(replaces);
            }
            else if (replaces != null)
            {
                _pendingReplaces[queued] = replaces;
            }

            if (!HasPhase1(peer))
            {
                _daemon.Initiate(peer, nowMs);
            }
        }

        /// <summary>Pending quick modes whose phase 1 is up, QM1 retransmissions, timeouts.</summary>
        public void Poll(long nowMs)
        {
            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                IpsecPolicy policy = (IpsecPolicy)_pending[i];
                PeerConfig peer = FindPeer(policy.PeerName);
                IkeSa sa = peer == null ? null : _daemon.FindEstablished(peer);
                ChildSa replaces = (ChildSa)_pendingReplaces[i];
                if (sa != null)
                {
                    _pending.RemoveAt(i);
                    _pendingReplaces.RemoveAt(i);
                    int index = _policies.IndexOf(policy);
                    if (index >= 0)
                    {
                        Start(sa, policy, (IpsecProposal)_proposals[index], replaces, nowMs);
                    }
                }
                else if (peer == null || !HasPhase1(peer))
                {
                    // Phase 1 failed (its error was reported): the next acquire tries again.
                    _pending.RemoveAt(i);
                    _pendingReplaces.RemoveAt(i);
                    Unmark(replaces);
                }
            }

            for (int i = _children.Count - 1; i >= 0; i--)
            {
                ChildSa c = (ChildSa)_children[i];
                if (nowMs >= c.DeleteAtMs)
                {
                    DeleteChild(c, true, "replaced", nowMs);
                }
            }

            _dpd.Poll(nowMs);

            for (int i = _exchanges.Count - 1; i >= 0; i--)
            {
                QuickModeExchange x = (QuickModeExchange)_exchanges[i];
                if (x.Sa.State != IkeSaState.Established)
                {
                    Forget(i, x);
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
                        _daemon.Send(x.Sa, x.LastSent, 0, x.LastSent.Length, nowMs);
                    }
                    else
                    {
                        if (x.InboundInstalled)
                        {
                            // The initiator may have installed its pair on our QM2: take it down.
                            BigEndian.WriteUInt32(_spi, 0, x.OurSpi);
                            SendDelete(x.Sa, ProtocolId.IpsecEsp, _spi, 4, nowMs);
                        }

                        Forget(i, x);
                        _listener.OnPhase2Failed(x.Sa, x.Sa.PeerAddress, Phase2FailureReason.PeerTimeout, "no "
                            + (x.Initiator ? "QM2" : "QM3") + " for " + x.Policy.Name + " after " + x.Retransmits.ToString() + " retransmissions");
                    }

                    continue;
                }

                if (nowMs >= x.ExpiresMs)
                {
                    Forget(i, x);
                }
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
                    QuickModeExchange x = (QuickModeExchange)_exchanges[i];
                    long t = x.State == QuickModeExchange.WaitingQm2 || x.State == QuickModeExchange.WaitingQm3 ? x.NextTimerMs : x.ExpiresMs;
                    next = t < next ? t : next;
                }

                for (int i = 0; i < _children.Count; i++)
                {
                    long t = ((ChildSa)_children[i]).DeleteAtMs;
                    next = t < next ? t : next;
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
                HandleInformational(sa, m, source, sourcePort, localPort, nowMs);
                return;
            }

            QuickModeExchange x = Find(sa, m.MessageId);
            if (x != null)
            {
                // A retransmitted request gets our stored answer (RFC 2408 §5: the peer lost it).
                if (x.LastReceived != null && x.LastReceived.Length == m.Length
                    && FixedTime.AreEqual(x.LastReceived, 0, m.Buffer, m.Offset, m.Length))
                {
                    if (x.State != QuickModeExchange.WaitingQm2 && x.LastSent != null)
                    {
                        _daemon.Send(sa, x.LastSent, 0, x.LastSent.Length, nowMs);
                    }

                    return;
                }

                if (x.Initiator && x.State == QuickModeExchange.WaitingQm2)
                {
                    HandleQm2(x, m, source, sourcePort, localPort, nowMs);
                    return;
                }

                if (!x.Initiator && x.State == QuickModeExchange.WaitingQm3)
                {
                    HandleQm3(x, m, source, sourcePort, localPort, nowMs);
                    return;
                }

                Dropped++;
                return;
            }

            HandleQm1(sa, m, source, sourcePort, localPort, nowMs);
        }

        /// <inheritdoc/>
        public void OnPhase1Established(IkeSa sa, long nowMs)
        {
            _dpd.OnEstablished(sa);
            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                IpsecPolicy policy = (IpsecPolicy)_pending[i];
                int index = _policies.IndexOf(policy);
                if (policy.PeerName == sa.Peer.Name && index >= 0)
                {
                    ChildSa replaces = (ChildSa)_pendingReplaces[i];
                    _pending.RemoveAt(i);
                    _pendingReplaces.RemoveAt(i);
                    Start(sa, policy, (IpsecProposal)_proposals[index], replaces, nowMs);
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
                    DeleteChild(c, false, "peer sent INITIAL-CONTACT", nowMs);
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
                QuickModeExchange x = (QuickModeExchange)_exchanges[i];
                if (x.Sa == sa)
                {
                    bool unfinished = x.State != QuickModeExchange.Done;
                    Forget(i, x);
                    if (unfinished && x.Policy != null)
                    {
                        _listener.OnPhase2Failed(sa, sa.PeerAddress, Phase2FailureReason.PeerTimeout, "quick mode for " + x.Policy.Name
                            + " abandoned: its ISAKMP SA was deleted");
                    }
                }
            }

            IkeSa other = null;
            for (int i = 0; i < _daemon.Capacity; i++)
            {
                IkeSa s = _daemon.GetSa(i);
                if (s != null && s != sa && s.IsSameRemote(sa) && s.State == IkeSaState.Established
                    && (other == null || s.EstablishedMs >= other.EstablishedMs))
                {
                    other = s;
                }
            }

            for (int i = _children.Count - 1; i >= 0; i--)
            {
                ChildSa c = (ChildSa)_children[i];
                if (c.Sa != sa)
                {
                    continue;
                }

                if (dropChildren)
                {
                    DeleteChild(c, notifyPeer, notifyPeer ? "reset" : "its ISAKMP SA is gone", nowMs);
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
                SendDelete(sa, ProtocolId.Isakmp, _spi, 16, nowMs);
            }
        }

        // ---- initiator ----

        private void Start(IkeSa sa, IpsecPolicy policy, IpsecProposal proposal, ChildSa replaces, long nowMs)
        {
            QuickModeExchange x = NewExchange(sa, NewMessageId(sa), true, policy, proposal);
            x.Replaces = replaces;
            x.StartedMs = nowMs;
            x.OurSpi = _installer.ReserveSpi();
            if (x.OurSpi == 0)
            {
                Unmark(replaces);
                _listener.OnPhase2Failed(sa, sa.PeerAddress, Phase2FailureReason.ResourceLimit, "no free inbound SPI for " + policy.Name);
                return;
            }

            x.Ni = NewNonce();
            x.EncapsulationMode = EncapsulationFor(sa);
            x.LifetimeSeconds = policy.LifetimeSeconds;
            x.LifetimeKilobytes = policy.LifetimeKilobytes;
            if (policy.Pfs != DhGroup.None)
            {
                x.Dh = _crypto.CreateDiffieHellman(policy.Pfs, _random);
            }

            int hashAt = BeginProtected(sa, ExchangeType.QuickMode, x.MessageId);
            int rest = _builder.Position;
            WriteSa(1, 1, x, x.LifetimeSeconds, x.LifetimeKilobytes);
            AppendNonce(x.Ni);
            AppendKe(x.Dh);
            AppendSubnetId(policy.LocalSubnet, policy.LocalPrefixLength);
            AppendSubnetId(policy.RemoteSubnet, policy.RemotePrefixLength);
            ComputeHash(sa, x.MessageId, null, null, _tx, rest, _builder.Position - rest, false);
            Array.Copy(_hash, 0, _tx, hashAt, sa.Keys.PrfSize);
            x.LastSent = Seal(x.Iv);
            if (x.LastSent == null)
            {
                Abandon(x);
                return;
            }

            x.State = QuickModeExchange.WaitingQm2;
            x.NextTimerMs = nowMs + FirstRetransmitMs;
            _exchanges.Add(x);
            Started++;
            if (replaces != null)
            {
                Rekeys++;
            }

            _listener.OnPhase2Negotiating(sa, policy.Name);
            _daemon.Send(sa, x.LastSent, 0, x.LastSent.Length, nowMs);
        }

        private void HandleQm2(QuickModeExchange x, IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            IkeSa sa = x.Sa;
            if (!Open(x.Iv, m, MessageKind.Quick2) || !VerifyHash(sa, m, x.Ni, null, false))
            {
                Dropped++;
                return;
            }

            x.Iv.Commit();
            _daemon.NoteAuthenticated(sa, source, sourcePort, localPort);
            Heard(sa, nowMs);
            byte[] b = m.PayloadBuffer;
            int saAt = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            int proposal = SaPayload.GetFirstProposal(saAt);
            int transform = ProposalPayload.GetFirstTransform(b, proposal);
            Agreed agreed = ReadTransform(b, proposal, transform);
            if (agreed == null || !Matches(agreed, x.Proposal, x.Policy))
            {
                FailExchange(x, Phase2FailureReason.ProposalMismatch, "the responder's answer is not what we offered: "
                    + (agreed == null ? "unreadable" : agreed.Describe()), 0, nowMs);
                return;
            }

            x.PeerSpi = ProposalPayload.GetSpi32(b, proposal);
            x.Nr = NonceOf(m);
            if (!ComputePfs(x, m))
            {
                FailExchange(x, Phase2FailureReason.MalformedPayload, "invalid or missing KE payload (PFS " + ProposalMatcher.GroupName(x.Policy.Pfs) + ")", 0, nowMs);
                return;
            }

            x.EncapsulationMode = agreed.Mode;
            Shorten(x, agreed.LifetimeSeconds, agreed.LifetimeKilobytes);
            ReadResponderLifetime(x, m);
            x.LastReceived = Copy(m.Buffer, m.Offset, m.Length);

            int hashAt = BeginProtected(sa, ExchangeType.QuickMode, x.MessageId);
            ComputeHash(sa, x.MessageId, x.Ni, x.Nr, null, 0, 0, true);
            Array.Copy(_hash, 0, _tx, hashAt, sa.Keys.PrfSize);
            x.LastSent = Seal(x.Iv);
            if (x.LastSent == null)
            {
                FailExchange(x, Phase2FailureReason.ResourceLimit, "QM3 did not fit", 0, nowMs);
                return;
            }

            _daemon.Send(sa, x.LastSent, 0, x.LastSent.Length, nowMs);
            Complete(x, nowMs);
        }

        // ---- responder ----

        private void HandleQm1(IkeSa sa, IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            QuickModeExchange x = NewExchange(sa, m.MessageId, false, null, null);
            if (!Open(x.Iv, m, MessageKind.Quick1) || !VerifyHash(sa, m, null, null, false))
            {
                Dropped++;
                return;
            }

            x.Iv.Commit();
            _daemon.NoteAuthenticated(sa, source, sourcePort, localPort);
            Heard(sa, nowMs);
            x.StartedMs = nowMs;
            x.LastReceived = Copy(m.Buffer, m.Offset, m.Length);
            byte[] b = m.PayloadBuffer;

            // The client IDs select the policy (RFC 2409 §5.5); without them, the gateways' addresses.
            uint ci = sa.PeerAddress, cr = _daemon.LocalAddress;
            int ciPrefix = 32, crPrefix = 32;
            int id1 = m.Find(PayloadType.Identification, 0);
            int id2 = id1 < 0 ? -1 : m.Find(PayloadType.Identification, id1 + 1);
            if (id1 >= 0 && (id2 < 0 || !ReadSubnet(b, m.PayloadOffsetAt(id1), out ci, out ciPrefix)
                || !ReadSubnet(b, m.PayloadOffsetAt(id2), out cr, out crPrefix)))
            {
                x.Policy = null;
            }

            int index = id1 >= 0 && id2 < 0 ? -1 : FindPolicyFor(sa.Peer, ci, ciPrefix, cr, crPrefix, id1 < 0);
            string flow = Ipv4.Format(ci) + "/" + ciPrefix.ToString() + " -> " + Ipv4.Format(cr) + "/" + crPrefix.ToString();
            if (index < 0)
            {
                SendNotify(sa, NotifyType.InvalidIdInformation, nowMs);
                _listener.OnPhase2Failed(sa, sa.PeerAddress, Phase2FailureReason.FlowMismatch, "the peer proposed " + flow
                    + " (its side -> ours); no ipsec policy of peer " + sa.Peer.Name + " has these subnets");
                return;
            }

            x.Policy = (IpsecPolicy)_policies[index];
            x.Proposal = (IpsecProposal)_proposals[index];
            _listener.OnPhase2Negotiating(sa, x.Policy.Name);
            Started++;

            int saAt = m.PayloadOffsetAt(m.Find(PayloadType.SecurityAssociation, 0));
            int chosenProposal = -1;
            int chosenTransform = -1;
            Agreed agreed = null;
            string offered = "";
            for (int p = SaPayload.GetFirstProposal(saAt); p >= 0 && agreed == null; p = SaPayload.GetNextChild(b, p))
            {
                for (int t = ProposalPayload.GetFirstTransform(b, p); t >= 0; t = SaPayload.GetNextChild(b, t))
                {
                    Agreed a = ReadTransform(b, p, t);
                    offered += (offered.Length == 0 ? "" : ", ") + (a == null ? "unsupported" : a.Describe());
                    if (a != null && Matches(a, x.Proposal, x.Policy))
                    {
                        agreed = a;
                        chosenProposal = p;
                        chosenTransform = t;
                        break;
                    }
                }
            }

            bool hasKe = m.Find(PayloadType.KeyExchange, 0) >= 0;
            if (agreed == null || hasKe != (x.Policy.Pfs != DhGroup.None))
            {
                SendNotify(sa, NotifyType.NoProposalChosen, nowMs);
                _listener.OnPhase2Failed(sa, sa.PeerAddress, Phase2FailureReason.ProposalMismatch, "policy " + x.Policy.Name
                    + ": the peer offered " + offered + (hasKe ? " with PFS" : " without PFS") + "; we accept " + Describe(x.Proposal, x.Policy));
                return;
            }

            x.PeerSpi = ProposalPayload.GetSpi32(b, chosenProposal);
            x.Ni = NonceOf(m);
            x.Nr = NewNonce();
            x.EncapsulationMode = agreed.Mode;
            x.LifetimeSeconds = agreed.LifetimeSeconds;
            x.LifetimeKilobytes = agreed.LifetimeKilobytes;
            if (x.Policy.Pfs != DhGroup.None)
            {
                x.Dh = _crypto.CreateDiffieHellman(x.Policy.Pfs, _random);
            }

            if (!ComputePfs(x, m))
            {
                SendNotify(sa, NotifyType.InvalidKeyInformation, nowMs);
                _listener.OnPhase2Failed(sa, sa.PeerAddress, Phase2FailureReason.MalformedPayload, "invalid KE payload in quick mode");
                return;
            }

            x.OurSpi = _installer.ReserveSpi();
            if (x.OurSpi == 0)
            {
                _listener.OnPhase2Failed(sa, sa.PeerAddress, Phase2FailureReason.ResourceLimit, "no free inbound SPI for " + x.Policy.Name);
                return;
            }

            int hashAt = BeginProtected(sa, ExchangeType.QuickMode, x.MessageId);
            int rest = _builder.Position;
            WriteSa(ProposalPayload.GetNumber(b, chosenProposal), TransformPayload.GetNumber(b, chosenTransform), x,
                agreed.LifetimeSeconds, agreed.LifetimeKilobytes);
            AppendNonce(x.Nr);
            AppendKe(x.Dh);
            if (id1 >= 0)
            {
                AppendCopy(PayloadType.Identification, b, m.PayloadOffsetAt(id1));
                AppendCopy(PayloadType.Identification, b, m.PayloadOffsetAt(id2));
            }

            // RFC 2407 §4.6.3.1: our lifetime is shorter than the offered one.
            bool shorterSeconds = x.Policy.LifetimeSeconds > 0 && (agreed.LifetimeSeconds == 0 || x.Policy.LifetimeSeconds < agreed.LifetimeSeconds);
            bool shorterKb = x.Policy.LifetimeKilobytes > 0 && (agreed.LifetimeKilobytes == 0 || x.Policy.LifetimeKilobytes < agreed.LifetimeKilobytes);
            if (shorterSeconds || shorterKb)
            {
                AppendResponderLifetime(x, shorterSeconds, shorterKb);
            }

            Shorten(x, x.Policy.LifetimeSeconds, x.Policy.LifetimeKilobytes);
            ComputeHash(sa, x.MessageId, x.Ni, null, _tx, rest, _builder.Position - rest, false);
            Array.Copy(_hash, 0, _tx, hashAt, sa.Keys.PrfSize);
            x.LastSent = Seal(x.Iv);
            if (x.LastSent == null)
            {
                Abandon(x);
                return;
            }

            // Make-before-break: the initiator sends on the new pair as soon as QM2 is in, so our
            // inbound SA must exist before QM2 leaves; our outbound follows QM3 (it proves the
            // initiator has its inbound SA).
            IpsecSaInfo inbound = NewInfo(x, true);
            bool installed = _installer.InstallInbound(inbound, nowMs);
            inbound.WipeKeys();
            if (!installed)
            {
                Abandon(x);
                _listener.OnPhase2Failed(sa, sa.PeerAddress, Phase2FailureReason.ResourceLimit, "the data path refused the inbound SA of " + x.Policy.Name);
                return;
            }

            x.InboundInstalled = true;
            x.State = QuickModeExchange.WaitingQm3;
            x.NextTimerMs = nowMs + FirstRetransmitMs;
            _exchanges.Add(x);
            _daemon.Send(sa, x.LastSent, 0, x.LastSent.Length, nowMs);
        }

        private void HandleQm3(QuickModeExchange x, IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            if (!Open(x.Iv, m, MessageKind.Quick3) || !VerifyHash(x.Sa, m, x.Ni, x.Nr, true))
            {
                Dropped++;
                return;
            }

            x.Iv.Commit();
            _daemon.NoteAuthenticated(x.Sa, source, sourcePort, localPort);
            Heard(x.Sa, nowMs);
            x.LastReceived = Copy(m.Buffer, m.Offset, m.Length);
            x.LastSent = null;
            Complete(x, nowMs);
        }

        // ---- both ----

        /// <summary>KEYMAT for both directions, install, event.</summary>
        private void Complete(QuickModeExchange x, long nowMs)
        {
            IkeSa sa = x.Sa;
            IpsecSaInfo inbound = NewInfo(x, true);
            IpsecSaInfo outbound = NewInfo(x, false);
            x.State = QuickModeExchange.Done;
            x.ExpiresMs = nowMs + KeepMs;
            if (x.Gxy != null)
            {
                FixedTime.Wipe(x.Gxy);
                x.Gxy = null;
            }

            bool inOk = x.InboundInstalled || _installer.InstallInbound(inbound, nowMs);
            x.InboundInstalled = inOk;
            if (!inOk || !_installer.InstallOutbound(outbound, x.OurSpi, nowMs))
            {
                inbound.WipeKeys();
                outbound.WipeKeys();
                if (inOk)
                {
                    _installer.Remove(x.OurSpi);
                }
                else
                {
                    _installer.ReleaseSpi(x.OurSpi);
                }

                // The peer installed its side already (QM2 or QM3 was its proof): our Delete takes it down.
                BigEndian.WriteUInt32(_spi, 0, x.OurSpi);
                SendDelete(sa, ProtocolId.IpsecEsp, _spi, 4, nowMs);
                x.OurSpi = 0;
                Unmark(x.Replaces);
                _listener.OnPhase2Failed(sa, sa.PeerAddress, Phase2FailureReason.ResourceLimit, "the data path refused the SAs of " + x.Policy.Name);
                return;
            }

            Established++;
            ChildSa child = new ChildSa(x.Policy, sa.Peer, sa, x.OurSpi, x.PeerSpi, x.Initiator, nowMs);
            child.NonceI = x.Ni;
            child.NonceR = x.Nr;
            _children.Add(child);
            _listener.OnPhase2Established(sa, inbound, outbound);
            inbound.WipeKeys();
            outbound.WipeKeys();
            Settle(child, x, nowMs);
        }

        /// <summary>
        /// A new pair is in: what it replaces is retired (outbound removed now, inbound deleted after
        /// <see cref="RetireGraceMs"/> by the side that rekeyed, on the peer's Delete otherwise). A pair
        /// of the same tunnel that came up while our quick mode ran is a collision (both ends rekeyed or
        /// started at once): as RFC 7296 §2.8.1 settles it, the pair whose exchange holds the lowest of
        /// the four nonces is redundant, and its initiator deletes it. Both ends reach the same verdict,
        /// so exactly one pair stays.
        /// </summary>
        private void Settle(ChildSa child, QuickModeExchange x, long nowMs)
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
            byte[] lowA = Compare(a.NonceI, a.NonceR) <= 0 ? a.NonceI : a.NonceR;
            byte[] lowB = Compare(b.NonceI, b.NonceR) <= 0 ? b.NonceI : b.NonceR;
            return Compare(lowA, lowB) < 0;
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

        /// <summary>A rekey that did not happen: the old pair is plain installed again.</summary>
        private static void Unmark(ChildSa c)
        {
            if (c != null && c.State == ChildSaState.Rekeying)
            {
                c.State = ChildSaState.Installed;
            }
        }

        /// <summary>
        /// Removes <paramref name="c"/> from the data path; with <paramref name="notifyPeer"/> first sends
        /// Delete(ESP, our inbound SPI) under its ISAKMP SA (RFC 2408 §3.15; the peer deletes the pair
        /// whose outbound SPI that is, as strongSwan does).
        /// </summary>
        private void DeleteChild(ChildSa c, bool notifyPeer, string why, long nowMs)
        {
            _children.Remove(c);
            if (notifyPeer)
            {
                IkeSa via = c.Sa != null && c.Sa.State == IkeSaState.Established ? c.Sa : EstablishedFor(c);
                if (via != null)
                {
                    BigEndian.WriteUInt32(_spi, 0, c.InboundSpi);
                    SendDelete(via, ProtocolId.IpsecEsp, _spi, 4, nowMs);
                }
            }

            _installer.Remove(c.InboundSpi);
            c.State = ChildSaState.Retired;
            c.DeleteAtMs = long.MaxValue;
            _listener.OnPhase2Deleted(c, why);
        }

        /// <summary>Dead peer (from <see cref="DeadPeerDetection"/>): its SAs go, its tunnels restart when configured so.</summary>
        internal void OnPeerDead(IkeSa sa, string detail, long nowMs)
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

                    DeleteChild(c, false, "dead peer", nowMs);
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

        /// <summary>The newest established ISAKMP SA with <paramref name="c"/>'s remote gateway, or null.</summary>
        private IkeSa EstablishedFor(ChildSa c)
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

        /// <summary>An authenticated message under <paramref name="sa"/>: the peer is alive and holds the SA.</summary>
        private static void Heard(IkeSa sa, long nowMs)
        {
            sa.LastHeardMs = nowMs;
            sa.PeerConfirmed = true;
        }

        /// <summary>Inbound ESP packets of the pairs under <paramref name="sa"/> so far (DPD: traffic is an answer).</summary>
        internal long InboundPacketsOf(IkeSa sa)
        {
            long n = 0;
            for (int i = 0; i < _children.Count; i++)
            {
                ChildSa c = (ChildSa)_children[i];
                if (c.Sa == sa)
                {
                    long p = _installer.InboundPackets(c.InboundSpi);
                    n += p > 0 ? p : 0;
                }
            }

            return n;
        }

        /// <summary>R-U-THERE with <paramref name="sequence"/> (RFC 3706 §7: SPI = CKY-I | CKY-R, 4-byte sequence).</summary>
        internal void SendDpd(IkeSa sa, uint sequence, long nowMs)
        {
            BigEndian.WriteUInt32(_seq, 0, sequence);
            SendInformational(sa, NotifyType.DpdRUThere, _seq, 0, 4, nowMs);
        }

        private IpsecSaInfo NewInfo(QuickModeExchange x, bool inbound)
        {
            IkeSa sa = x.Sa;
            IpsecSaInfo info = new IpsecSaInfo();
            info.Inbound = inbound;
            info.Spi = inbound ? x.OurSpi : x.PeerSpi;
            info.Cipher = x.Proposal.Encryption;
            info.KeySize = x.Proposal.Encryption == CipherAlgorithm.TripleDesCbc ? 24 : x.Proposal.KeySize;
            info.Integrity = x.Proposal.Integrity;
            info.Sha256Truncated96 = sa.Peer.Sha256Truncated96;
            int encLength = IpsecKeymat.EncryptionKeyLength(info.Cipher, info.KeySize);
            int intLength = IpsecKeymat.IntegrityKeyLength(info.Cipher, info.Integrity);
            byte[] keymat = IpsecKeymat.Derive(_crypto, sa.Keys.Hash, sa.Keys.SkeyidD, x.Gxy, ProtocolId.IpsecEsp, info.Spi,
                x.Ni, x.Nr, encLength + intLength);
            info.EncryptionKey = Copy(keymat, 0, encLength);
            info.IntegrityKey = intLength == 0 ? null : Copy(keymat, encLength, intLength);
            FixedTime.Wipe(keymat);
            info.LocalAddress = _daemon.LocalAddress;
            info.RemoteAddress = sa.PeerAddress;
            info.UdpEncapsulation = Phase2Attribute.IsUdpEncapsulated(x.EncapsulationMode);
            info.LocalPort = info.UdpEncapsulation ? IkeDaemon.NatTPort : sa.LocalPort;
            info.RemotePort = info.UdpEncapsulation ? (sa.LocalPort == IkeDaemon.NatTPort ? sa.PeerPort : IkeDaemon.NatTPort) : 0;
            info.LocalSubnet = x.Policy.LocalSubnet;
            info.LocalPrefixLength = x.Policy.LocalPrefixLength;
            info.RemoteSubnet = x.Policy.RemoteSubnet;
            info.RemotePrefixLength = x.Policy.RemotePrefixLength;
            info.LifetimeSeconds = x.LifetimeSeconds;
            info.LifetimeKilobytes = x.LifetimeKilobytes;
            _random.Fill(_seq, 0, 1);
            info.SoftPercent = (x.Initiator ? InitiatorSoftPercent : ResponderSoftPercent) - (_seq[0] % (SoftJitterPercent + 1));
            info.Pfs = x.Policy.Pfs;
            info.PolicyName = x.Policy.Name;
            info.IkeSerial = sa.Serial;
            return info;
        }

        private void FailExchange(QuickModeExchange x, Phase2FailureReason reason, string detail, int notify, long nowMs)
        {
            if (notify != 0)
            {
                SendNotify(x.Sa, notify, nowMs);
            }

            int i = _exchanges.IndexOf(x);
            if (i >= 0)
            {
                Forget(i, x);
            }
            else
            {
                Abandon(x);
            }

            _listener.OnPhase2Failed(x.Sa, x.Sa.PeerAddress, reason, detail);
        }

        private void Forget(int index, QuickModeExchange x)
        {
            _exchanges.RemoveAt(index);
            Abandon(x);
        }

        /// <summary>Releases what an unfinished exchange holds (its reserved SPI, its DH pair).</summary>
        private void Abandon(QuickModeExchange x)
        {
            if (x.State != QuickModeExchange.Done && x.OurSpi != 0)
            {
                if (x.InboundInstalled)
                {
                    _installer.Remove(x.OurSpi);
                }
                else
                {
                    _installer.ReleaseSpi(x.OurSpi);
                }

                x.OurSpi = 0;
                Unmark(x.Replaces);
            }

            if (x.Dh != null)
            {
                x.Dh.Wipe();
                x.Dh = null;
            }

            if (x.Gxy != null)
            {
                FixedTime.Wipe(x.Gxy);
                x.Gxy = null;
            }
        }

        /// <summary>Protected informational (RFC 2409 §5.7): errors for our quick modes, DPD (RFC 3706), deletes.</summary>
        private void HandleInformational(IkeSa sa, IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            IvChain iv = NewIv(sa, m.MessageId);
            if (!Open(iv, m, MessageKind.Informational) || !VerifyHash(sa, m, null, null, false))
            {
                Dropped++;
                return;
            }

            Heard(sa, nowMs);
            byte[] b = m.PayloadBuffer;
            for (int i = m.Find(PayloadType.Notification, 0); i >= 0; i = m.Find(PayloadType.Notification, i + 1))
            {
                int n = m.PayloadOffsetAt(i);
                int type = NotifyPayload.GetNotifyType(b, n);
                if (type == NotifyType.DpdRUThere)
                {
                    int data = NotifyPayload.GetDataOffset(b, n);
                    if (NotifyPayload.GetDataLength(b, n) == 4)
                    {
                        DpdAnswered++;
                        SendInformational(sa, NotifyType.DpdRUThereAck, b, data, 4, nowMs);
                    }

                    continue;
                }

                if (type == NotifyType.DpdRUThereAck)
                {
                    if (NotifyPayload.GetDataLength(b, n) == 4)
                    {
                        _dpd.OnAck(sa, BigEndian.ReadUInt32(b, NotifyPayload.GetDataOffset(b, n)), nowMs);
                    }

                    continue;
                }

                if (type == NotifyType.NoProposalChosen || type == NotifyType.InvalidIdInformation || type == NotifyType.InvalidKeyInformation)
                {
                    QuickModeExchange x = NewestWaiting(sa);
                    if (x != null)
                    {
                        if (type == NotifyType.NoProposalChosen)
                        {
                            FailExchange(x, Phase2FailureReason.ProposalMismatch, "peer sent NO-PROPOSAL-CHOSEN for " + x.Policy.Name
                                + "; we offered " + Describe(x.Proposal, x.Policy), 0, nowMs);
                        }
                        else if (type == NotifyType.InvalidIdInformation)
                        {
                            FailExchange(x, Phase2FailureReason.FlowMismatch, "peer sent INVALID-ID-INFORMATION for " + x.Policy.Name + " ("
                                + Ipv4.Format(x.Policy.LocalSubnet) + "/" + x.Policy.LocalPrefixLength.ToString() + " -> "
                                + Ipv4.Format(x.Policy.RemoteSubnet) + "/" + x.Policy.RemotePrefixLength.ToString() + ")", 0, nowMs);
                        }
                        else
                        {
                            FailExchange(x, Phase2FailureReason.MalformedPayload, "peer sent INVALID-KEY-INFORMATION", 0, nowMs);
                        }
                    }
                }
            }

            for (int i = m.Find(PayloadType.Delete, 0); i >= 0; i = m.Find(PayloadType.Delete, i + 1))
            {
                int d = m.PayloadOffsetAt(i);
                int protocol = DeletePayload.GetProtocolId(b, d);
                if (protocol == ProtocolId.IpsecEsp && DeletePayload.GetSpiSize(b, d) == 4)
                {
                    // The peer names its inbound SPIs: our outbound ones (RFC 2408 §3.15).
                    for (int k = 0; k < DeletePayload.GetSpiCount(b, d); k++)
                    {
                        ChildSa c = FindByOutbound(BigEndian.ReadUInt32(b, DeletePayload.GetSpiOffset(b, d, k)));
                        if (c != null && c.BelongsTo(sa))
                        {
                            DeletesReceived++;
                            DeleteChild(c, false, "peer sent Delete", nowMs);
                        }
                    }
                }
            }

            for (int i = m.Find(PayloadType.Delete, 0); i >= 0; i = m.Find(PayloadType.Delete, i + 1))
            {
                if (DeletePayload.GetProtocolId(b, m.PayloadOffsetAt(i)) == ProtocolId.Isakmp)
                {
                    _daemon.Delete(sa, false, false, nowMs);
                    return;
                }
            }
        }

        private ChildSa FindByOutbound(uint spi)
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

        /// <summary>HDR*, HASH(1), D (RFC 2409 §5.7, RFC 2408 §3.15) on a fresh message ID.</summary>
        private void SendDelete(IkeSa sa, int protocol, byte[] spi, int spiSize, long nowMs)
        {
            uint mid = NewMessageId(sa);
            IvChain iv = NewIv(sa, mid);
            int hashAt = BeginProtected(sa, ExchangeType.Informational, mid);
            int rest = _builder.Position;
            _builder.Append(PayloadType.Delete, DeletePayload.Write(_tx, _builder.Position, _builder.Room, SaPayload.DoiIpsec, protocol,
                spiSize, 1, spi, 0));
            ComputeHash(sa, mid, null, null, _tx, rest, _builder.Position - rest, false);
            Array.Copy(_hash, 0, _tx, hashAt, sa.Keys.PrfSize);
            byte[] d = Seal(iv);
            if (d != null)
            {
                DeletesSent++;
                _daemon.Send(sa, d, 0, d.Length, nowMs);
            }
        }

        private QuickModeExchange NewestWaiting(IkeSa sa)
        {
            for (int i = _exchanges.Count - 1; i >= 0; i--)
            {
                QuickModeExchange x = (QuickModeExchange)_exchanges[i];
                if (x.Sa == sa && x.Initiator && x.State == QuickModeExchange.WaitingQm2)
                {
                    return x;
                }
            }

            return null;
        }

        private void SendNotify(IkeSa sa, int type, long nowMs)
        {
            SendInformational(sa, type, null, 0, 0, nowMs);
        }

        /// <summary>HDR*, HASH(1), N with SPI = CKY-I | CKY-R (RFC 2409 §5.7), on a fresh message ID.</summary>
        private void SendInformational(IkeSa sa, int type, byte[] data, int dataOffset, int dataLength, long nowMs)
        {
            uint mid = NewMessageId(sa);
            IvChain iv = NewIv(sa, mid);
            int hashAt = BeginProtected(sa, ExchangeType.Informational, mid);
            int rest = _builder.Position;
            Array.Copy(sa.CookieI, 0, _spi, 0, 8);
            Array.Copy(sa.CookieR, 0, _spi, 8, 8);
            _builder.Append(PayloadType.Notification, NotifyPayload.Write(_tx, _builder.Position, _builder.Room, SaPayload.DoiIpsec,
                ProtocolId.Isakmp, type, _spi, 0, 16, data, dataOffset, dataLength));
            ComputeHash(sa, mid, null, null, _tx, rest, _builder.Position - rest, false);
            Array.Copy(_hash, 0, _tx, hashAt, sa.Keys.PrfSize);
            byte[] d = Seal(iv);
            if (d != null)
            {
                _daemon.Send(sa, d, 0, d.Length, nowMs);
            }
        }

        // ---- message pieces ----

        private QuickModeExchange NewExchange(IkeSa sa, uint mid, bool initiator, IpsecPolicy policy, IpsecProposal proposal)
        {
            QuickModeExchange x = new QuickModeExchange();
            x.Sa = sa;
            x.MessageId = mid;
            x.Initiator = initiator;
            x.Policy = policy;
            x.Proposal = proposal;
            x.Iv = NewIv(sa, mid);
            x.ExpiresMs = long.MaxValue;
            return x;
        }

        /// <summary>RFC 2409 Appendix B: IV = hash(last phase 1 CBC block | M-ID), truncated.</summary>
        private IvChain NewIv(IkeSa sa, uint mid)
        {
            IvChain phase1 = sa.Iv;
            byte[] iv = new byte[phase1.BlockSize];
            sa.Keys.Phase2Iv(phase1.Current, mid, phase1.BlockSize, iv, 0);
            return new IvChain(phase1.Cipher, iv);
        }

        /// <summary>Header and a HASH payload to fill in later; returns the offset of the hash bytes.</summary>
        private int BeginProtected(IkeSa sa, int exchange, uint mid)
        {
            _builder.Begin(_tx, 0, TxSize - 64, false, sa.CookieI, 0, sa.CookieR, 0, exchange, 0, mid);
            int at = _builder.Position;
            for (int i = 0; i < sa.Keys.PrfSize; i++)
            {
                _hash[i] = 0;
            }

            _builder.Append(PayloadType.Hash, HashPayload.Write(_tx, at, _builder.Room, _hash, 0, sa.Keys.PrfSize));
            return HashPayload.GetDataOffset(at);
        }

        /// <summary>Encrypts the message built since <see cref="BeginProtected"/>; returns a copy to send, or null.</summary>
        private byte[] Seal(IvChain iv)
        {
            if (_builder.Failed)
            {
                return null;
            }

            int body = _builder.BodyOffset;
            int cipher = iv.Encrypt(_tx, body, _builder.Position - body);
            int n = _builder.FinishEncrypted(cipher);
            return n < 0 ? null : Copy(_tx, 0, n);
        }

        /// <summary>Decrypts with the exchange's IV (not advancing it) and checks the message rules.</summary>
        private bool Open(IvChain iv, IsakmpMessage m, int kind)
        {
            int len = m.BodyLength;
            if (!m.NeedsDecryption || len > _plain.Length)
            {
                return false;
            }

            Array.Copy(m.Buffer, m.BodyOffset, _plain, 0, len);
            return iv.Decrypt(_plain, 0, len, false) && m.TryParseDecrypted(_plain, 0, len) && _rules.Check(m, kind);
        }

        /// <summary>
        /// prf(SKEYID_a, [0 |] M-ID | [Ni_b |] [Nr_b |] data) into <see cref="_hash"/> (RFC 2409 §5.5, §5.7).
        /// </summary>
        private void ComputeHash(IkeSa sa, uint mid, byte[] ni, byte[] nr, byte[] data, int offset, int count, bool hash3)
        {
            byte[] key = sa.Keys.SkeyidA;
            IHash prf = _crypto.CreateHmac(sa.Keys.Hash, key, 0, key.Length);
            if (hash3)
            {
                _mid[0] = 0;
                prf.Append(_mid, 0, 1);
            }

            BigEndian.WriteUInt32(_mid, 0, mid);
            prf.Append(_mid, 0, 4);
            if (ni != null)
            {
                prf.Append(ni, 0, ni.Length);
            }

            if (nr != null)
            {
                prf.Append(nr, 0, nr.Length);
            }

            if (count > 0)
            {
                prf.Append(data, offset, count);
            }

            prf.Finish(_hash, 0);
            prf.Wipe();
        }

        /// <summary>The peer's HASH (the first payload) against our computation over what follows it.</summary>
        private bool VerifyHash(IkeSa sa, IsakmpMessage m, byte[] ni, byte[] nr, bool hash3)
        {
            if (m.PayloadCount == 0 || m.PayloadTypeAt(0) != PayloadType.Hash)
            {
                return false;
            }

            byte[] b = m.PayloadBuffer;
            int h = m.PayloadOffsetAt(0);
            int after = m.PayloadEndAt(0);
            if (hash3)
            {
                ComputeHash(sa, m.MessageId, ni, nr, null, 0, 0, true);
            }
            else
            {
                ComputeHash(sa, m.MessageId, ni, null, b, after, m.PayloadEnd - after, false);
            }

            int len = HashPayload.GetDataLength(b, h);
            return len == sa.Keys.PrfSize && FixedTime.AreEqual(b, HashPayload.GetDataOffset(h), _hash, 0, len);
        }

        /// <summary>Our SA payload: one ESP proposal with one transform (RFC 2407 §4.4.4, §4.5).</summary>
        private void WriteSa(int proposalNumber, int transformNumber, QuickModeExchange x, int lifeSeconds, int lifeKb)
        {
            int at = _builder.Position;
            BigEndian.WriteUInt32(_spi, 0, x.OurSpi);
            _saBuilder.Begin(_tx, at, _builder.Room, SaPayload.DoiIpsec, SaPayload.SituationIdentityOnly);
            _saBuilder.AddProposal(proposalNumber, ProtocolId.IpsecEsp, _spi, 0, 4, 1);
            IpsecProposal p = x.Proposal;
            _saBuilder.AddTransform(transformNumber, TransformIdOf(p.Encryption));
            if (lifeSeconds > 0)
            {
                _saBuilder.AddTv(Phase2Attribute.SaLifeType, Phase2Attribute.LifeSeconds);
                _saBuilder.AddVariable(Phase2Attribute.SaLifeDuration, (uint)lifeSeconds);
            }

            if (lifeKb > 0)
            {
                _saBuilder.AddTv(Phase2Attribute.SaLifeType, Phase2Attribute.LifeKilobytes);
                _saBuilder.AddVariable(Phase2Attribute.SaLifeDuration, (uint)lifeKb);
            }

            if (x.Policy.Pfs != DhGroup.None)
            {
                _saBuilder.AddTv(Phase2Attribute.GroupDescription, (int)x.Policy.Pfs);
            }

            _saBuilder.AddTv(Phase2Attribute.EncapsulationMode, x.EncapsulationMode);
            if (p.Encryption != CipherAlgorithm.AesGcm)
            {
                _saBuilder.AddTv(Phase2Attribute.AuthenticationAlgorithm, AuthIdOf(p.Integrity));
            }

            if (p.Encryption != CipherAlgorithm.TripleDesCbc)
            {
                _saBuilder.AddTv(Phase2Attribute.KeyLength, p.KeySize * 8);
            }

            _builder.Append(PayloadType.SecurityAssociation, _saBuilder.End());
        }

        private void AppendNonce(byte[] nonce)
        {
            _builder.Append(PayloadType.Nonce, NoncePayload.Write(_tx, _builder.Position, _builder.Room, nonce, 0, nonce.Length));
        }

        private void AppendKe(IDiffieHellman dh)
        {
            if (dh == null)
            {
                return;
            }

            byte[] pub = new byte[dh.PublicValueLength];
            dh.WritePublicValue(pub, 0);
            _builder.Append(PayloadType.KeyExchange, KePayload.Write(_tx, _builder.Position, _builder.Room, pub, 0, pub.Length));
        }

        /// <summary>ID_IPV4_ADDR_SUBNET (RFC 2407 §4.6.2.5), protocol and port 0 (any).</summary>
        private void AppendSubnetId(uint subnet, int prefix)
        {
            uint mask = MaskOf(prefix);
            _builder.Append(PayloadType.Identification, IdPayload.WriteIpv4(_tx, _builder.Position, _builder.Room,
                IdType.Ipv4AddrSubnet, 0, 0, subnet & mask, mask));
        }

        private void AppendCopy(int type, byte[] b, int payload)
        {
            int len = GenericPayload.GetLength(b, payload);
            if (len > _builder.Room)
            {
                _builder.Append(type, -1);
                return;
            }

            Array.Copy(b, payload, _tx, _builder.Position, len);
            _builder.Append(type, len);
        }

        /// <summary>N(RESPONDER-LIFETIME) with protocol ESP, our SPI, and the shorter life attributes (RFC 2407 §4.6.3.1).</summary>
        private void AppendResponderLifetime(QuickModeExchange x, bool seconds, bool kb)
        {
            byte[] attrs = new byte[24];
            int n = 0;
            if (seconds)
            {
                n += DataAttribute.WriteTv(attrs, n, attrs.Length - n, Phase2Attribute.SaLifeType, Phase2Attribute.LifeSeconds);
                n += DataAttribute.WriteTlvNumber(attrs, n, attrs.Length - n, Phase2Attribute.SaLifeDuration, (uint)x.Policy.LifetimeSeconds, 4);
            }

            if (kb)
            {
                n += DataAttribute.WriteTv(attrs, n, attrs.Length - n, Phase2Attribute.SaLifeType, Phase2Attribute.LifeKilobytes);
                n += DataAttribute.WriteTlvNumber(attrs, n, attrs.Length - n, Phase2Attribute.SaLifeDuration, (uint)x.Policy.LifetimeKilobytes, 4);
            }

            BigEndian.WriteUInt32(_spi, 0, x.OurSpi);
            _builder.Append(PayloadType.Notification, NotifyPayload.Write(_tx, _builder.Position, _builder.Room, SaPayload.DoiIpsec,
                ProtocolId.IpsecEsp, NotifyType.ResponderLifetime, _spi, 0, 4, attrs, 0, n));
        }

        /// <summary>The responder's shorter lifetimes (RFC 2407 §4.6.3.1).</summary>
        private void ReadResponderLifetime(QuickModeExchange x, IsakmpMessage m)
        {
            byte[] b = m.PayloadBuffer;
            for (int i = m.Find(PayloadType.Notification, 0); i >= 0; i = m.Find(PayloadType.Notification, i + 1))
            {
                int n = m.PayloadOffsetAt(i);
                if (NotifyPayload.GetNotifyType(b, n) != NotifyType.ResponderLifetime)
                {
                    continue;
                }

                int pos = NotifyPayload.GetDataOffset(b, n);
                int end = pos + NotifyPayload.GetDataLength(b, n);
                int lifeType = 0;
                while (pos + DataAttribute.HeaderSize <= end && DataAttribute.Check(b, pos, end - pos) > 0)
                {
                    ulong v;
                    int type = DataAttribute.GetType(b, pos);
                    if (DataAttribute.TryGetValue(b, pos, out v) && v <= 0x7FFFFFFF)
                    {
                        if (type == Phase2Attribute.SaLifeType)
                        {
                            lifeType = (int)v;
                        }
                        else if (type == Phase2Attribute.SaLifeDuration)
                        {
                            Shorten(x, lifeType == Phase2Attribute.LifeSeconds ? (int)v : 0, lifeType == Phase2Attribute.LifeKilobytes ? (int)v : 0);
                        }
                    }

                    pos += DataAttribute.GetTotalLength(b, pos);
                }
            }
        }

        private static void Shorten(QuickModeExchange x, int seconds, int kb)
        {
            if (seconds > 0 && (x.LifetimeSeconds == 0 || seconds < x.LifetimeSeconds))
            {
                x.LifetimeSeconds = seconds;
            }

            if (kb > 0 && (x.LifetimeKilobytes == 0 || kb < x.LifetimeKilobytes))
            {
                x.LifetimeKilobytes = kb;
            }
        }

        /// <summary>PFS: the peer's KE with the policy's group gives g(qm)^xy (RFC 2409 §5.5).</summary>
        private bool ComputePfs(QuickModeExchange x, IsakmpMessage m)
        {
            int ke = m.Find(PayloadType.KeyExchange, 0);
            if (x.Dh == null)
            {
                return ke < 0;
            }

            if (ke < 0)
            {
                return false;
            }

            byte[] b = m.PayloadBuffer;
            int at = m.PayloadOffsetAt(ke);
            int len = KePayload.GetDataLength(b, at);
            if (len != x.Dh.PublicValueLength)
            {
                return false;
            }

            byte[] gxy = new byte[x.Dh.SharedSecretLength];
            if (x.Dh.ComputeSharedSecret(b, KePayload.GetDataOffset(at), len, gxy, 0) != DhResult.Ok)
            {
                return false;
            }

            x.Gxy = gxy;
            return true;
        }

        private byte[] NonceOf(IsakmpMessage m)
        {
            byte[] b = m.PayloadBuffer;
            int n = m.PayloadOffsetAt(m.Find(PayloadType.Nonce, 0));
            return Copy(b, NoncePayload.GetDataOffset(n), NoncePayload.GetDataLength(b, n));
        }

        private byte[] NewNonce()
        {
            byte[] nonce = new byte[NonceLength];
            _random.Fill(nonce, 0, NonceLength);
            return nonce;
        }

        private uint NewMessageId(IkeSa sa)
        {
            while (true)
            {
                _random.Fill(_mid, 0, 4);
                uint mid = BigEndian.ReadUInt32(_mid, 0);
                if (mid != 0 && Find(sa, mid) == null)
                {
                    return mid;
                }
            }
        }

        /// <summary>RFC 3947 §5.1: UDP-encapsulated tunnel (3, or 61443 with a draft) when a NAT is in the path, else tunnel (1).</summary>
        private static int EncapsulationFor(IkeSa sa)
        {
            if (sa.NatT == NatTVersion.None || !sa.NatAny)
            {
                return Phase2Attribute.ModeTunnel;
            }

            return sa.NatT == NatTVersion.Rfc3947 ? Phase2Attribute.ModeUdpTunnel : Phase2Attribute.ModeUdpTunnelDraft;
        }

        private QuickModeExchange Find(IkeSa sa, uint mid)
        {
            for (int i = 0; i < _exchanges.Count; i++)
            {
                QuickModeExchange x = (QuickModeExchange)_exchanges[i];
                if (x.Sa == sa && x.MessageId == mid)
                {
                    return x;
                }
            }

            return null;
        }

        private bool IsRunning(IpsecPolicy policy)
        {
            for (int i = 0; i < _exchanges.Count; i++)
            {
                QuickModeExchange x = (QuickModeExchange)_exchanges[i];
                if (x.Policy == policy && x.State != QuickModeExchange.Done)
                {
                    return true;
                }
            }

            return false;
        }

        private bool HasPhase1(PeerConfig peer)
        {
            for (int i = 0; i < _daemon.Capacity; i++)
            {
                IkeSa sa = _daemon.GetSa(i);
                if (sa != null && sa.Peer == peer && sa.State != IkeSaState.Dead)
                {
                    return true;
                }
            }

            return false;
        }

        private int FindPolicy(string name)
        {
            for (int i = 0; i < _policies.Count; i++)
            {
                if (((IpsecPolicy)_policies[i]).Name == name)
                {
                    return i;
                }
            }

            return -1;
        }

        private PeerConfig FindPeer(string name)
        {
            for (int i = 0; i < _daemon.PeerCount; i++)
            {
                PeerConfig p = _daemon.GetPeer(i);
                if (p.Name == name)
                {
                    return p;
                }
            }

            return null;
        }

        /// <summary>
        /// The policy of <paramref name="peer"/> whose remote subnet is the initiator's ID and local
        /// subnet the responder's (exactly, after masking); without IDs the peer's first policy.
        /// </summary>
        private int FindPolicyFor(PeerConfig peer, uint ci, int ciPrefix, uint cr, int crPrefix, bool noIds)
        {
            for (int i = 0; i < _policies.Count; i++)
            {
                IpsecPolicy p = (IpsecPolicy)_policies[i];
                if (p.PeerName != peer.Name)
                {
                    continue;
                }

                if (noIds)
                {
                    return i;
                }

                if (p.RemotePrefixLength == ciPrefix && p.LocalPrefixLength == crPrefix
                    && (p.RemoteSubnet & MaskOf(ciPrefix)) == (ci & MaskOf(ciPrefix))
                    && (p.LocalSubnet & MaskOf(crPrefix)) == (cr & MaskOf(crPrefix)))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>An ID as a subnet: IPV4_ADDR (/32), IPV4_ADDR_SUBNET (contiguous mask), IPV4_ADDR_RANGE that is exactly a prefix.</summary>
        private static bool ReadSubnet(byte[] b, int id, out uint address, out int prefix)
        {
            address = 0;
            prefix = -1;
            int type = IdPayload.GetIdType(b, id);
            int len = IdPayload.GetDataLength(b, id);
            if (type == IdType.Ipv4Addr && len == 4)
            {
                address = IdPayload.GetIpv4(b, id);
                prefix = 32;
                return true;
            }

            if ((type != IdType.Ipv4AddrSubnet && type != IdType.Ipv4AddrRange) || len != 8)
            {
                return false;
            }

            uint first = IdPayload.GetIpv4(b, id);
            uint second = IdPayload.GetIpv4Second(b, id);
            uint mask = type == IdType.Ipv4AddrSubnet ? second : ~(first ^ second);
            for (int p = 0; p <= 32; p++)
            {
                if (MaskOf(p) == mask)
                {
                    if (type == IdType.Ipv4AddrRange && ((first & ~mask) != 0 || (second | mask) != 0xFFFFFFFFu))
                    {
                        return false;
                    }

                    address = first & mask;
                    prefix = p;
                    return true;
                }
            }

            return false;
        }

        private static uint MaskOf(int prefix)
        {
            return prefix <= 0 ? 0u : 0xFFFFFFFFu << (32 - prefix);
        }

        /// <summary>One received ESP transform, in our terms (null: something we do not do).</summary>
        private Agreed ReadTransform(byte[] b, int proposal, int transform)
        {
            if (ProposalPayload.GetProtocolId(b, proposal) != ProtocolId.IpsecEsp || ProposalPayload.GetSpiSize(b, proposal) != 4)
            {
                return null;
            }

            Agreed a = new Agreed();
            int id = TransformPayload.GetTransformId(b, transform);
            a.Cipher = id == TransformId.EspAes ? CipherAlgorithm.AesCbc : id == TransformId.EspAesGcm16 ? CipherAlgorithm.AesGcm
                : id == TransformId.Esp3Des ? CipherAlgorithm.TripleDesCbc : (CipherAlgorithm)0;
            if (a.Cipher == 0)
            {
                return null;
            }

            a.KeySize = a.Cipher == CipherAlgorithm.TripleDesCbc ? 24 : 0;
            int end = transform + GenericPayload.GetLength(b, transform);
            int pos = TransformPayload.GetAttributesOffset(transform);
            int lifeType = 0;
            int auth = 0;
            while (pos < end)
            {
                int type = DataAttribute.GetType(b, pos);
                ulong value;
                int v = DataAttribute.TryGetValue(b, pos, out value) && value <= 0x7FFFFFFF ? (int)value : -1;
                switch (type)
                {
                    case Phase2Attribute.SaLifeType: lifeType = v; break;
                    case Phase2Attribute.SaLifeDuration:
                        if (lifeType == Phase2Attribute.LifeSeconds)
                        {
                            a.LifetimeSeconds = v;
                        }
                        else if (lifeType == Phase2Attribute.LifeKilobytes)
                        {
                            a.LifetimeKilobytes = v;
                        }

                        break;
                    case Phase2Attribute.GroupDescription: a.Group = (DhGroup)v; break;
                    case Phase2Attribute.EncapsulationMode: a.Mode = v; break;
                    case Phase2Attribute.AuthenticationAlgorithm: auth = v; break;
                    case Phase2Attribute.KeyLength: a.KeySize = v / 8; break;
                    default: return null;
                }

                pos += DataAttribute.GetTotalLength(b, pos);
            }

            if (!Phase2Attribute.IsTunnel(a.Mode) || a.KeySize == 0 || a.LifetimeSeconds < 0 || a.LifetimeKilobytes < 0)
            {
                return null;
            }

            a.HasIntegrity = auth != 0;
            a.Integrity = auth == Phase2Attribute.AuthHmacSha1 ? HashAlgorithm.Sha1 : auth == Phase2Attribute.AuthHmacSha2256 ? HashAlgorithm.Sha256
                : auth == Phase2Attribute.AuthHmacSha2384 ? HashAlgorithm.Sha384 : auth == Phase2Attribute.AuthHmacSha2512 ? HashAlgorithm.Sha512
                : auth == Phase2Attribute.AuthHmacMd5 ? HashAlgorithm.Md5 : (HashAlgorithm)0;
            if (auth != 0 && a.Integrity == 0)
            {
                return null;
            }

            return a;
        }

        private static bool Matches(Agreed a, IpsecProposal ours, IpsecPolicy policy)
        {
            if (a.Cipher != ours.Encryption || a.Group != policy.Pfs)
            {
                return false;
            }

            if (ours.Encryption != CipherAlgorithm.TripleDesCbc && a.KeySize != ours.KeySize)
            {
                return false;
            }

            // AES-GCM carries no authentication attribute (RFC 4106 §8.3); CBC needs the same HMAC.
            return ours.Encryption == CipherAlgorithm.AesGcm ? !a.HasIntegrity : a.HasIntegrity && a.Integrity == ours.Integrity;
        }

        /// <summary>"aes-cbc-128 sha2-256 pfs modp2048" of our side.</summary>
        private static string Describe(IpsecProposal p, IpsecPolicy policy)
        {
            Agreed a = new Agreed();
            a.Cipher = p.Encryption;
            a.KeySize = p.Encryption == CipherAlgorithm.TripleDesCbc ? 24 : p.KeySize;
            a.Integrity = p.Integrity;
            a.HasIntegrity = p.Encryption != CipherAlgorithm.AesGcm;
            a.Group = policy.Pfs;
            return a.Describe();
        }

        private static int TransformIdOf(CipherAlgorithm c)
        {
            return c == CipherAlgorithm.AesGcm ? TransformId.EspAesGcm16 : c == CipherAlgorithm.TripleDesCbc ? TransformId.Esp3Des : TransformId.EspAes;
        }

        private static int AuthIdOf(HashAlgorithm h)
        {
            switch (h)
            {
                case HashAlgorithm.Md5: return Phase2Attribute.AuthHmacMd5;
                case HashAlgorithm.Sha1: return Phase2Attribute.AuthHmacSha1;
                case HashAlgorithm.Sha384: return Phase2Attribute.AuthHmacSha2384;
                case HashAlgorithm.Sha512: return Phase2Attribute.AuthHmacSha2512;
                default: return Phase2Attribute.AuthHmacSha2256;
            }
        }

        private static byte[] Copy(byte[] b, int offset, int count)
        {
            byte[] c = new byte[count];
            Array.Copy(b, offset, c, 0, count);
            return c;
        }
    }
}
