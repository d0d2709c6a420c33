using System.Collections;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Config
{
    /// <summary>
    /// What a newly applied configuration changes, peer by peer, so that only the tunnels it
    /// touches are renegotiated. A peer is its <c>ike peer</c> block, the ike proposals it offers
    /// and every <c>ipsec policy</c> naming it with that policy's ipsec proposal: a change to any of
    /// them changes the peer. The WAN address is every peer's local address and identity, so a
    /// change there (or the first configuration) is <see cref="Everything"/>. The rest (sysname,
    /// LAN, an ike or ipsec proposal no peer uses, an empty edit) changes no peer.
    /// </summary>
    public sealed class ConfigDiff
    {
        private readonly ArrayList _added = new ArrayList();
        private readonly ArrayList _removed = new ArrayList();
        private readonly ArrayList _changed = new ArrayList();

        private ConfigDiff()
        {
        }

        /// <summary>Every tunnel is affected: the first configuration, or the WAN address changed.</summary>
        public bool Everything { get; private set; }

        /// <summary>Names of peers only the new configuration has.</summary>
        public ArrayList Added
        {
            get { return _added; }
        }

        /// <summary>Names of peers only the old configuration had.</summary>
        public ArrayList Removed
        {
            get { return _removed; }
        }

        /// <summary>Names of peers in both whose block, proposals or policies differ.</summary>
        public ArrayList Changed
        {
            get { return _changed; }
        }

        /// <summary>True when no tunnel is affected (nothing to renegotiate).</summary>
        public bool IsEmpty
        {
            get { return !Everything && _added.Count == 0 && _removed.Count == 0 && _changed.Count == 0; }
        }

        /// <summary>True when the tunnels of peer <paramref name="peerName"/> must go (removed or changed, or everything).</summary>
        public bool Drops(string peerName)
        {
            return Everything || _removed.Contains(peerName) || _changed.Contains(peerName);
        }

        /// <summary>True when the tunnels of peer <paramref name="peerName"/> are set up anew (added or changed, or everything).</summary>
        public bool Builds(string peerName)
        {
            return Everything || _added.Contains(peerName) || _changed.Contains(peerName);
        }

        /// <summary>A difference that affects every peer (a key exchange taking over a configuration).</summary>
        public static ConfigDiff All()
        {
            ConfigDiff diff = new ConfigDiff();
            diff.Everything = true;
            return diff;
        }

        /// <summary>The difference from <paramref name="before"/> (null: none yet) to <paramref name="after"/>.</summary>
        public static ConfigDiff Between(GatewayConfiguration before, GatewayConfiguration after)
        {
            ConfigDiff diff = new ConfigDiff();
            if (before == null || before.WanAddress != after.WanAddress || before.WanDhcp != after.WanDhcp)
            {
                diff.Everything = true;
                return diff;
            }

            ArrayList names = new ArrayList();
            CollectPeerNames(before, names);
            CollectPeerNames(after, names);
            for (int i = 0; i < names.Count; i++)
            {
                string name = (string)names[i];
                PeerConfig old = before.FindPeer(name);
                PeerConfig now = after.FindPeer(name);
                if (old == null && now != null)
                {
                    diff._added.Add(name);
                }
                else if (old != null && now == null)
                {
                    diff._removed.Add(name);
                }
                else if (old != null && (!SamePeer(old, now) || !SamePolicies(before, after, name)))
                {
                    diff._changed.Add(name);
                }
            }

            return diff;
        }

        /// <summary>Peer names of the peer blocks and of the policies' ike-peer (each once).</summary>
        private static void CollectPeerNames(GatewayConfiguration config, ArrayList names)
        {
            for (int i = 0; i < config.Peers.Count; i++)
            {
                AddOnce(names, ((PeerConfig)config.Peers[i]).Name);
            }

            for (int i = 0; i < config.Policies.Count; i++)
            {
                AddOnce(names, ((IpsecPolicy)config.Policies[i]).PeerName);
            }
        }

        private static void AddOnce(ArrayList names, string name)
        {
            if (name != null && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        private static bool SamePeer(PeerConfig a, PeerConfig b)
        {
            if (a.Mode != b.Mode || !SameBytes(a.PreSharedKey, b.PreSharedKey) || a.RemoteAddress != b.RemoteAddress
                || a.RemotePrefixLength != b.RemotePrefixLength || !SameIdentity(a.LocalId, b.LocalId)
                || !SameIdentity(a.RemoteId, b.RemoteId) || a.NatTraversal != b.NatTraversal
                || a.ForceEncapsulation != b.ForceEncapsulation || a.DpdIntervalSeconds != b.DpdIntervalSeconds
                || a.DpdRetrySeconds != b.DpdRetrySeconds || a.DpdAction != b.DpdAction
                || a.Sha256Truncated96 != b.Sha256Truncated96 || a.ProposalCount != b.ProposalCount)
            {
                return false;
            }

            // The proposals offered, in order (RFC 2409 §5: the order is the preference).
            for (int i = 0; i < a.ProposalCount; i++)
            {
                if (!SameIkeProposal(a.GetProposal(i), b.GetProposal(i)))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameIkeProposal(IkeProposal a, IkeProposal b)
        {
            return a.Number == b.Number && a.Encryption == b.Encryption && a.KeySize == b.KeySize && a.Hash == b.Hash
                && a.Group == b.Group && a.LifetimeSeconds == b.LifetimeSeconds && a.LifetimeKilobytes == b.LifetimeKilobytes;
        }

        /// <summary>The policies naming <paramref name="peerName"/> are the same set in both, each with the same proposal.</summary>
        private static bool SamePolicies(GatewayConfiguration before, GatewayConfiguration after, string peerName)
        {
            if (CountPolicies(before, peerName) != CountPolicies(after, peerName))
            {
                return false;
            }

            for (int i = 0; i < before.Policies.Count; i++)
            {
                IpsecPolicy a = (IpsecPolicy)before.Policies[i];
                if (a.PeerName != peerName)
                {
                    continue;
                }

                IpsecPolicy b = after.FindPolicy(a.Name);
                if (b == null || !SamePolicy(a, b)
                    || !SameIpsecProposal(before.FindIpsecProposal(a.ProposalName), after.FindIpsecProposal(b.ProposalName)))
                {
                    return false;
                }
            }

            return true;
        }

        private static int CountPolicies(GatewayConfiguration config, string peerName)
        {
            int n = 0;
            for (int i = 0; i < config.Policies.Count; i++)
            {
                if (((IpsecPolicy)config.Policies[i]).PeerName == peerName)
                {
                    n++;
                }
            }

            return n;
        }

        private static bool SamePolicy(IpsecPolicy a, IpsecPolicy b)
        {
            return a.PeerName == b.PeerName && a.ProposalName == b.ProposalName && a.Pfs == b.Pfs
                && a.LocalSubnet == b.LocalSubnet && a.LocalPrefixLength == b.LocalPrefixLength
                && a.RemoteSubnet == b.RemoteSubnet && a.RemotePrefixLength == b.RemotePrefixLength
                && a.LifetimeSeconds == b.LifetimeSeconds && a.LifetimeKilobytes == b.LifetimeKilobytes
                && a.AutoStart == b.AutoStart;
        }

        private static bool SameIpsecProposal(IpsecProposal a, IpsecProposal b)
        {
            if (a == null || b == null)
            {
                return a == b;
            }

            return a.Encryption == b.Encryption && a.KeySize == b.KeySize && a.Integrity == b.Integrity;
        }

        private static bool SameIdentity(Identity a, Identity b)
        {
            if (a == null || b == null)
            {
                return a == b;
            }

            return a.Type == b.Type && a.Value == b.Value;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null)
            {
                return a == b;
            }

            if (a.Length != b.Length)
            {
                return false;
            }

            // Not secret-dependent timing that matters here: both keys are the operator's own.
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
