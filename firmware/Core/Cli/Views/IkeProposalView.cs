using NanoGate.Firmware.Config;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The <c>ike proposal N</c> view: one phase 1 proposal (RFC 2409 Appendix A attributes).
    /// <c>undo</c> restores the model's default (<see cref="IkeProposal"/>'s constructor).
    /// </summary>
    public sealed class IkeProposalView : IConfigView
    {
        private readonly IkeProposal _proposal;

        private readonly ProposalDefaults _defaults;

        private IkeProposalView(IkeProposal proposal, ProposalDefaults defaults)
        {
            _proposal = proposal;
            _defaults = defaults;
        }

        /// <summary>Opens proposal <paramref name="number"/> of <paramref name="config"/>, creating it with the defaults.</summary>
        public static IkeProposalView Open(GatewayConfiguration config, int number)
        {
            IkeProposal p = config.FindIkeProposal(number);
            if (p == null)
            {
                p = config.Defaults.NewIkeProposal(number);
                config.AddIkeProposal(p);
            }

            return new IkeProposalView(p, config.Defaults);
        }

        /// <summary><c>undo ike proposal N</c>: refused while a peer names it.</summary>
        public static CliError Remove(GatewayConfiguration config, int number)
        {
            IkeProposal p = config.FindIkeProposal(number);
            if (p == null)
            {
                return CliError.Rejected("ike proposal " + number.ToString() + " does not exist");
            }

            for (int i = 0; i < config.Peers.Count; i++)
            {
                PeerConfig peer = (PeerConfig)config.Peers[i];
                if (config.PeerProposalIndex(peer.Name, number) >= 0)
                {
                    return CliError.Rejected("ike proposal " + number.ToString() + " is used by ike peer " + peer.Name);
                }
            }

            config.IkeProposals.Remove(p);
            return null;
        }

        /// <inheritdoc/>
        public CliError Apply(ParsedCommand c)
        {
            IkeProposal defaults = _defaults.NewIkeProposal(0);
            switch ((CommandId)c.Command)
            {
                case CommandId.IkeEncryption:
                    _proposal.Encryption = AlgorithmNames.CipherOf(c.Number("encryption", 0));
                    _proposal.KeySize = AlgorithmNames.KeySizeOf(c.Number("encryption", 0));
                    return null;
                case CommandId.UndoIkeEncryption:
                    _proposal.Encryption = defaults.Encryption;
                    _proposal.KeySize = defaults.KeySize;
                    return null;
                case CommandId.IkeAuthentication:
                    _proposal.Hash = (NanoGate.Hal.Crypto.HashAlgorithm)c.Number("hash", 0);
                    return null;
                case CommandId.UndoIkeAuthentication:
                    _proposal.Hash = defaults.Hash;
                    return null;
                case CommandId.IkeDh:
                    _proposal.Group = (NanoGate.Hal.Crypto.DhGroup)c.Number("group", 0);
                    return null;
                case CommandId.UndoIkeDh:
                    _proposal.Group = defaults.Group;
                    return null;
                case CommandId.IkeDuration:
                    _proposal.LifetimeSeconds = c.Number("ike-seconds", defaults.LifetimeSeconds);
                    return null;
                case CommandId.UndoIkeDuration:
                    _proposal.LifetimeSeconds = defaults.LifetimeSeconds;
                    return null;
                default:
                    return CliError.Rejected("not a command of the ike proposal view");
            }
        }
    }
}
