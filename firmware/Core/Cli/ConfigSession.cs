using System.Collections;
using NanoGate.Firmware.Config;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// Carries out configuration commands on one <see cref="GatewayConfiguration"/>, remembering
    /// which view (block) is open and on which line each block began (for error reports).
    /// The startup loader uses a fresh session on a fresh configuration; the console one session on
    /// its working configuration.
    /// </summary>
    public sealed class ConfigSession
    {
        private readonly GatewayConfiguration _config;
        private readonly Hashtable _blockLines = new Hashtable();
        private CliView _view;
        private string _viewName;
        private IkeProposal _ikeProposal;
        private PeerConfig _peer;
        private IpsecProposal _ipsecProposal;
        private IpsecPolicy _policy;

        /// <summary>Creates a session in the system view of <paramref name="config"/>.</summary>
        public ConfigSession(GatewayConfiguration config)
        {
            _config = config;
            _view = CliView.System;
        }

        /// <summary>The configuration being edited.</summary>
        public GatewayConfiguration Configuration
        {
            get { return _config; }
        }

        /// <summary>The open view.</summary>
        public CliView View
        {
            get { return _view; }
        }

        /// <summary>The open block's header ("ike peer hq"), or "" in the system view.</summary>
        public string Block
        {
            get { return _view == CliView.System ? "" : _viewName; }
        }

        /// <summary>The prompt: "[branch-gw]" or "[branch-gw-ike-peer-hq]".</summary>
        public string Prompt
        {
            get { return "[" + _config.Sysname + (_view == CliView.System ? "" : "-" + Dashes(_viewName)) + "]"; }
        }

        /// <summary>Line on which <paramref name="block"/> was opened (0 when unknown).</summary>
        public int LineOf(string block)
        {
            object line = _blockLines[block];
            return line == null ? 0 : (int)line;
        }

        /// <summary>Closes the open view (quit, or a line at a lower indent in a file).</summary>
        public void LeaveView()
        {
            _view = CliView.System;
            _viewName = null;
            _ikeProposal = null;
            _peer = null;
            _ipsecProposal = null;
            _policy = null;
        }

        /// <summary>Carries out a configuration command; null on success, else why not (nothing changed then).</summary>
        public CliError Apply(ParsedCommand c)
        {
            switch ((CommandId)c.Command)
            {
                case CommandId.Sysname:
                    _config.Sysname = c.Text("sysname");
                    return null;
                case CommandId.UndoSysname:
                    _config.Sysname = GatewayConfiguration.DefaultSysname;
                    return null;
                case CommandId.WanAddress:
                    {
                        uint gateway = c.Address("gateway");
                        uint mask = CommandTree.Mask(c.Number("wan-address", 0));
                        if (gateway != 0 && (gateway & mask) != (c.Address("wan-address") & mask))
                        {
                            return Reject("gateway " + c.Text("gateway") + " is not in " + c.Text("wan-address"));
                        }

                        _config.WanDhcp = false;
                        _config.WanAddress = c.Address("wan-address");
                        _config.WanPrefixLength = c.Number("wan-address", 0);
                        _config.WanGateway = gateway;
                        return null;
                    }

                case CommandId.WanDhcp:
                    _config.WanDhcp = true;
                    _config.WanAddress = 0;
                    _config.WanPrefixLength = 0;
                    _config.WanGateway = 0;
                    return null;
                case CommandId.UndoWan:
                    _config.WanDhcp = false;
                    _config.WanAddress = 0;
                    _config.WanPrefixLength = 0;
                    _config.WanGateway = 0;
                    return null;
                case CommandId.LanAddress:
                    _config.LanAddress = c.Address("lan-address");
                    _config.LanPrefixLength = c.Number("lan-address", 0);
                    _config.LanTun = c.Has("tun-name") ? c.Text("tun-name") : null;
                    return null;
                case CommandId.UndoLan:
                    _config.LanAddress = 0;
                    _config.LanPrefixLength = 0;
                    _config.LanTun = null;
                    return null;
                case CommandId.IkeProposal:
                    {
                        int number = c.Number("proposal-number", 0);
                        IkeProposal p = _config.FindIkeProposal(number);
                        if (p == null)
                        {
                            p = new IkeProposal(number);
                            _config.AddIkeProposal(p);
                        }

                        Enter(CliView.IkeProposal, "ike proposal " + number.ToString(), c.LineNumber);
                        _ikeProposal = p;
                        return null;
                    }

                case CommandId.UndoIkeProposal:
                    return RemoveIkeProposal(c.Number("proposal-number", 0));
                case CommandId.IkePeer:
                    {
                        string name = c.Text("peer-name");
                        PeerConfig p = _config.FindPeer(name);
                        if (p == null)
                        {
                            p = new PeerConfig(name);
                            p.RemotePrefixLength = 32;
                            _config.Peers.Add(p);
                        }

                        Enter(CliView.IkePeer, "ike peer " + name, c.LineNumber);
                        _peer = p;
                        return null;
                    }

                case CommandId.UndoIkePeer:
                    return RemovePeer(c.Text("peer-name"));
                case CommandId.IpsecProposal:
                    {
                        string name = c.Text("ipsec-proposal-name");
                        IpsecProposal p = _config.FindIpsecProposal(name);
                        if (p == null)
                        {
                            p = new IpsecProposal(name);
                            _config.IpsecProposals.Add(p);
                        }

                        Enter(CliView.IpsecProposal, "ipsec proposal " + name, c.LineNumber);
                        _ipsecProposal = p;
                        return null;
                    }

                case CommandId.UndoIpsecProposal:
                    return RemoveIpsecProposal(c.Text("ipsec-proposal-name"));
                case CommandId.IpsecPolicy:
                    {
                        string name = c.Text("policy-name");
                        IpsecPolicy p = _config.FindPolicy(name);
                        if (p == null)
                        {
                            p = new IpsecPolicy(name);
                            _config.Policies.Add(p);
                        }

                        Enter(CliView.IpsecPolicy, "ipsec policy " + name, c.LineNumber);
                        _policy = p;
                        return null;
                    }

                case CommandId.UndoIpsecPolicy:
                    {
                        IpsecPolicy p = _config.FindPolicy(c.Text("policy-name"));
                        if (p == null)
                        {
                            return Reject("ipsec policy " + c.Text("policy-name") + " does not exist");
                        }

                        _config.Policies.Remove(p);
                        return null;
                    }

                default:
                    return ApplyInView(c);
            }
        }

        private CliError ApplyInView(ParsedCommand c)
        {
            switch ((CommandId)c.Command)
            {
                // ike proposal view
                case CommandId.IkeEncryption:
                    _ikeProposal.Encryption = AlgorithmNames.CipherOf(c.Number("encryption", 0));
                    _ikeProposal.KeySize = AlgorithmNames.KeySizeOf(c.Number("encryption", 0));
                    return null;
                case CommandId.UndoIkeEncryption:
                    _ikeProposal.Encryption = CipherAlgorithm.AesCbc;
                    _ikeProposal.KeySize = 32;
                    return null;
                case CommandId.IkeAuthentication:
                    _ikeProposal.Hash = (HashAlgorithm)c.Number("hash", 0);
                    return null;
                case CommandId.UndoIkeAuthentication:
                    _ikeProposal.Hash = HashAlgorithm.Sha256;
                    return null;
                case CommandId.IkeDh:
                    _ikeProposal.Group = (DhGroup)c.Number("group", 0);
                    return null;
                case CommandId.UndoIkeDh:
                    _ikeProposal.Group = DhGroup.Modp2048;
                    return null;
                case CommandId.IkeDuration:
                    _ikeProposal.LifetimeSeconds = c.Number("ike-seconds", 0);
                    return null;
                case CommandId.UndoIkeDuration:
                    _ikeProposal.LifetimeSeconds = 86400;
                    return null;

                // ike peer view
                case CommandId.ExchangeMode:
                    _peer.Mode = (ExchangeMode)c.Number("mode", 0);
                    return null;
                case CommandId.UndoExchangeMode:
                    _peer.Mode = ExchangeMode.Main;
                    return null;
                case CommandId.PskSimple:
                    _peer.PreSharedKey = SecretCipher.FromText(c.Text("simple-key"));
                    return null;
                case CommandId.PskCipher:
                    {
                        byte[] key = SecretCipher.Decode(c.Text("cipher-key"));
                        if (key == null)
                        {
                            return Reject("the cipher text is not a key saved by this device (use pre-shared-key simple)");
                        }

                        _peer.PreSharedKey = key;
                        return null;
                    }

                case CommandId.UndoPsk:
                    _peer.PreSharedKey = null;
                    return null;
                case CommandId.RemoteAddress:
                    _peer.RemoteAddress = c.Address("remote-address");
                    _peer.RemotePrefixLength = c.Number("remote-address", 32);
                    return null;
                case CommandId.UndoRemoteAddress:
                    _peer.RemoteAddress = 0;
                    _peer.RemotePrefixLength = 32;
                    return null;
                case CommandId.LocalId:
                case CommandId.RemoteId:
                    {
                        Identity id = MakeIdentity(c);
                        if (id == null)
                        {
                            return Reject("an ip identity must be an IPv4 address");
                        }

                        if ((CommandId)c.Command == CommandId.LocalId)
                        {
                            _peer.LocalId = id;
                        }
                        else
                        {
                            _peer.RemoteId = id;
                        }

                        return null;
                    }

                case CommandId.UndoLocalId:
                    _peer.LocalId = new Identity(IdentityType.None, "");
                    return null;
                case CommandId.UndoRemoteId:
                    _peer.RemoteId = new Identity(IdentityType.None, "");
                    return null;
                case CommandId.PeerProposal:
                    {
                        ArrayList numbers = _config.PeerProposalNumbers(_peer.Name);
                        int number = c.Number("proposal-number", 0);
                        if (IndexOf(numbers, number) < 0)
                        {
                            numbers.Add(number);
                        }

                        return null;
                    }

                case CommandId.UndoPeerProposal:
                    {
                        ArrayList numbers = _config.PeerProposalNumbers(_peer.Name);
                        if (!c.Has("proposal-number"))
                        {
                            numbers.Clear();
                            return null;
                        }

                        int at = IndexOf(numbers, c.Number("proposal-number", 0));
                        if (at < 0)
                        {
                            return Reject("ike-proposal " + c.Text("proposal-number") + " is not configured for this peer");
                        }

                        numbers.RemoveAt(at);
                        return null;
                    }

                case CommandId.NatTraversal:
                    _peer.NatTraversal = true;
                    return null;
                case CommandId.UndoNatTraversal:
                    _peer.NatTraversal = false;
                    return null;
                case CommandId.ForceEncapsulation:
                    _peer.ForceEncapsulation = true;
                    return null;
                case CommandId.UndoForceEncapsulation:
                    _peer.ForceEncapsulation = false;
                    return null;
                case CommandId.Dpd:
                    _peer.DpdIntervalSeconds = c.Number("dpd-interval", 30);
                    _peer.DpdRetrySeconds = c.Number("dpd-retry", 15);
                    _peer.DpdAction = c.Number("dpd-action", 0) == 1 ? DpdAction.Clear : DpdAction.Restart;
                    return null;
                case CommandId.UndoDpd:
                    _peer.DpdIntervalSeconds = 0;
                    _peer.DpdRetrySeconds = 15;
                    _peer.DpdAction = DpdAction.Restart;
                    return null;
                case CommandId.Sha2Compatible:
                    _peer.Sha256Truncated96 = true;
                    return null;
                case CommandId.UndoSha2Compatible:
                    _peer.Sha256Truncated96 = false;
                    return null;

                // ipsec proposal view
                case CommandId.EspEncryption:
                    _ipsecProposal.Encryption = AlgorithmNames.CipherOf(c.Number("encryption", 0));
                    _ipsecProposal.KeySize = AlgorithmNames.KeySizeOf(c.Number("encryption", 0));
                    return null;
                case CommandId.UndoEspEncryption:
                    _ipsecProposal.Encryption = CipherAlgorithm.AesCbc;
                    _ipsecProposal.KeySize = 16;
                    return null;
                case CommandId.EspAuthentication:
                    _ipsecProposal.Integrity = (HashAlgorithm)c.Number("hash", 0);
                    return null;
                case CommandId.UndoEspAuthentication:
                    _ipsecProposal.Integrity = HashAlgorithm.Sha256;
                    return null;

                // ipsec policy view
                case CommandId.PolicyPeer:
                    _policy.PeerName = c.Text("peer-name");
                    return null;
                case CommandId.UndoPolicyPeer:
                    _policy.PeerName = null;
                    return null;
                case CommandId.PolicyProposal:
                    _policy.ProposalName = c.Text("ipsec-proposal-name");
                    return null;
                case CommandId.UndoPolicyProposal:
                    _policy.ProposalName = null;
                    return null;
                case CommandId.Pfs:
                    _policy.Pfs = (DhGroup)c.Number("pfs-group", 0);
                    return null;
                case CommandId.UndoPfs:
                    _policy.Pfs = DhGroup.None;
                    return null;
                case CommandId.LocalSubnet:
                    _policy.LocalSubnet = c.Address("local-subnet");
                    _policy.LocalPrefixLength = c.Number("local-subnet", 32);
                    return null;
                case CommandId.UndoLocalSubnet:
                    _policy.LocalSubnet = 0;
                    _policy.LocalPrefixLength = 32;
                    return null;
                case CommandId.RemoteSubnet:
                    _policy.RemoteSubnet = c.Address("remote-subnet");
                    _policy.RemotePrefixLength = c.Number("remote-subnet", 32);
                    return null;
                case CommandId.UndoRemoteSubnet:
                    _policy.RemoteSubnet = 0;
                    _policy.RemotePrefixLength = 32;
                    return null;
                case CommandId.PolicyDurationTime:
                    _policy.LifetimeSeconds = c.Number("ipsec-seconds", 3600);
                    return null;
                case CommandId.UndoPolicyDurationTime:
                    _policy.LifetimeSeconds = 3600;
                    return null;
                case CommandId.PolicyDurationTraffic:
                    _policy.LifetimeKilobytes = c.Number("kilobytes", 0);
                    return null;
                case CommandId.UndoPolicyDurationTraffic:
                    _policy.LifetimeKilobytes = 0;
                    return null;
                case CommandId.PolicyTriggerMode:
                    _policy.AutoStart = c.Number("trigger-mode", 0) == 1;
                    return null;
                case CommandId.UndoPolicyTriggerMode:
                    _policy.AutoStart = false;
                    return null;
                default:
                    return Reject("not a configuration command");
            }
        }

        private void Enter(CliView view, string name, int line)
        {
            LeaveView();
            _view = view;
            _viewName = name;
            if (line > 0 && _blockLines[name] == null)
            {
                _blockLines[name] = line;
            }
        }

        private CliError RemoveIkeProposal(int number)
        {
            IkeProposal p = _config.FindIkeProposal(number);
            if (p == null)
            {
                return Reject("ike proposal " + number.ToString() + " does not exist");
            }

            for (int i = 0; i < _config.Peers.Count; i++)
            {
                PeerConfig peer = (PeerConfig)_config.Peers[i];
                if (IndexOf(_config.PeerProposalNumbers(peer.Name), number) >= 0)
                {
                    return Reject("ike proposal " + number.ToString() + " is used by ike peer " + peer.Name);
                }
            }

            _config.IkeProposals.Remove(p);
            return null;
        }

        private CliError RemovePeer(string name)
        {
            PeerConfig p = _config.FindPeer(name);
            if (p == null)
            {
                return Reject("ike peer " + name + " does not exist");
            }

            for (int i = 0; i < _config.Policies.Count; i++)
            {
                IpsecPolicy policy = (IpsecPolicy)_config.Policies[i];
                if (policy.PeerName == name)
                {
                    return Reject("ike peer " + name + " is used by ipsec policy " + policy.Name);
                }
            }

            _config.Peers.Remove(p);
            _config.RemovePeerProposalNumbers(name);
            return null;
        }

        private CliError RemoveIpsecProposal(string name)
        {
            IpsecProposal p = _config.FindIpsecProposal(name);
            if (p == null)
            {
                return Reject("ipsec proposal " + name + " does not exist");
            }

            for (int i = 0; i < _config.Policies.Count; i++)
            {
                IpsecPolicy policy = (IpsecPolicy)_config.Policies[i];
                if (policy.ProposalName == name)
                {
                    return Reject("ipsec proposal " + name + " is used by ipsec policy " + policy.Name);
                }
            }

            _config.IpsecProposals.Remove(p);
            return null;
        }

        private static Identity MakeIdentity(ParsedCommand c)
        {
            IdentityType type = (IdentityType)c.Number("id-type", 0);
            string value = c.Text("id-value");
            if (type == IdentityType.Ipv4Address)
            {
                uint address;
                if (!NanoGate.Hal.Ipv4.TryParse(value, out address))
                {
                    return null;
                }
            }

            return new Identity(type, value);
        }

        private static int IndexOf(ArrayList numbers, int number)
        {
            for (int i = 0; i < numbers.Count; i++)
            {
                if ((int)numbers[i] == number)
                {
                    return i;
                }
            }

            return -1;
        }

        private static string Dashes(string text)
        {
            char[] c = text.ToCharArray();
            for (int i = 0; i < c.Length; i++)
            {
                if (c[i] == ' ')
                {
                    c[i] = '-';
                }
            }

            return new string(c);
        }

        private static CliError Reject(string why)
        {
            return new CliError(ParseErrorKind.Rejected, -1, null, why);
        }
    }
}
