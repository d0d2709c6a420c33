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
    /// The payloads of quick mode (RFC 2409 §5.5) in our terms: our SA payload with one ESP proposal
    /// and transform (RFC 2407 §4.4.4, §4.5), nonce, KE (PFS), client IDs as subnets (RFC 2407
    /// §4.6.2), N(RESPONDER-LIFETIME) (RFC 2407 §4.6.3.1), the encapsulation mode (RFC 3947 §5.1);
    /// and reading the peer's: its transforms, nonce, KE giving g(qm)^xy, lifetimes. Written into the
    /// message a <see cref="ProtectedMessage"/> is building.
    /// </summary>
    internal sealed class QuickModePayloads
    {
        /// <summary>Our nonce length (RFC 2409 §5: 8..256 bytes).</summary>
        public const int NonceLength = 32;

        private readonly IRandomSource _random;
        private readonly byte[] _tx;
        private readonly MessageBuilder _builder;
        private readonly byte[] _spi = new byte[4];
        private readonly SaBuilder _saBuilder = new SaBuilder();

        /// <summary>Payloads appended to <paramref name="msg"/>'s message; nonces from <paramref name="random"/>.</summary>
        internal QuickModePayloads(ProtectedMessage msg, IRandomSource random)
        {
            _random = random;
            _tx = msg.Tx;
            _builder = msg.Builder;
        }

        /// <summary>Our SA payload: one ESP proposal with one transform (RFC 2407 §4.4.4, §4.5).</summary>
        internal void WriteSa(int proposalNumber, int transformNumber, QuickModeExchange x, int lifeSeconds, int lifeKb)
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

        internal void AppendNonce(byte[] nonce)
        {
            _builder.Append(PayloadType.Nonce, NoncePayload.Write(_tx, _builder.Position, _builder.Room, nonce, 0, nonce.Length));
        }

        internal void AppendKe(IDiffieHellman dh)
        {
            if (dh == null)
            {
                return;
            }

            byte[] pub = new byte[dh.PublicValueLength];
            dh.WritePublicValue(pub, 0);
            _builder.Append(PayloadType.KeyExchange, OpaquePayload.Write(_tx, _builder.Position, _builder.Room, pub, 0, pub.Length));
        }

        /// <summary>ID_IPV4_ADDR_SUBNET (RFC 2407 §4.6.2.5), protocol and port 0 (any).</summary>
        internal void AppendSubnetId(uint subnet, int prefix)
        {
            uint mask = MaskOf(prefix);
            _builder.Append(PayloadType.Identification, IdPayload.WriteIpv4(_tx, _builder.Position, _builder.Room,
                IdType.Ipv4AddrSubnet, 0, 0, subnet & mask, mask));
        }

        internal void AppendCopy(int type, byte[] b, int payload)
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
        internal void AppendResponderLifetime(QuickModeExchange x, bool seconds, bool kb)
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
        internal void ReadResponderLifetime(QuickModeExchange x, IsakmpMessage m)
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

        /// <summary>
        /// PFS: prepares g(qm)^xy with the peer's KE as <see cref="QuickModeExchange.Job"/> (RFC 2409
        /// §5.5; the dispatcher runs it off the run loop), with our key pair (initiator, which then
        /// belongs to the job) or a new one in the policy's group (responder). Without PFS the message
        /// must carry no KE (and no job is made). False when the KE is missing, unexpected or of the
        /// wrong length (nothing prepared).
        /// </summary>
        internal bool StartPfs(QuickModeExchange x, IsakmpMessage m, ICryptoProvider crypto)
        {
            int ke = m.Find(PayloadType.KeyExchange, 0);
            if (x.Policy.Pfs == DhGroup.None)
            {
                return ke < 0;
            }

            if (ke < 0)
            {
                return false;
            }

            byte[] b = m.PayloadBuffer;
            int at = m.PayloadOffsetAt(ke);
            int len = OpaquePayload.GetDataLength(b, at);
            if (len != DhJob.PublicValueLength(x.Policy.Pfs))
            {
                return false;
            }

            x.Job = x.Dh != null ? DhJob.Secret(x.Dh, b, OpaquePayload.GetDataOffset(at), len)
                : DhJob.NewPairAndSecret(crypto, x.Policy.Pfs, _random, b, OpaquePayload.GetDataOffset(at), len);
            x.Dh = null; // the job owns it while it computes
            return true;
        }

        /// <summary>
        /// Takes what the finished PFS job made (our key pair, g(qm)^xy) into the exchange. False when
        /// the computation failed or the peer's value was invalid.
        /// </summary>
        internal static bool TakePfs(QuickModeExchange x)
        {
            DhJob job = x.Job;
            x.Job = null;
            if (job == null)
            {
                return true; // no PFS
            }

            IDiffieHellman pair = job.IsDone && !job.Faulted ? job.TakePair() : null;
            byte[] gxy = pair != null ? job.TakeSecret() : null;
            job.Cancel(); // wipes whatever is left
            if (pair != null)
            {
                x.Dh = pair; // wiped with the exchange's keys (PairInstaller)
            }

            x.Gxy = gxy;
            return pair != null && (gxy != null || !job.HasPeerValue);
        }

        internal byte[] NonceOf(IsakmpMessage m)
        {
            byte[] b = m.PayloadBuffer;
            int n = m.PayloadOffsetAt(m.Find(PayloadType.Nonce, 0));
            return ProtectedMessage.Copy(b, NoncePayload.GetDataOffset(n), NoncePayload.GetDataLength(b, n));
        }

        internal byte[] NewNonce()
        {
            byte[] nonce = new byte[NonceLength];
            _random.Fill(nonce, 0, NonceLength);
            return nonce;
        }

        /// <summary>One received ESP transform, in our terms (null: something we do not do).</summary>
        internal Agreed ReadTransform(byte[] b, int proposal, int transform)
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

        internal static void Shorten(QuickModeExchange x, int seconds, int kb)
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

        /// <summary>RFC 3947 §5.1: UDP-encapsulated tunnel (3, or 61443 with a draft) when a NAT is in the path, else tunnel (1).</summary>
        internal static int EncapsulationFor(IkeSa sa)
        {
            if (sa.NatT == NatTVersion.None || !sa.NatAny)
            {
                return Phase2Attribute.ModeTunnel;
            }

            return sa.NatT == NatTVersion.Rfc3947 ? Phase2Attribute.ModeUdpTunnel : Phase2Attribute.ModeUdpTunnelDraft;
        }

        /// <summary>An ID as a subnet: IPV4_ADDR (/32), IPV4_ADDR_SUBNET (contiguous mask), IPV4_ADDR_RANGE that is exactly a prefix.</summary>
        internal static bool ReadSubnet(byte[] b, int id, out uint address, out int prefix)
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

        internal static uint MaskOf(int prefix)
        {
            return prefix <= 0 ? 0u : 0xFFFFFFFFu << (32 - prefix);
        }

        internal static bool Matches(Agreed a, IpsecProposal ours, IpsecPolicy policy)
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
        internal static string Describe(IpsecProposal p, IpsecPolicy policy)
        {
            Agreed a = new Agreed();
            a.Cipher = p.Encryption;
            a.KeySize = p.Encryption == CipherAlgorithm.TripleDesCbc ? 24 : p.KeySize;
            a.Integrity = p.Integrity;
            a.HasIntegrity = p.Encryption != CipherAlgorithm.AesGcm;
            a.Group = policy.Pfs;
            return a.Describe();
        }

        internal static int TransformIdOf(CipherAlgorithm c)
        {
            return c == CipherAlgorithm.AesGcm ? TransformId.EspAesGcm16 : c == CipherAlgorithm.TripleDesCbc ? TransformId.Esp3Des : TransformId.EspAes;
        }

        internal static int AuthIdOf(HashAlgorithm h)
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
    }
}
