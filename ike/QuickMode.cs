using System;
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
    /// It dispatches each message to its exchange and keeps the exchanges' timers; the roles are
    /// <see cref="QuickModeInitiator"/> and <see cref="QuickModeResponder"/>, and when a tunnel
    /// starts, is renewed or goes is the business of <see cref="ChildSaManager"/> (<see cref="Tunnels"/>).
    /// Beside it: <see cref="ProtectedMessage"/> (message IDs, IVs, HASH, seal/open),
    /// <see cref="QuickModePayloads"/> (its payloads), <see cref="Informational"/> (§5.7: notifies,
    /// Deletes, DPD) and <see cref="ChildSaTable"/> (the installed pairs: settle, retire, delete).
    /// </summary>
    public sealed class QuickMode : IIkeExchangeHandler
    {
        /// <summary>Our nonce length (<see cref="QuickModePayloads.NonceLength"/>).</summary>
        public const int NonceLength = QuickModePayloads.NonceLength;

        /// <summary>First retransmission of QM1 or QM2 (ms), then doubling (<see cref="QuickModeDispatcher.FirstRetransmitMs"/>).</summary>
        public const long FirstRetransmitMs = QuickModeDispatcher.FirstRetransmitMs;

        /// <summary>Retransmissions before giving up (<see cref="QuickModeDispatcher.MaxRetransmits"/>).</summary>
        public const int MaxRetransmits = QuickModeDispatcher.MaxRetransmits;

        /// <summary>How long a finished or half-done exchange is kept (<see cref="QuickModeDispatcher.KeepMs"/>), ms.</summary>
        public const long KeepMs = QuickModeDispatcher.KeepMs;

        private readonly IkeDaemon _daemon;
        private readonly IpsecPolicyTable _policies = new IpsecPolicyTable();
        private readonly QuickModeDispatcher _quickModes;
        private readonly ChildSaManager _tunnels;
        private readonly DeadPeerDetection _dpd;
        private readonly Informational _info;
        private readonly InformationalSender _sender;
        private readonly PairInstaller _install;
        private readonly QuickModeResponder _responder;
        private readonly QuickModeInitiator _initiator;
        private readonly ChildSaTable _pairs;
        private readonly byte[] _spi = new byte[16];

        /// <summary>Quick mode for <paramref name="daemon"/>; registers itself as its phase 2 handler.</summary>
        public QuickMode(IkeDaemon daemon, ICryptoProvider crypto, IRandomSource random, IIpsecSaInstaller installer, IQuickModeListener listener)
        {
            _daemon = daemon;
            QuickModeExchangeTable exchanges = new QuickModeExchangeTable(installer, listener);
            ProtectedMessage msg = new ProtectedMessage(exchanges, crypto, random, daemon.Scratch);
            QuickModePayloads payloads = new QuickModePayloads(msg, random);
            _sender = new InformationalSender(daemon, msg);
            _pairs = new ChildSaTable(daemon, installer, listener, _sender);
            _dpd = new DeadPeerDetection(daemon, _pairs, _sender, random);
            _info = new Informational(daemon, _dpd, msg, _sender, _pairs, exchanges);
            _install = new PairInstaller(daemon, crypto, random, installer, listener, _pairs, _sender);
            _initiator = new QuickModeInitiator(crypto, random, installer, listener, exchanges, msg, payloads);
            _responder = new QuickModeResponder(daemon.LocalAddress, crypto, random, installer, listener, _policies, exchanges, msg, payloads, _install);
            _quickModes = new QuickModeDispatcher(daemon, listener, exchanges, msg, _sender, _install, _initiator, _responder);
            _tunnels = new ChildSaManager(daemon, listener, _policies, _pairs, _quickModes, _dpd);
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

        /// <summary>QM1 and QM2 retransmissions.</summary>
        public int Retransmissions
        {
            get { return _quickModes.Retransmissions; }
        }

        /// <summary>Messages dropped (undecryptable, bad hash, unexpected).</summary>
        public int Dropped
        {
            get { return _quickModes.Dropped + _info.Dropped + _responder.Dropped + _initiator.Dropped; }
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

        /// <summary>The tunnels: installed pairs, rekey, retirement, auto-start, dead peers (<see cref="ChildSaManager"/>).</summary>
        public ChildSaManager Tunnels
        {
            get { return _tunnels; }
        }

        /// <summary>Number of IPsec SA pairs we know (installed, being rekeyed, or retired and waiting to be deleted).</summary>
        public int ChildCount
        {
            get { return _tunnels.Count; }
        }

        /// <summary>The i-th IPsec SA pair.</summary>
        public ChildSa GetChild(int index)
        {
            return _tunnels.Get(index);
        }

        /// <summary>The pair with <paramref name="spi"/> as its inbound or outbound SPI, or null.</summary>
        public ChildSa FindChild(uint spi)
        {
            return _tunnels.Find(spi);
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

        /// <summary>Brings up the tunnel of policy <paramref name="name"/> (<see cref="ChildSaManager.Initiate"/>).</summary>
        public bool Initiate(string name, long nowMs)
        {
            return _tunnels.Initiate(name, nowMs);
        }

        /// <summary>Renews the pair with <paramref name="spi"/> make-before-break (<see cref="ChildSaManager.Rekey"/>).</summary>
        public bool Rekey(uint spi, long nowMs)
        {
            return _tunnels.Rekey(spi, nowMs);
        }

        /// <summary>
        /// The data path's hard lifetime ended for <paramref name="spi"/>: its pair goes, with a Delete to
        /// the peer (RFC 2408 §4.8). False when ike does not know the SA.
        /// </summary>
        public bool OnSaExpired(uint spi, long nowMs)
        {
            return _tunnels.Delete(spi, "lifetime expired", nowMs);
        }

        /// <summary>
        /// Deletes the pair with <paramref name="spi"/> (either direction) with a Delete to the peer
        /// (RFC 2408 §4.8): the console's <c>reset ike sa</c> of a phase 2 row, <c>tunnel terminate</c>.
        /// False when ike does not know the SA.
        /// </summary>
        public bool Delete(uint spi, string why, long nowMs)
        {
            return _tunnels.Delete(spi, why, nowMs);
        }

        /// <summary>Deletes every IPsec SA pair, telling the peers (<c>reset ipsec sa</c>, shutdown); returns the pairs deleted.</summary>
        public int DeleteAll(long nowMs)
        {
            return _tunnels.DeleteAll(nowMs);
        }

        /// <summary>The tunnels' timers (<see cref="ChildSaManager"/>), then the exchanges': PFS jobs done, retransmissions, timeouts.</summary>
        public void Poll(long nowMs)
        {
            _tunnels.Poll(nowMs);
            _quickModes.Poll(nowMs);
        }

        /// <summary>Quick modes resumed after their PFS Diffie-Hellman.</summary>
        public int JobsResumed
        {
            get { return _quickModes.JobsResumed; }
        }

        /// <summary>The earliest time <see cref="Poll"/> has work (ms), or long.MaxValue.</summary>
        public long NextDeadlineMs
        {
            get
            {
                long tunnels = _tunnels.NextDeadlineMs;
                long exchanges = _quickModes.NextDeadlineMs;
                return tunnels < exchanges ? tunnels : exchanges;
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

            _quickModes.Handle(sa, m, source, sourcePort, localPort, nowMs);
        }

        /// <inheritdoc/>
        public void OnPhase1Established(IkeSa sa, long nowMs)
        {
            _tunnels.OnPhase1Established(sa, nowMs);
        }

        /// <inheritdoc/>
        public void OnPhase1Deleting(IkeSa sa, bool notifyPeer, bool dropChildren, long nowMs)
        {
            _quickModes.OnPhase1Deleting(sa);
            _tunnels.OnPhase1Deleting(sa, notifyPeer, dropChildren, nowMs);
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
            _quickModes.OnPeerRemoved(peer);
            _tunnels.OnPeerRemoved(peer, nowMs);
        }
    }
}
