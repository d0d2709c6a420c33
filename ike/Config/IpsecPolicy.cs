using NanoGate.Hal.Crypto;

namespace NanoGate.Ike.Config
{
    /// <summary>
    /// An "ipsec policy NAME" block: which traffic is protected (the quick mode client IDs,
    /// RFC 2409 §5.5), with which peer and proposal, PFS group and lifetimes.
    /// </summary>
    public sealed class IpsecPolicy
    {
        /// <summary>Creates a policy with the defaults (no PFS, 1 h, no volume limit).</summary>
        public IpsecPolicy(string name)
        {
            Name = name;
            Pfs = DhGroup.None;
            LifetimeSeconds = 3600;
            LocalPrefixLength = 32;
            RemotePrefixLength = 32;
        }

        /// <summary>The policy's name.</summary>
        public string Name { get; private set; }

        /// <summary>The "ike peer" it uses.</summary>
        public string PeerName { get; set; }

        /// <summary>The "ipsec proposal" it offers.</summary>
        public string ProposalName { get; set; }

        /// <summary>PFS group for quick mode (None = no PFS).</summary>
        public DhGroup Pfs { get; set; }

        /// <summary>Protected local network (host order) and prefix.</summary>
        public uint LocalSubnet { get; set; }

        /// <summary>Prefix length of <see cref="LocalSubnet"/>.</summary>
        public int LocalPrefixLength { get; set; }

        /// <summary>Remote network (host order).</summary>
        public uint RemoteSubnet { get; set; }

        /// <summary>Prefix length of <see cref="RemoteSubnet"/>.</summary>
        public int RemotePrefixLength { get; set; }

        /// <summary>Phase 2 lifetime in seconds.</summary>
        public int LifetimeSeconds { get; set; }

        /// <summary>Phase 2 lifetime in kilobytes (0 = none).</summary>
        public int LifetimeKilobytes { get; set; }

        /// <summary>
        /// Huawei's "sa trigger-mode auto": the tunnel is negotiated as soon as the configuration is
        /// applied and again whenever it is down, not only by traffic. A branch behind a NAT needs it
        /// when the head office (which cannot initiate through the NAT) is the one to send first.
        /// </summary>
        public bool AutoStart { get; set; }
    }
}
