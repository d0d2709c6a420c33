using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Tasks;
using NanoGate.Nat;

namespace NanoGate.Ike
{
    /// <summary>
    /// The IKEv1 daemon: it composes the parts of phase 1, each owning its state, in the shape of
    /// strongSwan's charon, and is their face to the run loop, quick mode and the console.
    /// <see cref="IkeDatagramDispatcher"/> takes each datagram to the SA its cookies name in
    /// <see cref="IkeSaTable"/> (ike_sa_manager), a first message to <see cref="FirstMessageResponder"/>
    /// and an established SA's to <see cref="Phase2"/>; <see cref="Phase1TaskManager"/> (task_manager)
    /// runs the tasks of ike/Tasks and acts on their outcomes; <see cref="IkeSaLifecycle"/>
    /// establishes, fails and deletes; <see cref="IkeSaTimers"/> keeps retransmission, half-open
    /// timeout, lifetime, re-authentication and keepalives; <see cref="Retransmitter"/> puts
    /// everything on the wire; <see cref="PeerTable"/> holds the peers. Single-threaded and
    /// poll-driven: the run loop feeds datagrams to <see cref="HandleDatagram"/> and calls
    /// <see cref="Poll"/>; time comes in as nowMs.
    /// <para>
    /// Datagram contract: <see cref="HandleDatagram"/> takes the ISAKMP message WITHOUT the
    /// non-ESP marker. The run loop receives port 4500 itself (ESP shares it), classifies with
    /// <see cref="Port4500Demux"/>, and passes IKE datagrams from offset + 4; keepalives and ESP
    /// never reach the daemon. The daemon sends through the two transports given here and adds
    /// the marker itself on 4500.
    /// </para>
    /// </summary>
    public sealed class IkeDaemon
    {
        /// <summary>IKE (RFC 2408 §2.5.4... IANA).</summary>
        public const int IkePort = 500;

        /// <summary>NAT-T (RFC 3947 §4).</summary>
        public const int NatTPort = 4500;

        private readonly Phase1Payloads _payloads;
        private readonly IkeSaTable _sas;
        private readonly PeerTable _peers = new PeerTable();
        private readonly FirstMessageAdmission _admission;
        private readonly Retransmitter _sender;
        private readonly IkeSaLifecycle _lifecycle;
        private readonly Phase1TaskManager _negotiations;
        private readonly IkeSaTimers _timers;
        private readonly IkeDatagramDispatcher _dispatcher;

        /// <summary>
        /// A daemon for our WAN address <paramref name="localAddress"/> (host order; what NAT-D
        /// hashes as ours) with room for <paramref name="capacity"/> ISAKMP SAs.
        /// </summary>
        public IkeDaemon(uint localAddress, IDatagramTransport port500, IDatagramTransport port4500, ICryptoProvider crypto,
            IRandomSource random, IIkeListener listener, int capacity)
        {
            LocalAddress = localAddress;
            _sas = new IkeSaTable(capacity, random);
            _admission = new FirstMessageAdmission(_sas);
            _sender = new Retransmitter(port500, port4500, random);
            Scratch = new IkeScratch();
            _payloads = new Phase1Payloads(localAddress, _peers, crypto, random, Scratch);
            _payloads.Jobs = new InlineJobRunner();
            Phase1TaskTable tasks = new Phase1TaskTable(_payloads);
            _lifecycle = new IkeSaLifecycle(_sas, _peers, tasks, listener);
            _negotiations = new Phase1TaskManager(_sas, _peers, tasks, _lifecycle, _sender, listener);
            _timers = new IkeSaTimers(_sas, _negotiations, _lifecycle, _sender);
            FirstMessageResponder firstMessages = new FirstMessageResponder(_sas, _peers, _admission, _sender, listener);
            _dispatcher = new IkeDatagramDispatcher(_sas, firstMessages, _admission, _negotiations, _lifecycle, _sender);
        }

        /// <summary>
        /// Where Diffie-Hellman runs (the board's <see cref="IJobRunner"/>): off the run loop, so a
        /// phase 1 or PFS key exchange never stalls ESP forwarding. Default: inline (the caller's
        /// thread, for tools and tests of one exchange). Quick mode uses the same runner.
        /// </summary>
        public IJobRunner Jobs
        {
            get { return _payloads.Jobs; }
            set { _payloads.Jobs = value; }
        }

        /// <summary>Diffie-Hellman jobs finished and taken up again by their negotiation (phase 1).</summary>
        public int JobsResumed
        {
            get { return _negotiations.JobsResumed; }
        }

        /// <summary>Messages dropped because their SA was waiting for its Diffie-Hellman job.</summary>
        public int DroppedWhileComputing
        {
            get { return _dispatcher.DroppedWhileComputing; }
        }

        /// <summary>The buffers phase 1, quick mode and informational messages are built and decrypted in.</summary>
        public IkeScratch Scratch { get; private set; }

        /// <summary>Our WAN address (host order).</summary>
        public uint LocalAddress { get; private set; }

        /// <summary>Retransmission timing (default: strongSwan's 4 s x 1.8^n, 5 retransmits).</summary>
        public RetransmitPolicy Retransmit
        {
            get { return _sender.Policy; }
        }

        /// <summary>Default <see cref="HalfOpenTimeoutMs"/>: strongSwan's charon.half_open_timeout (30 s).</summary>
        public const long DefaultHalfOpenTimeoutMs = 30000;

        /// <summary>
        /// A responder SA that waits for the initiator's next message dies after this long without
        /// it (ms). Each retransmission of the initiator restarts the wait. Default 30 s.
        /// </summary>
        public long HalfOpenTimeoutMs
        {
            get { return _negotiations.HalfOpenTimeoutMs; }
            set { _negotiations.HalfOpenTimeoutMs = value; }
        }

        /// <summary>The SA table.</summary>
        public IkeSaTable Sas
        {
            get { return _sas; }
        }

        /// <summary>The caps and budgets for first messages (the half-open SA limits, responder Diffie-Hellman).</summary>
        public FirstMessageAdmission Admission
        {
            get { return _admission; }
        }

        /// <summary>Cap on responder half-open SAs of peers configured by address range (<see cref="FirstMessageAdmission.MaxHalfOpen"/>).</summary>
        public int MaxHalfOpen
        {
            get { return _admission.MaxHalfOpen; }
            set { _admission.MaxHalfOpen = value; }
        }

        /// <summary>Cap on responder half-open SAs per source address (<see cref="FirstMessageAdmission.MaxHalfOpenPerPeer"/>).</summary>
        public int MaxHalfOpenPerPeer
        {
            get { return _admission.MaxHalfOpenPerPeer; }
            set { _admission.MaxHalfOpenPerPeer = value; }
        }

        /// <summary>Diffie-Hellman computations for peers not yet authenticated (<see cref="FirstMessageAdmission.ResponderDh"/>).</summary>
        public RateBudget ResponderDh
        {
            get { return _admission.ResponderDh; }
        }

        /// <summary>Error notifies to sources we keep no state for.</summary>
        public RateBudget UnverifiedAnswers
        {
            get { return _admission.UnverifiedAnswers; }
        }

        /// <summary>A repeat of the peer's message sooner than this after ours (ms) is not its retransmission timer (<see cref="IkeDatagramDispatcher.PeerRetransmitMinMs"/>).</summary>
        public const long PeerRetransmitMinMs = IkeDatagramDispatcher.PeerRetransmitMinMs;

        /// <summary>Initiations not started because the peer's retry backoff had not run out.</summary>
        public int InitiationsDeferred
        {
            get { return _negotiations.InitiationsDeferred; }
        }

        /// <summary>AM2 sent again because the initiator's protected message showed AM3 was lost.</summary>
        public int AnswersRepeatedForLostAm3
        {
            get { return _dispatcher.AnswersRepeatedForLostAm3; }
        }

        /// <summary>First messages refused by the half-open caps.</summary>
        public int HalfOpenRefused
        {
            get { return _admission.HalfOpenRefused; }
        }

        /// <summary>Unprotected notifies that named a responder half-open SA and were ignored (anyone can send them).</summary>
        public int UnauthenticatedNotifiesIgnored
        {
            get { return _dispatcher.UnauthenticatedNotifiesIgnored; }
        }

        /// <summary>NAT keepalive interval (ms), default 20 s.</summary>
        public long KeepaliveIntervalMs
        {
            get { return _lifecycle.KeepaliveIntervalMs; }
            set { _lifecycle.KeepaliveIntervalMs = value; }
        }

        /// <summary>Quick mode and protected informational messages of established SAs go here (phase 2).</summary>
        public IIkeExchangeHandler Phase2
        {
            get { return _lifecycle.Phase2; }
            set
            {
                _lifecycle.Phase2 = value;
                _dispatcher.Phase2 = value;
            }
        }

        /// <summary>Datagrams dropped: unparsable, unknown cookies, stale, on port 500 after floating, or refused first messages over a cap.</summary>
        public int Dropped
        {
            get { return _dispatcher.Dropped; }
        }

        /// <summary>Retransmitted requests answered with the stored response (or the notify that refused them).</summary>
        public int DuplicatesAnswered
        {
            get { return _dispatcher.DuplicatesAnswered; }
        }

        /// <summary>Our retransmissions.</summary>
        public int Retransmissions
        {
            get { return _sender.Retransmissions; }
        }

        /// <summary>NAT keepalives sent.</summary>
        public int KeepalivesSent
        {
            get { return _sender.KeepalivesSent; }
        }

        /// <summary>
        /// Fake our NAT-D hash for every peer (as a peer's <see cref="PeerConfig.ForceEncapsulation"/>):
        /// for a data path that only carries UDP-encapsulated ESP (RFC 3948), like strongSwan's
        /// kernel-libipsec. A peer with NAT-T then always agrees on UDP-encapsulated tunnel mode.
        /// </summary>
        public bool AlwaysEncapsulate
        {
            get { return _payloads.AlwaysEncapsulate; }
            set { _payloads.AlwaysEncapsulate = value; }
        }

        /// <summary>IKE datagrams sent (first transmissions, retransmissions, answers, notifies).</summary>
        public int Sent
        {
            get { return _sender.Sent; }
        }

        /// <summary>
        /// Phase 1 is renewed when this share of its lifetime has passed (percent, default 90): a new
        /// main/aggressive mode replaces the SA before it expires (strongSwan's reauth_time). Only the
        /// side that initiated the SA renews it, so both ends do not race.
        /// </summary>
        public int ReauthPercent
        {
            get { return _lifecycle.ReauthPercent; }
            set { _lifecycle.ReauthPercent = value; }
        }

        /// <summary>Adds a peer configuration; at run time too (it initiates and answers from then on).</summary>
        public void AddPeer(PeerConfig peer)
        {
            _peers.Add(peer);
        }

        /// <summary>The configured peers.</summary>
        public PeerTable Peers
        {
            get { return _peers; }
        }

        /// <summary>
        /// Takes peer <paramref name="name"/> out of service at run time (a configuration change):
        /// its established ISAKMP SAs and their IPsec SAs are deleted with Delete payloads to the peer
        /// (RFC 2408 §3.15, §4.8), its negotiations end without a word (the peer's retransmissions
        /// then meet no state), <see cref="Phase2"/> forgets its policies and pending quick modes, and
        /// the peer leaves the table. Other peers' SAs are untouched. False when no such peer.
        /// </summary>
        public bool RemovePeer(string name, long nowMs)
        {
            PeerConfig peer = _peers.Find(name);
            if (peer == null)
            {
                return false;
            }

            for (int i = 0; i < _sas.Capacity; i++)
            {
                IkeSa sa = _sas.Get(i);
                if (sa == null || sa.Peer != peer)
                {
                    continue;
                }

                if (sa.State == IkeSaState.Established)
                {
                    Delete(sa, true, true, nowMs);
                }
                else
                {
                    _lifecycle.Remove(sa);
                }
            }

            if (Phase2 != null)
            {
                Phase2.OnPeerRemoved(peer, nowMs);
            }

            _peers.Remove(peer);
            return true;
        }

        /// <summary>Number of configured peers.</summary>
        public int PeerCount
        {
            get { return _peers.Count; }
        }

        /// <summary>The i-th peer.</summary>
        public PeerConfig GetPeer(int index)
        {
            return _peers.Get(index);
        }

        /// <summary>Size of the SA table.</summary>
        public int Capacity
        {
            get { return _sas.Capacity; }
        }

        /// <summary>Slot <paramref name="index"/> of the SA table (null when free).</summary>
        public IkeSa GetSa(int index)
        {
            return _sas.Get(index);
        }

        /// <summary>The newest established SA with <paramref name="peer"/>, or null.</summary>
        public IkeSa FindEstablished(PeerConfig peer)
        {
            return _sas.FindEstablished(peer);
        }

        /// <summary>
        /// Starts phase 1 with <paramref name="peer"/> (its <see cref="PeerConfig.RemoteAddress"/>,
        /// port 500) in its configured mode. Returns the new SA, or null when the table is full.
        /// </summary>
        public IkeSa Initiate(PeerConfig peer, long nowMs)
        {
            return _negotiations.Initiate(peer, nowMs);
        }

        /// <summary>
        /// One received IKE datagram (without the non-ESP marker) from
        /// <paramref name="source"/>:<paramref name="sourcePort"/> on our <paramref name="localPort"/>
        /// (500 or 4500). Never throws on content; drops what it cannot use.
        /// </summary>
        public void HandleDatagram(byte[] b, int offset, int count, uint source, int sourcePort, int localPort, long nowMs)
        {
            _dispatcher.Handle(b, offset, count, source, sourcePort, localPort, nowMs);
        }

        /// <summary>Retransmissions, half-open timeouts, SA lifetimes and NAT keepalives due at <paramref name="nowMs"/>.</summary>
        public void Poll(long nowMs)
        {
            _timers.Poll(nowMs);
        }

        /// <summary>The earliest time <see cref="Poll"/> has something to do (ms), or long.MaxValue.</summary>
        public long NextDeadlineMs
        {
            get { return _timers.NextDeadlineMs; }
        }

        /// <summary>
        /// Sends an ISAKMP message (without marker) of an established SA to the peer's current
        /// endpoint, on 4500 with the marker once floated (for quick mode and informational).
        /// </summary>
        public bool Send(IkeSa sa, byte[] b, int offset, int count, long nowMs)
        {
            return _sender.Send(sa, b, offset, count, nowMs);
        }

        /// <summary>As <see cref="Send"/>, to the endpoint a request came from, without following it.</summary>
        public bool SendTo(IkeSa sa, byte[] b, int offset, int count, uint address, int port, int localPort, long nowMs)
        {
            return _sender.SendTo(sa, b, offset, count, address, port, localPort, nowMs);
        }

        /// <summary>
        /// An authenticated message of <paramref name="sa"/> came from this endpoint: follow the
        /// peer's (possibly re-)translated address and port (RFC 3947 §4, RFC 3948 §2.2).
        /// </summary>
        public void NoteAuthenticated(IkeSa sa, uint source, int sourcePort, int localPort)
        {
            sa.FollowPeer(source, sourcePort, localPort);
        }

        /// <summary>
        /// Removes an SA and reports it. Established SAs go through <see cref="Phase2"/> first:
        /// <paramref name="notifyPeer"/> sends the Delete payloads (RFC 2408 §3.15, §4.8: ISAKMP SPI =
        /// CKY-I | CKY-R), <paramref name="dropChildren"/> removes its IPsec SAs as well (reset, dead
        /// peer) instead of moving them to another ISAKMP SA of the peer.
        /// </summary>
        public void Delete(IkeSa sa, bool notifyPeer, bool dropChildren, long nowMs)
        {
            _lifecycle.Delete(sa, notifyPeer, dropChildren, nowMs);
        }
    }
}
