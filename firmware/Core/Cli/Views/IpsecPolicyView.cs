using NanoGate.Firmware.Config;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The <c>ipsec policy NAME</c> view: one tunnel (its peer, proposal, PFS, selectors and
    /// lifetimes, RFC 2409 §5.5). <c>undo</c> restores the model's default (<see cref="IpsecPolicy"/>'s
    /// constructor).
    /// </summary>
    public sealed class IpsecPolicyView : IConfigView
    {
        private readonly IpsecPolicy _policy;

        private readonly ProposalDefaults _defaults;

        private IpsecPolicyView(IpsecPolicy policy, ProposalDefaults defaults)
        {
            _policy = policy;
            _defaults = defaults;
        }

        /// <summary>Opens policy <paramref name="name"/> of <paramref name="config"/>, creating it with the defaults.</summary>
        public static IpsecPolicyView Open(GatewayConfiguration config, string name)
        {
            IpsecPolicy p = config.FindPolicy(name);
            if (p == null)
            {
                p = config.Defaults.NewIpsecPolicy(name);
                config.Policies.Add(p);
            }

            return new IpsecPolicyView(p, config.Defaults);
        }

        /// <summary><c>undo ipsec policy NAME</c>.</summary>
        public static CliError Remove(GatewayConfiguration config, string name)
        {
            IpsecPolicy p = config.FindPolicy(name);
            if (p == null)
            {
                return CliError.Rejected("ipsec policy " + name + " does not exist");
            }

            config.Policies.Remove(p);
            return null;
        }

        /// <inheritdoc/>
        public CliError Apply(ParsedCommand c)
        {
            IpsecPolicy defaults = _defaults.NewIpsecPolicy("");
            switch ((CommandId)c.Command)
            {
                case CommandId.PolicyPeer:
                    _policy.PeerName = c.Text("peer-name");
                    return null;
                case CommandId.UndoPolicyPeer:
                    _policy.PeerName = defaults.PeerName;
                    return null;
                case CommandId.PolicyProposal:
                    _policy.ProposalName = c.Text("ipsec-proposal-name");
                    return null;
                case CommandId.UndoPolicyProposal:
                    _policy.ProposalName = defaults.ProposalName;
                    return null;
                case CommandId.Pfs:
                    _policy.Pfs = (DhGroup)c.Number("pfs-group", 0);
                    return null;
                case CommandId.UndoPfs:
                    _policy.Pfs = DhGroup.None; // no PFS, whatever the board's default (ProposalDefaults)
                    return null;
                case CommandId.LocalSubnet:
                    _policy.LocalSubnet = c.Address("local-subnet");
                    _policy.LocalPrefixLength = c.Number("local-subnet", defaults.LocalPrefixLength);
                    return null;
                case CommandId.UndoLocalSubnet:
                    _policy.LocalSubnet = defaults.LocalSubnet;
                    _policy.LocalPrefixLength = defaults.LocalPrefixLength;
                    return null;
                case CommandId.RemoteSubnet:
                    _policy.RemoteSubnet = c.Address("remote-subnet");
                    _policy.RemotePrefixLength = c.Number("remote-subnet", defaults.RemotePrefixLength);
                    return null;
                case CommandId.UndoRemoteSubnet:
                    _policy.RemoteSubnet = defaults.RemoteSubnet;
                    _policy.RemotePrefixLength = defaults.RemotePrefixLength;
                    return null;
                case CommandId.PolicyDurationTime:
                    _policy.LifetimeSeconds = c.Number("ipsec-seconds", defaults.LifetimeSeconds);
                    return null;
                case CommandId.UndoPolicyDurationTime:
                    _policy.LifetimeSeconds = defaults.LifetimeSeconds;
                    return null;
                case CommandId.PolicyDurationTraffic:
                    _policy.LifetimeKilobytes = c.Number("kilobytes", defaults.LifetimeKilobytes);
                    return null;
                case CommandId.UndoPolicyDurationTraffic:
                    _policy.LifetimeKilobytes = defaults.LifetimeKilobytes;
                    return null;
                case CommandId.PolicyTriggerMode:
                    _policy.AutoStart = c.Number("trigger-mode", 0) == 1;
                    return null;
                case CommandId.UndoPolicyTriggerMode:
                    _policy.AutoStart = defaults.AutoStart;
                    return null;
                default:
                    return CliError.Rejected("not a command of the ipsec policy view");
            }
        }
    }
}
