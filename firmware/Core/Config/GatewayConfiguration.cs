using System.Collections;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Config
{
    /// <summary>
    /// Everything the configuration file says: the system name, the WAN and LAN interfaces, and the
    /// IKE proposals, peers, IPsec proposals and policies (the ike/Config objects the exchanges use).
    /// IKE proposals are kept in number order; peers, IPsec proposals and policies in the order they
    /// were created. A peer names its proposals by number; <see cref="ResolvePeerProposals"/> links
    /// the PeerConfig objects to them once all blocks are known.
    /// </summary>
    public sealed class GatewayConfiguration
    {
        /// <summary>The system name when none is configured.</summary>
        public const string DefaultSysname = "NanoGate";

        private readonly ArrayList _ikeProposals = new ArrayList();
        private readonly ArrayList _peers = new ArrayList();
        private readonly ArrayList _ipsecProposals = new ArrayList();
        private readonly ArrayList _policies = new ArrayList();

        // Peer name -> ArrayList of boxed proposal numbers, in the order configured.
        private readonly Hashtable _peerProposalNumbers = new Hashtable();

        /// <summary>Creates an empty configuration (host defaults until the board sets <see cref="Defaults"/>).</summary>
        public GatewayConfiguration()
        {
            Sysname = DefaultSysname;
            Defaults = ProposalDefaults.Host();
        }

        /// <summary>What new proposals and policies get (the board's choice).</summary>
        public ProposalDefaults Defaults { get; set; }

        /// <summary>The system name (prompt and hostname).</summary>
        public string Sysname { get; set; }

        /// <summary>WAN address by DHCP instead of static.</summary>
        public bool WanDhcp { get; set; }

        /// <summary>Static WAN address (host order), 0 = none.</summary>
        public uint WanAddress { get; set; }

        /// <summary>WAN prefix length.</summary>
        public int WanPrefixLength { get; set; }

        /// <summary>WAN default gateway (host order), 0 = none.</summary>
        public uint WanGateway { get; set; }

        /// <summary>LAN address (host order), 0 = none.</summary>
        public uint LanAddress { get; set; }

        /// <summary>LAN prefix length.</summary>
        public int LanPrefixLength { get; set; }

        /// <summary>
        /// Name of the host's TUN device that is the LAN side (<c>interface lan tun NAME address A/P</c>,
        /// linux board), or null: the board's own LAN port.
        /// </summary>
        public string LanTun { get; set; }

        /// <summary>Syslog receiver (<c>info-center loghost A.B.C.D [port N]</c>), 0 = none.</summary>
        public uint LogHost { get; set; }

        /// <summary>Its UDP port (514 unless set).</summary>
        public int LogHostPort { get; set; }

        /// <summary>
        /// The console login password in its stored form only (<c>pbkdf2-sha256:ITERATIONS:SALT:HASH</c>,
        /// see <c>ConsolePassword</c>); null = no password (the factory default).
        /// </summary>
        public string ConsolePassword { get; set; }

        /// <summary>The default NAT keepalive interval (s), as strongSwan's and VRP's.</summary>
        public const int DefaultNatKeepaliveSeconds = 20;

        /// <summary>
        /// Seconds between NAT keepalives (<c>ike nat-keepalive-timer interval N</c>, 5-300);
        /// 0 = <see cref="DefaultNatKeepaliveSeconds"/>.
        /// </summary>
        public int NatKeepaliveSeconds { get; set; }

        /// <summary>The NAT keepalive interval in effect (ms).</summary>
        public long NatKeepaliveMs
        {
            get { return (long)(NatKeepaliveSeconds > 0 ? NatKeepaliveSeconds : DefaultNatKeepaliveSeconds) * 1000; }
        }

        /// <summary>NTP server the SNTP client asks (<c>ntp-service unicast-server A.B.C.D</c>), 0 = none.</summary>
        public uint NtpServer { get; set; }

        /// <summary>IkeProposal objects, by number.</summary>
        public ArrayList IkeProposals
        {
            get { return _ikeProposals; }
        }

        /// <summary>PeerConfig objects.</summary>
        public ArrayList Peers
        {
            get { return _peers; }
        }

        /// <summary>IpsecProposal objects.</summary>
        public ArrayList IpsecProposals
        {
            get { return _ipsecProposals; }
        }

        /// <summary>IpsecPolicy objects.</summary>
        public ArrayList Policies
        {
            get { return _policies; }
        }

        /// <summary>The IKE proposal numbered <paramref name="number"/>, or null.</summary>
        public IkeProposal FindIkeProposal(int number)
        {
            for (int i = 0; i < _ikeProposals.Count; i++)
            {
                IkeProposal p = (IkeProposal)_ikeProposals[i];
                if (p.Number == number)
                {
                    return p;
                }
            }

            return null;
        }

        /// <summary>Adds a proposal in number order.</summary>
        public void AddIkeProposal(IkeProposal proposal)
        {
            int at = 0;
            while (at < _ikeProposals.Count && ((IkeProposal)_ikeProposals[at]).Number < proposal.Number)
            {
                at++;
            }

            _ikeProposals.Insert(at, proposal);
        }

        /// <summary>The peer named <paramref name="name"/>, or null.</summary>
        public PeerConfig FindPeer(string name)
        {
            for (int i = 0; i < _peers.Count; i++)
            {
                PeerConfig p = (PeerConfig)_peers[i];
                if (p.Name == name)
                {
                    return p;
                }
            }

            return null;
        }

        /// <summary>The IPsec proposal named <paramref name="name"/>, or null.</summary>
        public IpsecProposal FindIpsecProposal(string name)
        {
            for (int i = 0; i < _ipsecProposals.Count; i++)
            {
                IpsecProposal p = (IpsecProposal)_ipsecProposals[i];
                if (p.Name == name)
                {
                    return p;
                }
            }

            return null;
        }

        /// <summary>The policy named <paramref name="name"/>, or null.</summary>
        public IpsecPolicy FindPolicy(string name)
        {
            for (int i = 0; i < _policies.Count; i++)
            {
                IpsecPolicy p = (IpsecPolicy)_policies[i];
                if (p.Name == name)
                {
                    return p;
                }
            }

            return null;
        }

        /// <summary>The proposal numbers peer <paramref name="peerName"/> offers (boxed ints, in order); never null.</summary>
        public ArrayList PeerProposalNumbers(string peerName)
        {
            ArrayList list = (ArrayList)_peerProposalNumbers[peerName];
            if (list == null)
            {
                list = new ArrayList();
                _peerProposalNumbers[peerName] = list;
            }

            return list;
        }

        /// <summary>Where peer <paramref name="peerName"/> offers ike proposal <paramref name="number"/> (-1: it does not).</summary>
        public int PeerProposalIndex(string peerName, int number)
        {
            ArrayList numbers = PeerProposalNumbers(peerName);
            for (int i = 0; i < numbers.Count; i++)
            {
                if ((int)numbers[i] == number)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Forgets a removed peer's proposal list.</summary>
        public void RemovePeerProposalNumbers(string peerName)
        {
            _peerProposalNumbers.Remove(peerName);
        }

        /// <summary>
        /// Links every peer to the IkeProposal objects it names. A peer naming none offers the
        /// default proposal (AES-256, SHA2-256, group 14, 24 h). Returns null, or the first problem.
        /// </summary>
        public ConfigProblem ResolvePeerProposals()
        {
            for (int i = 0; i < _peers.Count; i++)
            {
                PeerConfig peer = (PeerConfig)_peers[i];
                ArrayList numbers = PeerProposalNumbers(peer.Name);
                peer.ClearProposals();
                if (numbers.Count == 0)
                {
                    peer.AddProposal(Defaults.NewIkeProposal(0));
                    if (Defaults.FallbackIkeGroup != NanoGate.Hal.Crypto.DhGroup.None)
                    {
                        IkeProposal fallback = Defaults.NewIkeProposal(0);
                        fallback.Group = Defaults.FallbackIkeGroup;
                        peer.AddProposal(fallback);
                    }
                }

                for (int k = 0; k < numbers.Count; k++)
                {
                    int number = (int)numbers[k];
                    IkeProposal p = FindIkeProposal(number);
                    if (p == null)
                    {
                        return new ConfigProblem("ike peer " + peer.Name, "ike peer " + peer.Name + ": ike-proposal " + number.ToString() + " does not exist");
                    }

                    peer.AddProposal(p);
                }
            }

            return null;
        }

        /// <summary>A deep copy (the applied configuration must not change while the console edits).</summary>
        public GatewayConfiguration Clone()
        {
            GatewayConfiguration c = new GatewayConfiguration();
            c.Defaults = Defaults;
            c.Sysname = Sysname;
            c.WanDhcp = WanDhcp;
            c.WanAddress = WanAddress;
            c.WanPrefixLength = WanPrefixLength;
            c.WanGateway = WanGateway;
            c.LanAddress = LanAddress;
            c.LanPrefixLength = LanPrefixLength;
            c.LanTun = LanTun;
            c.LogHost = LogHost;
            c.LogHostPort = LogHostPort;
            c.NtpServer = NtpServer;
            c.NatKeepaliveSeconds = NatKeepaliveSeconds;
            c.ConsolePassword = ConsolePassword;
            for (int i = 0; i < _ikeProposals.Count; i++)
            {
                IkeProposal p = (IkeProposal)_ikeProposals[i];
                IkeProposal q = new IkeProposal(p.Number);
                q.Encryption = p.Encryption;
                q.KeySize = p.KeySize;
                q.Hash = p.Hash;
                q.Group = p.Group;
                q.LifetimeSeconds = p.LifetimeSeconds;
                q.LifetimeKilobytes = p.LifetimeKilobytes;
                c._ikeProposals.Add(q);
            }

            for (int i = 0; i < _peers.Count; i++)
            {
                PeerConfig p = (PeerConfig)_peers[i];
                PeerConfig q = new PeerConfig(p.Name);
                q.Mode = p.Mode;
                if (p.PreSharedKey != null)
                {
                    byte[] key = new byte[p.PreSharedKey.Length];
                    System.Array.Copy(p.PreSharedKey, key, key.Length);
                    q.PreSharedKey = key;
                }

                q.RemoteAddress = p.RemoteAddress;
                q.RemotePrefixLength = p.RemotePrefixLength;
                q.LocalId = p.LocalId;
                q.RemoteId = p.RemoteId;
                q.NatTraversal = p.NatTraversal;
                q.ForceEncapsulation = p.ForceEncapsulation;
                q.DpdIntervalSeconds = p.DpdIntervalSeconds;
                q.DpdRetrySeconds = p.DpdRetrySeconds;
                q.DpdAction = p.DpdAction;
                q.Sha256Truncated96 = p.Sha256Truncated96;
                c._peers.Add(q);
                ArrayList numbers = PeerProposalNumbers(p.Name);
                ArrayList copy = c.PeerProposalNumbers(p.Name);
                for (int k = 0; k < numbers.Count; k++)
                {
                    copy.Add(numbers[k]);
                }
            }

            for (int i = 0; i < _ipsecProposals.Count; i++)
            {
                IpsecProposal p = (IpsecProposal)_ipsecProposals[i];
                IpsecProposal q = new IpsecProposal(p.Name);
                q.Encryption = p.Encryption;
                q.KeySize = p.KeySize;
                q.Integrity = p.Integrity;
                c._ipsecProposals.Add(q);
            }

            for (int i = 0; i < _policies.Count; i++)
            {
                IpsecPolicy p = (IpsecPolicy)_policies[i];
                IpsecPolicy q = new IpsecPolicy(p.Name);
                q.PeerName = p.PeerName;
                q.ProposalName = p.ProposalName;
                q.Pfs = p.Pfs;
                q.LocalSubnet = p.LocalSubnet;
                q.LocalPrefixLength = p.LocalPrefixLength;
                q.RemoteSubnet = p.RemoteSubnet;
                q.RemotePrefixLength = p.RemotePrefixLength;
                q.AutoStart = p.AutoStart;
                q.LifetimeSeconds = p.LifetimeSeconds;
                q.LifetimeKilobytes = p.LifetimeKilobytes;
                c._policies.Add(q);
            }

            c.ResolvePeerProposals();
            return c;
        }
    }
}
