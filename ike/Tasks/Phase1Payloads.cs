using System;
using System.Text;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;
using NanoGate.Nat;

namespace NanoGate.Ike.Tasks
{
    /// <summary>
    /// What main and aggressive mode share (strongSwan's phase1.c): SA/KE/nonce/ID/HASH/VID/NAT-D
    /// payloads out and in, key derivation (<see cref="Keymat"/>), decryption and encryption with
    /// the IV chain. It builds messages; the dispatcher sends them (see <see cref="Phase1Outcome"/>).
    /// One per daemon; it builds and decrypts in the daemon's <see cref="IkeScratch"/>, shared with
    /// quick mode and informational messages (why that is safe: see there).
    /// </summary>
    internal sealed class Phase1Payloads
    {
        /// <summary>Our choice: nonces of 32 bytes (RFC 2409 §5: 8..256).</summary>
        public const int NonceLength = 32;

        /// <summary>Room for one outgoing message (plus CBC padding); the scratch is larger.</summary>
        public const int TxSize = 2048;

        /// <summary>Largest encrypted message we decrypt.</summary>
        public const int PlainSize = TxSize * 2;

        private readonly uint _localAddress;
        private readonly PeerTable _peers;
        private readonly ICryptoProvider _crypto;
        private readonly IRandomSource _random;
        private readonly IkeScratch _scratch;
        private readonly byte[] _tx;
        private readonly byte[] _plain;
        private int _txToken;
        private readonly byte[] _hash = new byte[64];
        private readonly byte[] _natd = new byte[64];
        private readonly byte[] _spi = new byte[16];
        private readonly MessageBuilder _builder = new MessageBuilder();
        private readonly SaBuilder _saBuilder = new SaBuilder();
        private readonly MessageRules _rules = new MessageRules();

        /// <summary>Messages from our WAN address <paramref name="localAddress"/> (host order) to the peers of <paramref name="peers"/>.</summary>
        public Phase1Payloads(uint localAddress, PeerTable peers, ICryptoProvider crypto, IRandomSource random, IkeScratch scratch)
        {
            _scratch = scratch;
            _tx = scratch.Tx;
            _plain = scratch.Plain;
            _localAddress = localAddress;
            _peers = peers;
            _crypto = crypto;
            _random = random;
        }

        public ICryptoProvider Crypto
        {
            get { return _crypto; }
        }

        public IRandomSource Random
        {
            get { return _random; }
        }

        /// <summary>Fake our NAT-D hash for every peer (<see cref="IkeDaemon.AlwaysEncapsulate"/>).</summary>
        public bool AlwaysEncapsulate { get; set; }

        /// <summary>True until an SA with this peer was established once (INITIAL-CONTACT, RFC 2407 §4.6.3.3).</summary>
        public bool IsFirstContact(PeerConfig peer)
        {
            return _peers.IsFirstContact(peer);
        }

        public MessageRules Rules
        {
            get { return _rules; }
        }

        public byte[] Tx
        {
            get { return _tx; }
        }

        public MessageBuilder Builder
        {
            get { return _builder; }
        }

        /// <summary>Starts a message of the SA (non-ESP marker once on port 4500).</summary>
        public void Begin(IkeSa sa, int exchangeType)
        {
            _txToken = _scratch.BeginTx();
            _builder.Begin(_tx, 0, TxSize - 32, sa.LocalPort == IkeDaemon.NatTPort, sa.CookieI, 0, sa.CookieR, 0, exchangeType, 0, 0);
        }

        /// <summary>Our SA offer; keeps its body as SAi_b.</summary>
        public void AddSaOffer(IkeSa sa, bool aggressive)
        {
            int at = _builder.Position;
            int n = ProposalMatcher.WriteOffer(_saBuilder, _tx, at, _builder.Room, sa.Peer, aggressive);
            if (_builder.Append(PayloadType.SecurityAssociation, n))
            {
                sa.SaiB = Copy(_tx, at + GenericPayload.Size, n - GenericPayload.Size);
            }
        }

        /// <summary>The responder's SA: the chosen transform of the offer.</summary>
        public void AddSaAnswer(byte[] offer, int saPayload, int transform)
        {
            _builder.Append(PayloadType.SecurityAssociation,
                ProposalMatcher.WriteAnswer(_tx, _builder.Position, _builder.Room, offer, saPayload, transform));
        }

        /// <summary>
        /// Vendor IDs: NAT-T (initiator: RFC 3947 and draft-02\n; responder: the one agreed) and DPD
        /// (RFC 3706 §3) always.
        /// </summary>
        public void AddVendorIds(IkeSa sa)
        {
            if (sa.Peer.NatTraversal)
            {
                if (sa.IsInitiator)
                {
                    AddVid(NatTVendorIds.Rfc3947);
                    AddVid(NatTVendorIds.Draft02N);
                }
                else if (sa.NatT == NatTVersion.Rfc3947)
                {
                    AddVid(NatTVendorIds.Rfc3947);
                }
                else if (sa.NatT == NatTVersion.Draft03)
                {
                    AddVid(NatTVendorIds.Draft03);
                }
                else if (sa.NatT == NatTVersion.Draft02)
                {
                    AddVid(NatTVendorIds.Draft02N);
                }
            }

            AddVid(VendorIds.Dpd);
        }

        private void AddVid(byte[] id)
        {
            _builder.Append(PayloadType.VendorId, OpaquePayload.Write(_tx, _builder.Position, _builder.Room, id, 0, id.Length));
        }

        /// <summary>Reads the peer's vendor IDs: NAT-T version (when we do NAT-T) and DPD.</summary>
        public void ReadVendorIds(IkeSa sa, IsakmpMessage m)
        {
            byte[] b = m.PayloadBuffer;
            NatTVersion best = NatTVersion.None;
            for (int i = m.Find(PayloadType.VendorId, 0); i >= 0; i = m.Find(PayloadType.VendorId, i + 1))
            {
                int off = OpaquePayload.GetDataOffset(m.PayloadOffsetAt(i));
                int len = OpaquePayload.GetDataLength(b, m.PayloadOffsetAt(i));
                best = NatTVendorIds.Better(best, NatTVendorIds.Identify(b, off, len));
                if (len == VendorIds.Dpd.Length && FixedTime.AreEqual(b, off, VendorIds.Dpd, 0, len))
                {
                    sa.PeerSupportsDpd = true;
                }
            }

            sa.NatT = sa.Peer.NatTraversal ? best : NatTVersion.None;
        }

        /// <summary>Where the Diffie-Hellman computations run (<see cref="IkeDaemon.Jobs"/>).</summary>
        public IJobRunner Jobs { get; set; }

        /// <summary>
        /// Starts our key pair in <paramref name="group"/> off the run loop (the agreed group, or the
        /// first proposal's for the aggressive initiator); <see cref="TakeKeyPair"/> once it is done.
        /// </summary>
        public void StartKeyPair(IkeSa sa, DhGroup group)
        {
            Launch(sa, DhJob.NewPair(_crypto, group, _random));
        }

        /// <summary>
        /// Starts g^xy with the peer's KE in <paramref name="m"/> off the run loop: with our key pair
        /// when we have one (initiator), else with a new one in the agreed group (responder).
        /// False when the KE has the wrong length for the group (nothing started).
        /// </summary>
        public bool StartAgreement(IkeSa sa, IsakmpMessage m)
        {
            byte[] b = m.PayloadBuffer;
            int ke = m.PayloadOffsetAt(m.Find(PayloadType.KeyExchange, 0));
            int keLen = OpaquePayload.GetDataLength(b, ke);
            DhGroup group = sa.Dh != null ? sa.Dh.Group : sa.Proposal.Group;
            if (keLen != DhJob.PublicValueLength(group))
            {
                return false;
            }

            int at = OpaquePayload.GetDataOffset(ke);
            Launch(sa, sa.Dh != null ? DhJob.Secret(sa.Dh, b, at, keLen) : DhJob.NewPairAndSecret(_crypto, group, _random, b, at, keLen));
            sa.Dh = null; // the job owns it while it computes
            return true;
        }

        private void Launch(IkeSa sa, DhJob job)
        {
            sa.Job = job;
            Jobs.Start(job);
        }

        /// <summary>True when the SA's Diffie-Hellman computation threw (a provider out of resources): the step fails.</summary>
        public static bool JobFaulted(IkeSa sa)
        {
            return sa.Job != null && sa.Job.IsDone && sa.Job.Faulted;
        }

        /// <summary>
        /// Our new key pair from the finished job, with our public value and a fresh nonce (made
        /// before the keys are derived). False when the computation failed.
        /// </summary>
        public bool TakeKeyPair(IkeSa sa)
        {
            DhJob job = sa.Job;
            IDiffieHellman pair = job != null && job.IsDone && !job.Faulted ? job.TakePair() : null;
            if (pair == null)
            {
                return false;
            }

            sa.Dh = pair;
            PrepareKeAndNonce(sa);
            if (!job.HasPeerValue)
            {
                sa.Job = null; // a key pair only: nothing else to take
            }

            return true;
        }

        /// <summary>Our public value (g^xi or g^xr) and nonce, made before the keys are derived.</summary>
        public void PrepareKeAndNonce(IkeSa sa)
        {
            byte[] pub = new byte[sa.Dh.PublicValueLength];
            sa.Dh.WritePublicValue(pub, 0);
            byte[] nonce = new byte[NonceLength];
            _random.Fill(nonce, 0, NonceLength);
            if (sa.IsInitiator)
            {
                sa.Gxi = pub;
                sa.NonceI = nonce;
            }
            else
            {
                sa.Gxr = pub;
                sa.NonceR = nonce;
            }
        }

        /// <summary>KE with our public value (<see cref="PrepareKeAndNonce"/> first).</summary>
        public void AddKe(IkeSa sa)
        {
            byte[] pub = sa.IsInitiator ? sa.Gxi : sa.Gxr;
            _builder.Append(PayloadType.KeyExchange, OpaquePayload.Write(_tx, _builder.Position, _builder.Room, pub, 0, pub.Length));
        }

        /// <summary>Our nonce (<see cref="PrepareKeAndNonce"/> first).</summary>
        public void AddNonce(IkeSa sa)
        {
            byte[] nonce = sa.IsInitiator ? sa.NonceI : sa.NonceR;
            _builder.Append(PayloadType.Nonce, NoncePayload.Write(_tx, _builder.Position, _builder.Room, nonce, 0, nonce.Length));
        }

        /// <summary>Our ID (RFC 2407 §4.6.2; protocol and port 0). Returns the payload's offset in <see cref="Tx"/>.</summary>
        public int AddId(IkeSa sa)
        {
            int at = _builder.Position;
            Identity id = sa.Peer.LocalId;
            int n;
            uint address;
            if (id.Type == IdentityType.None || (id.Type == IdentityType.Ipv4Address && !Ipv4.TryParse(id.Value, out address)))
            {
                n = IdPayload.WriteIpv4(_tx, at, _builder.Room, IdType.Ipv4Addr, 0, 0, _localAddress, 0);
            }
            else if (id.Type == IdentityType.Ipv4Address)
            {
                Ipv4.TryParse(id.Value, out address);
                n = IdPayload.WriteIpv4(_tx, at, _builder.Room, IdType.Ipv4Addr, 0, 0, address, 0);
            }
            else
            {
                byte[] text = Encoding.UTF8.GetBytes(id.Value);
                n = IdPayload.Write(_tx, at, _builder.Room, (int)id.Type, 0, 0, text, 0, text.Length);
            }

            _builder.Append(PayloadType.Identification, n);
            return at;
        }

        /// <summary>HASH_I or HASH_R over the ID payload written at <paramref name="idPayload"/> in <see cref="Tx"/>.</summary>
        public void AddAuthHash(IkeSa sa, int idPayload)
        {
            ComputeAuthHash(sa, sa.IsInitiator, _tx, idPayload + GenericPayload.Size, GenericPayload.GetLength(_tx, idPayload) - GenericPayload.Size);
            int size = sa.Keys.PrfSize;
            _builder.Append(PayloadType.Hash, OpaquePayload.Write(_tx, _builder.Position, _builder.Room, _hash, 0, size));
        }

        /// <summary>HASH_I with an ID body kept from an earlier message (aggressive mode message 3).</summary>
        public void AddAuthHash(IkeSa sa, byte[] idBody)
        {
            ComputeAuthHash(sa, true, idBody, 0, idBody.Length);
            int size = sa.Keys.PrfSize;
            _builder.Append(PayloadType.Hash, OpaquePayload.Write(_tx, _builder.Position, _builder.Room, _hash, 0, size));
        }

        private void ComputeAuthHash(IkeSa sa, bool initiatorHash, byte[] id, int idOffset, int idCount)
        {
            sa.Keys.ComputeAuthHash(initiatorHash, sa.Gxi, sa.Gxr, sa.CookieI, sa.CookieR, sa.SaiB, id, idOffset, idCount, _hash, 0);
        }

        /// <summary>
        /// Checks the peer's HASH_I/HASH_R (RFC 2409 §5) in constant time; the ID is the body of the
        /// peer's ID payload at <paramref name="idIndex"/> of <paramref name="m"/>.
        /// </summary>
        public bool VerifyAuthHash(IkeSa sa, IsakmpMessage m, byte[] idBody, int idOffset, int idCount)
        {
            int h = m.Find(PayloadType.Hash, 0);
            if (h < 0)
            {
                return false;
            }

            ComputeAuthHash(sa, !sa.IsInitiator, idBody, idOffset, idCount);
            byte[] b = m.PayloadBuffer;
            int off = OpaquePayload.GetDataOffset(m.PayloadOffsetAt(h));
            int len = OpaquePayload.GetDataLength(b, m.PayloadOffsetAt(h));
            return len == sa.Keys.PrfSize && FixedTime.AreEqual(b, off, _hash, 0, len);
        }

        /// <summary>
        /// NAT-D payloads (RFC 3947 §3.2): first the hash of the peer's address and port as we send
        /// to it, then ours; with force encapsulation ours is random (strongSwan's fake), so the peer
        /// sees us behind a NAT.
        /// </summary>
        public void AddNatD(IkeSa sa)
        {
            if (sa.NatT == NatTVersion.None)
            {
                return;
            }

            int type = NatTVendorIds.NatDPayloadType(sa.NatT);
            IHash hash = _crypto.CreateHash(sa.Proposal.Hash);
            NatDiscovery natd = new NatDiscovery(hash);
            int size = natd.HashSize;
            natd.Compute(sa.CookieI, 0, sa.CookieR, 0, sa.PeerAddress, sa.PeerPort, _natd, 0);
            _builder.Append(type, OpaquePayload.Write(_tx, _builder.Position, _builder.Room, _natd, 0, size));
            if (sa.Peer.ForceEncapsulation || AlwaysEncapsulate)
            {
                _random.Fill(_natd, 0, size);
                sa.NatFaked = true;
            }
            else
            {
                natd.Compute(sa.CookieI, 0, sa.CookieR, 0, _localAddress, sa.LocalPort, _natd, 0);
            }

            _builder.Append(type, OpaquePayload.Write(_tx, _builder.Position, _builder.Room, _natd, 0, size));
            hash.Wipe(); // a native provider's hash holds a slot until wiped
        }

        /// <summary>
        /// The peer's NAT-D payloads (RFC 3947 §3.2): the first must be the hash of our address and
        /// the port the message arrived on, else we are behind a NAT; one of the others must be the
        /// hash of the source address and port, else the peer is.
        /// </summary>
        public void ProcessNatD(IkeSa sa, IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            if (sa.NatT == NatTVersion.None)
            {
                return;
            }

            int type = NatTVendorIds.NatDPayloadType(sa.NatT);
            int first = m.Find(type, 0);
            if (first < 0)
            {
                return;
            }

            byte[] b = m.PayloadBuffer;
            IHash hash = _crypto.CreateHash(sa.Proposal.Hash);
            NatDiscovery natd = new NatDiscovery(hash);
            int size = natd.HashSize;
            natd.Compute(sa.CookieI, 0, sa.CookieR, 0, _localAddress, localPort, _natd, 0);
            sa.NatHere = !SameHash(b, m.PayloadOffsetAt(first), size);
            natd.Compute(sa.CookieI, 0, sa.CookieR, 0, source, sourcePort, _natd, 0);
            bool seen = false;
            for (int i = m.Find(type, first + 1); i >= 0; i = m.Find(type, i + 1))
            {
                seen |= SameHash(b, m.PayloadOffsetAt(i), size);
            }

            sa.NatThere = !seen;
            hash.Wipe();
        }

        private bool SameHash(byte[] b, int payload, int size)
        {
            return OpaquePayload.GetDataLength(b, payload) == size
                && FixedTime.AreEqual(b, OpaquePayload.GetDataOffset(payload), _natd, 0, size);
        }

        /// <summary>N(INITIAL-CONTACT) with SPI = CKY-I | CKY-R (RFC 2407 §4.6.3.3).</summary>
        public void AddInitialContact(IkeSa sa)
        {
            Array.Copy(sa.CookieI, 0, _spi, 0, 8);
            Array.Copy(sa.CookieR, 0, _spi, 8, 8);
            _builder.Append(PayloadType.Notification, NotifyPayload.Write(_tx, _builder.Position, _builder.Room, SaPayload.DoiIpsec,
                ProtocolId.Isakmp, NotifyType.InitialContact, _spi, 0, 16, null, 0, 0));
            sa.SentInitialContact = true;
        }

        /// <summary>
        /// Notes N(INITIAL-CONTACT) in the peer's authenticated message (RFC 2407 §4.6.3.3): the
        /// daemon then drops the SAs the peer has forgotten.
        /// </summary>
        public void ReadInitialContact(IkeSa sa, IsakmpMessage m)
        {
            for (int i = m.Find(PayloadType.Notification, 0); i >= 0; i = m.Find(PayloadType.Notification, i + 1))
            {
                if (NotifyPayload.GetNotifyType(m.PayloadBuffer, m.PayloadOffsetAt(i)) == NotifyType.InitialContact)
                {
                    sa.PeerSentInitialContact = true;
                }
            }
        }

        /// <summary>
        /// Reads the peer's KE and nonce, takes g^xy from the finished job (<see cref="StartAgreement"/>)
        /// and derives the keys and the first IV. False when the public value was invalid (out of
        /// range, off the curve) or the computation failed.
        /// </summary>
        public bool DeriveKeys(IkeSa sa, IsakmpMessage m)
        {
            DhJob job = sa.Job;
            sa.Job = null;
            if (job == null || !job.IsDone)
            {
                return false;
            }

            IDiffieHellman pair = job.TakePair();
            if (pair != null)
            {
                sa.Dh = pair; // the initiator's pair comes back (wiped once established)
            }

            byte[] gxy = job.TakeSecret();
            job.Cancel(); // wipes whatever is left
            if (gxy == null)
            {
                return false;
            }

            byte[] b = m.PayloadBuffer;
            int ke = m.PayloadOffsetAt(m.Find(PayloadType.KeyExchange, 0));
            int nonce = m.PayloadOffsetAt(m.Find(PayloadType.Nonce, 0));
            byte[] peerPub = Copy(b, OpaquePayload.GetDataOffset(ke), OpaquePayload.GetDataLength(b, ke));
            byte[] peerNonce = Copy(b, NoncePayload.GetDataOffset(nonce), NoncePayload.GetDataLength(b, nonce));

            if (sa.IsInitiator)
            {
                sa.Gxr = peerPub;
                sa.NonceR = peerNonce;
            }
            else
            {
                sa.Gxi = peerPub;
                sa.NonceI = peerNonce;
            }

            Keymat keys = new Keymat(_crypto, sa.Proposal.Hash);
            keys.Derive(sa.Peer.PreSharedKey, sa.NonceI, sa.NonceR, gxy, sa.CookieI, sa.CookieR, sa.Proposal.KeySize);
            FixedTime.Wipe(gxy);
            sa.Keys = keys;
            IBlockCipher cipher = _crypto.CreateCbc(sa.Proposal.Encryption, keys.EncryptionKey, 0, sa.Proposal.KeySize);
            sa.Iv = new IvChain(cipher, keys.Phase1Iv(sa.Gxi, sa.Gxr, cipher.BlockSize));
            return true;
        }

        /// <summary>
        /// Decrypts an encrypted message into a scratch buffer with the SA's IV (not advancing it
        /// until <see cref="IvChain.Commit"/>) and parses it. False: garbage (usually a different PSK).
        /// </summary>
        public bool Decrypt(IkeSa sa, IsakmpMessage m)
        {
            int len = m.BodyLength;
            if (sa.Iv == null || len > PlainSize || !_scratch.TakePlain(m))
            {
                return false;
            }

            Array.Copy(m.Buffer, m.BodyOffset, _plain, 0, len);
            return sa.Iv.Decrypt(_plain, 0, len, false) && m.TryParseDecrypted(_plain, 0, len);
        }

        /// <summary>
        /// Encrypts (when asked) the message built since <see cref="Begin"/> and returns a copy to
        /// send and keep for retransmission; null when it did not fit (or the scratch was taken meanwhile).
        /// </summary>
        public byte[] Seal(IkeSa sa, bool encrypt)
        {
            if (!_scratch.EndTx(_txToken))
            {
                return null;
            }

            int n;
            if (encrypt)
            {
                int body = _builder.BodyOffset;
                int cipher = sa.Iv.Encrypt(_tx, body, _builder.Position - body);
                n = _builder.FinishEncrypted(cipher);
            }
            else
            {
                n = _builder.Finish();
            }

            return n < 0 ? null : Copy(_tx, 0, n);
        }

        /// <summary>A copy of a byte range.</summary>
        public static byte[] Copy(byte[] b, int offset, int count)
        {
            byte[] c = new byte[count];
            Array.Copy(b, offset, c, 0, count);
            return c;
        }
    }
}
