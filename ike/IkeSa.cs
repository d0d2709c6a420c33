using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Nat;

namespace NanoGate.Ike
{
    /// <summary>
    /// One ISAKMP (phase 1) SA: its cookies, role, negotiated proposal, keys, IV chain, NAT state,
    /// the peer's current endpoint and what is needed to retransmit and to answer duplicates.
    /// Owned by <see cref="IkeDaemon"/>'s SA table; a phase 1 task drives the exchange until it is established.
    /// <para>
    /// For quick mode: <see cref="Keys"/> (SKEYID_d for KEYMAT, SKEYID_a for HASH(1..3)),
    /// <see cref="Iv"/> (Cipher keyed with Ka; Current = the last phase 1 CBC block, input of
    /// <see cref="Keymat.Phase2Iv"/>), <see cref="PeerAddress"/>/<see cref="PeerPort"/>/<see cref="LocalPort"/>
    /// (4500 once floated) and <see cref="NatT"/>/<see cref="NatAny"/> (encapsulation mode 3/4 or 61443/61444).
    /// </para>
    /// </summary>
    public sealed class IkeSa
    {
        /// <summary>Created by the daemon.</summary>
        internal IkeSa(int serial, PeerConfig peer, bool initiator, ExchangeMode mode, long nowMs)
        {
            Serial = serial;
            Peer = peer;
            IsInitiator = initiator;
            Mode = mode;
            CookieI = new byte[8];
            CookieR = new byte[8];
            CreatedMs = nowMs;
            Keepalive = new KeepaliveSchedule();
            NextTimerMs = long.MaxValue;
            ExpiresMs = long.MaxValue;
            ReauthAtMs = long.MaxValue;
        }

        /// <summary>A number unique per daemon, for logs ("#3").</summary>
        public int Serial { get; private set; }

        /// <summary>The peer configuration in use.</summary>
        public PeerConfig Peer { get; internal set; }

        /// <summary>True when we sent the first message.</summary>
        public bool IsInitiator { get; private set; }

        /// <summary>Main or aggressive mode.</summary>
        public ExchangeMode Mode { get; private set; }

        /// <summary>Where the exchange is.</summary>
        public IkeSaState State { get; internal set; }

        /// <summary>CKY-I, 8 bytes.</summary>
        public byte[] CookieI { get; private set; }

        /// <summary>CKY-R, 8 bytes (zero until the responder answered).</summary>
        public byte[] CookieR { get; private set; }

        /// <summary>CKY-I as a number.</summary>
        public ulong InitiatorCookie
        {
            get { return NanoGate.Hal.BigEndian.ReadUInt64(CookieI, 0); }
        }

        /// <summary>CKY-R as a number.</summary>
        public ulong ResponderCookie
        {
            get { return NanoGate.Hal.BigEndian.ReadUInt64(CookieR, 0); }
        }

        /// <summary>The peer's address as we see it (after NAT), host order.</summary>
        public uint PeerAddress { get; internal set; }

        /// <summary>The peer's UDP port as we see it (follows the NAT's translation on authenticated messages).</summary>
        public int PeerPort { get; internal set; }

        /// <summary>Our UDP port for this SA: 500, or 4500 after floating (RFC 3947 §4).</summary>
        public int LocalPort { get; internal set; }

        /// <summary>The agreed proposal (lifetimes: the shorter of both sides).</summary>
        public IkeProposal Proposal { get; internal set; }

        /// <summary>SKEYID, SKEYID_d/a/e and Ka.</summary>
        public Keymat Keys { get; internal set; }

        /// <summary>The phase 1 CBC chain; after establishment its Current is the last phase 1 block.</summary>
        public IvChain Iv { get; internal set; }

        /// <summary>Our DH key pair (wiped once established).</summary>
        internal IDiffieHellman Dh { get; set; }

        /// <summary>
        /// The Diffie-Hellman computation this negotiation waits for (off the run loop), or null.
        /// While it runs the SA answers nothing; removing the SA cancels it (the job wipes its result).
        /// </summary>
        public DhJob Job { get; internal set; }

        /// <summary>g^xi (initiator's public value, padded).</summary>
        public byte[] Gxi { get; internal set; }

        /// <summary>g^xr.</summary>
        public byte[] Gxr { get; internal set; }

        /// <summary>Ni_b.</summary>
        public byte[] NonceI { get; internal set; }

        /// <summary>Nr_b.</summary>
        public byte[] NonceR { get; internal set; }

        /// <summary>SAi_b: the body of the initiator's SA payload (RFC 2409 §5).</summary>
        internal byte[] SaiB { get; set; }

        /// <summary>IDii_b in aggressive mode (needed for HASH_I after AM2).</summary>
        internal byte[] IdiB { get; set; }

        /// <summary>
        /// Phase 1 is up: g^xi, g^xr, the nonces, SAi_b and IDii_b were needed only for SKEYID, the
        /// first IV and HASH_I/HASH_R (RFC 2409 §5); a repeated message gets the stored answer.
        /// SKEYID and SKEYID_e go too (<see cref="Keymat.ForgetSetup"/>).
        /// </summary>
        internal void ForgetSetup()
        {
            if (Keys != null)
            {
                Keys.ForgetSetup();
            }

            Gxi = null;
            Gxr = null;
            NonceI = null;
            NonceR = null;
            SaiB = null;
            IdiB = null;
        }

        /// <summary>The NAT-T version both support (None: no NAT-T).</summary>
        public NatTVersion NatT { get; internal set; }

        /// <summary>We are behind a NAT (our NAT-D hash did not match, RFC 3947 §3.2).</summary>
        public bool NatHere { get; internal set; }

        /// <summary>The peer is behind a NAT.</summary>
        public bool NatThere { get; internal set; }

        /// <summary>We faked our NAT-D hash to force UDP encapsulation (strongSwan's encap=yes).</summary>
        public bool NatFaked { get; internal set; }

        /// <summary>Any NAT in the path (real or faked): ESP must be UDP-encapsulated.</summary>
        public bool NatAny
        {
            get { return NatHere || NatThere || NatFaked; }
        }

        /// <summary>The peer announced DPD (RFC 3706).</summary>
        public bool PeerSupportsDpd { get; internal set; }

        /// <summary>The peer's phase 1 identity, as "fqdn hq.example.net".</summary>
        public string RemoteIdentity { get; internal set; }

        /// <summary>NAT keepalives towards the peer (when we are the NATed side).</summary>
        public KeepaliveSchedule Keepalive { get; private set; }

        /// <summary>When the negotiation started (ms).</summary>
        public long CreatedMs { get; private set; }

        /// <summary>When phase 1 completed (ms).</summary>
        public long EstablishedMs { get; internal set; }

        /// <summary>When the SA expires (lifetime seconds), or long.MaxValue.</summary>
        public long ExpiresMs { get; internal set; }

        /// <summary>The last datagram we sent (marker included), for retransmission and duplicates.</summary>
        internal byte[] LastSent { get; set; }

        /// <summary>What we sent in answer to <see cref="LastReceived"/> (null when it needed none): resent for a duplicate.</summary>
        internal byte[] Answer { get; set; }

        /// <summary>The last datagram we accepted (without marker), to spot a retransmitted request.</summary>
        internal byte[] LastReceived { get; set; }

        /// <summary>Retransmissions of <see cref="LastSent"/> so far.</summary>
        internal int Retransmits { get; set; }

        /// <summary>True while <see cref="LastSent"/> awaits an answer and is retransmitted.</summary>
        internal bool AwaitingReply { get; set; }

        /// <summary>A responder's half-open SA: the error an unprotected notify named (kept for the timeout's record, never acted on).</summary>
        internal Phase1FailureReason NotifiedReason { get; set; }

        /// <summary>The text of <see cref="NotifiedReason"/>.</summary>
        internal string NotifiedDetail { get; set; }

        /// <summary>When <see cref="LastSent"/> was first sent (ms).</summary>
        internal long LastSentMs { get; set; }

        /// <summary>Repeats of the peer's last message while we wait for its next one (main mode: MM4 after our MM5).</summary>
        internal int PeerRepeats { get; set; }

        /// <summary>Next retransmission or half-open timeout (ms).</summary>
        internal long NextTimerMs { get; set; }

        /// <summary>True once established with the SA's peer config for the first time (INITIAL-CONTACT sent).</summary>
        public bool SentInitialContact { get; internal set; }

        /// <summary>The peer's phase 1 carried INITIAL-CONTACT (RFC 2407 §4.6.3.3): it lost every earlier SA with us.</summary>
        public bool PeerSentInitialContact { get; internal set; }

        /// <summary>When phase 1 is renewed (re-authenticated) before it expires (ms), or long.MaxValue.</summary>
        public long ReauthAtMs { get; internal set; }

        /// <summary>Our new phase 1 with the peer is under way; this SA is deleted once it is up.</summary>
        public bool Reauthenticating { get; internal set; }

        /// <summary>
        /// The peer has shown it holds this SA: we initiated it, or a message under its keys came after
        /// our last phase 1 message. A main mode responder cannot know the initiator got MM6 before
        /// that, so DPD waits for it (an R-U-THERE would reach an initiator still waiting for MM6).
        /// </summary>
        public bool PeerConfirmed { get; internal set; }

        /// <summary>The last time an authenticated message or ESP packet came from the peer (ms): DPD idles from here.</summary>
        public long LastHeardMs { get; internal set; }

        /// <summary>DPD (RFC 3706 §7): the last R-U-THERE sequence number we sent.</summary>
        internal uint DpdSequence { get; set; }

        /// <summary>Message IDs of the peer's protected informational messages (replay check).</summary>
        internal MessageIdWindow InformationalIds { get; } = new MessageIdWindow();

        /// <summary>Message IDs of the quick modes the peer started (a replay after the exchange is forgotten).</summary>
        internal MessageIdWindow QuickModeIds { get; } = new MessageIdWindow();

        /// <summary>
        /// Message IDs we chose for our quick modes and informational messages. IKEv1's HASH does
        /// not say who sent a message, so one of ours sent back to us verifies; its ID gives it away.
        /// </summary>
        internal MessageIdWindow OwnMessageIds { get; } = new MessageIdWindow();

        /// <summary>DPD (RFC 3706 §7): the first R-U-THERE sequence number of this SA, for recognising our own probes sent back.</summary>
        internal uint DpdFirstSequence { get; set; }

        /// <summary>The highest R-U-THERE sequence number the peer sent (RFC 3706 §7); valid when <see cref="PeerDpdSeen"/>.</summary>
        internal uint PeerDpdSequence { get; set; }

        /// <summary>The peer sent an R-U-THERE under this SA.</summary>
        internal bool PeerDpdSeen { get; set; }

        /// <summary>DPD: R-U-THERE sent for the current probe and not answered yet (0: not probing).</summary>
        public int DpdProbes { get; internal set; }

        /// <summary>DPD: when the current probe started (ms).</summary>
        internal long DpdProbeStartMs { get; set; }

        /// <summary>DPD: when the next R-U-THERE (or the dead verdict) is due (ms).</summary>
        internal long DpdNextMs { get; set; }

        /// <summary>
        /// Same peer configuration and same phase 1 identity: the same remote gateway, even when one
        /// configuration (a dynamic-address or wildcard peer) serves several (RFC 2407 §4.6.3.3 scopes
        /// INITIAL-CONTACT to the identity).
        /// </summary>
        public bool IsSameRemote(IkeSa other)
        {
            return other != null && other.Peer == Peer && other.RemoteIdentity == RemoteIdentity;
        }

        /// <summary>
        /// An authenticated message of this SA came from this endpoint: follow the peer's (possibly
        /// re-)translated address and port (RFC 3947 §4, RFC 3948 §2.2).
        /// </summary>
        internal void FollowPeer(uint source, int sourcePort, int localPort)
        {
            PeerAddress = source;
            PeerPort = sourcePort;
            LocalPort = localPort;
        }

        /// <summary>RFC 3947 §4: switch to 4500 for message 5 (main) or 3 (aggressive) when any NAT was detected.</summary>
        internal void FloatIfNat()
        {
            if (NatT != NatTVersion.None && NatAny && LocalPort != IkeDaemon.NatTPort)
            {
                LocalPort = IkeDaemon.NatTPort;
                PeerPort = IkeDaemon.NatTPort;
            }
        }

        /// <summary>An authenticated message under this SA: the peer is alive and holds the SA.</summary>
        internal void NoteHeard(long nowMs)
        {
            LastHeardMs = nowMs;
            PeerConfirmed = true;
        }

        /// <summary>"#3 branch 203.0.113.1:4500".</summary>
        public override string ToString()
        {
            return "#" + Serial.ToString() + " " + (Peer == null ? "?" : Peer.Name) + " " + NanoGate.Hal.Ipv4.Format(PeerAddress) + ":" + PeerPort.ToString();
        }
    }
}
