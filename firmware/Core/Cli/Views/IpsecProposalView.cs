using NanoGate.Firmware.Config;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The <c>ipsec proposal NAME</c> view: the ESP transform of a policy (RFC 4303).
    /// <c>undo</c> restores the model's default (<see cref="IpsecProposal"/>'s constructor).
    /// </summary>
    public sealed class IpsecProposalView : IConfigView
    {
        private readonly IpsecProposal _proposal;

        private readonly ProposalDefaults _defaults;

        private IpsecProposalView(IpsecProposal proposal, ProposalDefaults defaults)
        {
            _proposal = proposal;
            _defaults = defaults;
        }

        /// <summary>Opens proposal <paramref name="name"/> of <paramref name="config"/>, creating it with the defaults.</summary>
        public static IpsecProposalView Open(GatewayConfiguration config, string name)
        {
            IpsecProposal p = config.FindIpsecProposal(name);
            if (p == null)
            {
                p = config.Defaults.NewIpsecProposal(name);
                config.IpsecProposals.Add(p);
            }

            return new IpsecProposalView(p, config.Defaults);
        }

        /// <summary><c>undo ipsec proposal NAME</c>: refused while a policy uses it.</summary>
        public static CliError Remove(GatewayConfiguration config, string name)
        {
            IpsecProposal p = config.FindIpsecProposal(name);
            if (p == null)
            {
                return CliError.Rejected("ipsec proposal " + name + " does not exist");
            }

            for (int i = 0; i < config.Policies.Count; i++)
            {
                IpsecPolicy policy = (IpsecPolicy)config.Policies[i];
                if (policy.ProposalName == name)
                {
                    return CliError.Rejected("ipsec proposal " + name + " is used by ipsec policy " + policy.Name);
                }
            }

            config.IpsecProposals.Remove(p);
            return null;
        }

        /// <inheritdoc/>
        public CliError Apply(ParsedCommand c)
        {
            IpsecProposal defaults = _defaults.NewIpsecProposal("");
            switch ((CommandId)c.Command)
            {
                case CommandId.EspEncryption:
                    _proposal.Encryption = AlgorithmNames.CipherOf(c.Number("encryption", 0));
                    _proposal.KeySize = AlgorithmNames.KeySizeOf(c.Number("encryption", 0));
                    return null;
                case CommandId.UndoEspEncryption:
                    _proposal.Encryption = defaults.Encryption;
                    _proposal.KeySize = defaults.KeySize;
                    return null;
                case CommandId.EspAuthentication:
                    _proposal.Integrity = (HashAlgorithm)c.Number("hash", 0);
                    return null;
                case CommandId.UndoEspAuthentication:
                    _proposal.Integrity = defaults.Integrity;
                    return null;
                default:
                    return CliError.Rejected("not a command of the ipsec proposal view");
            }
        }
    }
}
