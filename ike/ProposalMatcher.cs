using System;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// Phase 1 proposals (RFC 2409 §5 and Appendix A; RFC 2408 §4.2): we offer one ISAKMP proposal
    /// whose transforms are the configured proposals in order (as strongSwan does); the responder
    /// takes the first of ITS configured proposals that any offered transform matches
    /// (encryption with key length, hash, PSK authentication, group) and answers with that one
    /// transform, copied verbatim. Lifetimes never cause a mismatch: both sides use the shorter
    /// (the responder's is reported in the SA it keeps).
    /// </summary>
    public static class ProposalMatcher
    {
        /// <summary>
        /// Writes our SA offer at <paramref name="offset"/>; aggressive mode offers only the
        /// proposals with the first proposal's group (one KE payload, RFC 2409 §5.4). Returns its length or -1.
        /// </summary>
        public static int WriteOffer(SaBuilder sb, byte[] b, int offset, int room, PeerConfig peer, bool aggressive)
        {
            int count = 0;
            for (int i = 0; i < peer.ProposalCount; i++)
            {
                if (!aggressive || peer.GetProposal(i).Group == peer.GetProposal(0).Group)
                {
                    count++;
                }
            }

            sb.Begin(b, offset, room, SaPayload.DoiIpsec, SaPayload.SituationIdentityOnly);
            sb.AddProposal(1, ProtocolId.Isakmp, null, 0, 0, count);
            int number = 1;
            for (int i = 0; i < peer.ProposalCount; i++)
            {
                IkeProposal p = peer.GetProposal(i);
                if (aggressive && p.Group != peer.GetProposal(0).Group)
                {
                    continue;
                }

                sb.AddTransform(number++, TransformId.KeyIke);
                sb.AddTv(Phase1Attribute.EncryptionAlgorithm,
                    p.Encryption == CipherAlgorithm.TripleDesCbc ? Phase1Attribute.Encr3DesCbc : Phase1Attribute.EncrAesCbc);
                if (p.Encryption == CipherAlgorithm.AesCbc)
                {
                    sb.AddTv(Phase1Attribute.KeyLength, p.KeySize * 8);
                }

                sb.AddTv(Phase1Attribute.HashAlgorithm, (int)p.Hash);
                sb.AddTv(Phase1Attribute.AuthenticationMethod, Phase1Attribute.AuthPreSharedKey);
                sb.AddTv(Phase1Attribute.GroupDescription, (int)p.Group);
                if (p.LifetimeSeconds > 0)
                {
                    sb.AddTv(Phase1Attribute.LifeType, Phase1Attribute.LifeSeconds);
                    sb.AddVariable(Phase1Attribute.LifeDuration, (uint)p.LifetimeSeconds);
                }

                if (p.LifetimeKilobytes > 0)
                {
                    sb.AddTv(Phase1Attribute.LifeType, Phase1Attribute.LifeKilobytes);
                    sb.AddVariable(Phase1Attribute.LifeDuration, (uint)p.LifetimeKilobytes);
                }
            }

            return sb.End();
        }

        /// <summary>
        /// Reads one transform into a proposal (number = transform number). Returns null when it
        /// uses anything we cannot do (not KEY_IKE, not PSK, unknown algorithm or group, no AES key length).
        /// </summary>
        public static IkeProposal Parse(byte[] b, int transform, ICryptoProvider crypto)
        {
            if (TransformPayload.GetTransformId(b, transform) != TransformId.KeyIke)
            {
                return null;
            }

            IkeProposal p = new IkeProposal(TransformPayload.GetNumber(b, transform));
            p.LifetimeSeconds = 0;
            int enc = 0, hash = 0, auth = 0, group = 0, keyBits = 0, lifeType = 0;
            int end = transform + GenericPayload.GetLength(b, transform);
            int pos = TransformPayload.GetAttributesOffset(transform);
            while (pos < end)
            {
                int type = DataAttribute.GetType(b, pos);
                ulong value;
                bool small = DataAttribute.TryGetValue(b, pos, out value) && value <= 0x7FFFFFFF;
                int v = small ? (int)value : -1;
                switch (type)
                {
                    case Phase1Attribute.EncryptionAlgorithm: enc = v; break;
                    case Phase1Attribute.HashAlgorithm: hash = v; break;
                    case Phase1Attribute.AuthenticationMethod: auth = v; break;
                    case Phase1Attribute.GroupDescription: group = v; break;
                    case Phase1Attribute.KeyLength: keyBits = v; break;
                    case Phase1Attribute.LifeType: lifeType = v; break;
                    case Phase1Attribute.LifeDuration:
                        if (lifeType == Phase1Attribute.LifeSeconds)
                        {
                            p.LifetimeSeconds = v < 0 ? int.MaxValue : v;
                        }
                        else if (lifeType == Phase1Attribute.LifeKilobytes)
                        {
                            p.LifetimeKilobytes = v < 0 ? int.MaxValue : v;
                        }

                        break;
                    default:
                        // Group definitions (types 5-10, 15, 16) and prf: we support only well-known groups.
                        return null;
                }

                pos += DataAttribute.GetTotalLength(b, pos);
            }

            if (enc == Phase1Attribute.EncrAesCbc && (keyBits == 128 || keyBits == 192 || keyBits == 256))
            {
                p.Encryption = CipherAlgorithm.AesCbc;
                p.KeySize = keyBits / 8;
            }
            else if (enc == Phase1Attribute.Encr3DesCbc && (keyBits == 0 || keyBits == 192))
            {
                p.Encryption = CipherAlgorithm.TripleDesCbc;
                p.KeySize = 24;
            }
            else
            {
                return null;
            }

            if (auth != Phase1Attribute.AuthPreSharedKey || hash < 1 || hash > 6 || hash == 3)
            {
                return null;
            }

            p.Hash = (HashAlgorithm)hash;
            p.Group = (DhGroup)group;
            if (!crypto.SupportsGroup(p.Group) || !crypto.SupportsHash(p.Hash) || !crypto.SupportsCipher(p.Encryption, p.KeySize))
            {
                return null;
            }

            return p;
        }

        /// <summary>True when the two agree on everything but lifetimes.</summary>
        public static bool Matches(IkeProposal ours, IkeProposal theirs)
        {
            return ours.Encryption == theirs.Encryption && ours.KeySize == theirs.KeySize && ours.Hash == theirs.Hash
                && ours.Group == theirs.Group;
        }

        /// <summary>
        /// Responder: the offered transform to accept, by our order. Returns the transform's offset in
        /// <paramref name="b"/> (or -1) and the agreed proposal (lifetimes: the shorter of both).
        /// </summary>
        public static int Select(byte[] b, int saPayload, PeerConfig ours, ICryptoProvider crypto, out IkeProposal chosen)
        {
            chosen = null;
            int proposal = SaPayload.GetFirstProposal(saPayload);
            if (ProposalPayload.GetProtocolId(b, proposal) != ProtocolId.Isakmp)
            {
                return -1;
            }

            for (int i = 0; i < ours.ProposalCount; i++)
            {
                IkeProposal mine = ours.GetProposal(i);
                int t = ProposalPayload.GetFirstTransform(b, proposal);
                while (t >= 0)
                {
                    IkeProposal theirs = Parse(b, t, crypto);
                    if (theirs != null && Matches(mine, theirs))
                    {
                        theirs.LifetimeSeconds = Shorter(mine.LifetimeSeconds, theirs.LifetimeSeconds);
                        theirs.LifetimeKilobytes = Shorter(mine.LifetimeKilobytes, theirs.LifetimeKilobytes);
                        chosen = theirs;
                        return t;
                    }

                    t = SaPayload.GetNextChild(b, t);
                }
            }

            return -1;
        }

        /// <summary>
        /// Responder: writes the answer SA (RFC 2409 §5: one proposal, the chosen transform copied
        /// verbatim). Returns its length or -1.
        /// </summary>
        public static int WriteAnswer(byte[] b, int offset, int room, byte[] offer, int saPayload, int transform)
        {
            int proposal = SaPayload.GetFirstProposal(saPayload);
            int tLength = GenericPayload.GetLength(offer, transform);
            int total = SaPayload.MinSize + ProposalPayload.MinSize + tLength;
            if (room < total || SaPayload.WriteStart(b, offset, room, SaPayload.DoiIpsec, SaPayload.SituationIdentityOnly) < 0)
            {
                return -1;
            }

            int p = offset + SaPayload.MinSize;
            ProposalPayload.WriteStart(b, p, room - SaPayload.MinSize, ProposalPayload.GetNumber(offer, proposal), ProtocolId.Isakmp, null, 0, 0, 1);
            GenericPayload.SetLength(b, p, ProposalPayload.MinSize + tLength);
            int t = p + ProposalPayload.MinSize;
            Array.Copy(offer, transform, b, t, tLength);
            GenericPayload.SetNextPayload(b, t, PayloadType.None);
            GenericPayload.SetLength(b, offset, total);
            return total;
        }

        /// <summary>Initiator: the proposal the responder's answer names, if it is one we offered.</summary>
        public static IkeProposal Accept(byte[] b, int saPayload, PeerConfig ours, ICryptoProvider crypto)
        {
            int proposal = SaPayload.GetFirstProposal(saPayload);
            if (ProposalPayload.GetProtocolId(b, proposal) != ProtocolId.Isakmp || ProposalPayload.GetTransformCount(b, proposal) != 1)
            {
                return null;
            }

            IkeProposal theirs = Parse(b, ProposalPayload.GetFirstTransform(b, proposal), crypto);
            if (theirs == null)
            {
                return null;
            }

            for (int i = 0; i < ours.ProposalCount; i++)
            {
                IkeProposal mine = ours.GetProposal(i);
                if (Matches(mine, theirs))
                {
                    theirs.LifetimeSeconds = Shorter(mine.LifetimeSeconds, theirs.LifetimeSeconds);
                    theirs.LifetimeKilobytes = Shorter(mine.LifetimeKilobytes, theirs.LifetimeKilobytes);
                    return theirs;
                }
            }

            return null;
        }

        /// <summary>"aes256-sha256-modp2048" (strongSwan's notation).</summary>
        public static string Describe(IkeProposal p)
        {
            string enc = p.Encryption == CipherAlgorithm.TripleDesCbc ? "3des" : "aes" + (p.KeySize * 8).ToString();
            return enc + "-" + HashName(p.Hash) + "-" + GroupName(p.Group);
        }

        /// <summary>Our configured proposals, comma separated.</summary>
        public static string DescribeConfig(PeerConfig peer)
        {
            string s = "";
            for (int i = 0; i < peer.ProposalCount; i++)
            {
                s += (i == 0 ? "" : ", ") + Describe(peer.GetProposal(i));
            }

            return s.Length == 0 ? "(none)" : s;
        }

        /// <summary>Every transform of an offered SA payload, comma separated ("?" for unsupported ones).</summary>
        public static string DescribeOffer(byte[] b, int saPayload, ICryptoProvider crypto)
        {
            string s = "";
            int proposal = SaPayload.GetFirstProposal(saPayload);
            while (proposal >= 0)
            {
                int t = ProposalPayload.GetFirstTransform(b, proposal);
                while (t >= 0)
                {
                    IkeProposal p = Parse(b, t, crypto);
                    s += (s.Length == 0 ? "" : ", ") + (p == null ? DescribeRaw(b, t) : Describe(p));
                    t = SaPayload.GetNextChild(b, t);
                }

                proposal = SaPayload.GetNextChild(b, proposal);
            }

            return s;
        }

        private static string DescribeRaw(byte[] b, int transform)
        {
            string s = "unsupported(";
            int end = transform + GenericPayload.GetLength(b, transform);
            int pos = TransformPayload.GetAttributesOffset(transform);
            bool first = true;
            while (pos < end)
            {
                ulong value;
                DataAttribute.TryGetValue(b, pos, out value);
                s += (first ? "" : " ") + Phase1Attribute.Name(DataAttribute.GetType(b, pos)) + "=" + value.ToString();
                first = false;
                pos += DataAttribute.GetTotalLength(b, pos);
            }

            return s + ")";
        }

        private static int Shorter(int a, int b)
        {
            if (a == 0)
            {
                return b;
            }

            if (b == 0)
            {
                return a;
            }

            return a < b ? a : b;
        }

        /// <summary>"sha256".</summary>
        public static string HashName(HashAlgorithm hash)
        {
            switch (hash)
            {
                case HashAlgorithm.Md5: return "md5";
                case HashAlgorithm.Sha1: return "sha1";
                case HashAlgorithm.Sha256: return "sha256";
                case HashAlgorithm.Sha384: return "sha384";
                case HashAlgorithm.Sha512: return "sha512";
                default: return "hash" + ((int)hash).ToString();
            }
        }

        /// <summary>"modp2048", "ecp256".</summary>
        public static string GroupName(DhGroup group)
        {
            switch (group)
            {
                case DhGroup.Modp1024: return "modp1024";
                case DhGroup.Modp1536: return "modp1536";
                case DhGroup.Modp2048: return "modp2048";
                case DhGroup.Modp3072: return "modp3072";
                case DhGroup.Modp4096: return "modp4096";
                case DhGroup.Ecp256: return "ecp256";
                case DhGroup.Ecp384: return "ecp384";
                case DhGroup.Ecp521: return "ecp521";
                default: return "group" + ((int)group).ToString();
            }
        }
    }
}
