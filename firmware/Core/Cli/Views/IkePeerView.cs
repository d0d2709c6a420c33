using System.Collections;
using NanoGate.Firmware.Config;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The <c>ike peer NAME</c> view: how to reach and authenticate one remote gateway (RFC 2409
    /// phase 1 with a pre-shared key, RFC 3947 NAT-T, RFC 3706 DPD). <c>undo</c> restores the
    /// model's default (<see cref="PeerConfig"/>'s constructor); <c>undo dpd</c> switches DPD off.
    /// </summary>
    public sealed class IkePeerView : IConfigView
    {
        private readonly GatewayConfiguration _config;
        private readonly PeerConfig _peer;

        private IkePeerView(GatewayConfiguration config, PeerConfig peer)
        {
            _config = config;
            _peer = peer;
        }

        /// <summary>Opens peer <paramref name="name"/> of <paramref name="config"/>, creating it with the defaults.</summary>
        public static IkePeerView Open(GatewayConfiguration config, string name)
        {
            PeerConfig p = config.FindPeer(name);
            if (p == null)
            {
                p = new PeerConfig(name);
                config.Peers.Add(p);
            }

            return new IkePeerView(config, p);
        }

        /// <summary><c>undo ike peer NAME</c>: refused while a policy uses it.</summary>
        public static CliError Remove(GatewayConfiguration config, string name)
        {
            PeerConfig p = config.FindPeer(name);
            if (p == null)
            {
                return CliError.Rejected("ike peer " + name + " does not exist");
            }

            for (int i = 0; i < config.Policies.Count; i++)
            {
                IpsecPolicy policy = (IpsecPolicy)config.Policies[i];
                if (policy.PeerName == name)
                {
                    return CliError.Rejected("ike peer " + name + " is used by ipsec policy " + policy.Name);
                }
            }

            config.Peers.Remove(p);
            config.RemovePeerProposalNumbers(name);
            return null;
        }

        /// <inheritdoc/>
        public CliError Apply(ParsedCommand c)
        {
            PeerConfig defaults = new PeerConfig("");
            switch ((CommandId)c.Command)
            {
                case CommandId.ExchangeMode:
                    _peer.Mode = (ExchangeMode)c.Number("mode", 0);
                    return null;
                case CommandId.UndoExchangeMode:
                    _peer.Mode = defaults.Mode;
                    return null;
                case CommandId.PskSimple:
                    _peer.PreSharedKey = SecretCipher.FromText(c.Text("simple-key"));
                    return null;
                case CommandId.PskCipher:
                    return SetCipherKey(c.Text("cipher-key"));
                case CommandId.UndoPsk:
                    _peer.PreSharedKey = null;
                    return null;
                case CommandId.RemoteAddress:
                    _peer.RemoteAddress = c.Address("remote-address");
                    _peer.RemotePrefixLength = c.Number("remote-address", defaults.RemotePrefixLength);
                    return null;
                case CommandId.UndoRemoteAddress:
                    _peer.RemoteAddress = defaults.RemoteAddress;
                    _peer.RemotePrefixLength = defaults.RemotePrefixLength;
                    return null;
                case CommandId.LocalId:
                case CommandId.RemoteId:
                    return SetIdentity(c);
                case CommandId.UndoLocalId:
                    _peer.LocalId = defaults.LocalId;
                    return null;
                case CommandId.UndoRemoteId:
                    _peer.RemoteId = defaults.RemoteId;
                    return null;
                case CommandId.PeerProposal:
                    {
                        ArrayList numbers = _config.PeerProposalNumbers(_peer.Name);
                        int number = c.Number("proposal-number", 0);
                        if (_config.PeerProposalIndex(_peer.Name, number) < 0)
                        {
                            numbers.Add(number);
                        }

                        return null;
                    }

                case CommandId.UndoPeerProposal:
                    return RemoveProposal(c);
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
                    _peer.ForceEncapsulation = defaults.ForceEncapsulation;
                    return null;
                case CommandId.Dpd:
                    _peer.DpdIntervalSeconds = c.Number("dpd-interval", defaults.DpdIntervalSeconds);
                    _peer.DpdRetrySeconds = c.Number("dpd-retry", defaults.DpdRetrySeconds);
                    _peer.DpdAction = c.Number("dpd-action", 0) == 1 ? DpdAction.Clear : DpdAction.Restart;
                    return null;
                case CommandId.UndoDpd:
                    // Off, not back to the default: an interval of 0 sends no R-U-THERE.
                    _peer.DpdIntervalSeconds = 0;
                    _peer.DpdRetrySeconds = defaults.DpdRetrySeconds;
                    _peer.DpdAction = defaults.DpdAction;
                    return null;
                case CommandId.Sha2Compatible:
                    _peer.Sha256Truncated96 = true;
                    return null;
                case CommandId.UndoSha2Compatible:
                    _peer.Sha256Truncated96 = defaults.Sha256Truncated96;
                    return null;
                default:
                    return CliError.Rejected("not a command of the ike peer view");
            }
        }

        private CliError SetCipherKey(string text)
        {
            byte[] key = SecretCipher.Decode(text);
            if (key == null)
            {
                return CliError.Rejected("the cipher text is not a key saved by this device (use pre-shared-key simple)");
            }

            _peer.PreSharedKey = key;
            return null;
        }

        private CliError SetIdentity(ParsedCommand c)
        {
            IdentityType type = (IdentityType)c.Number("id-type", 0);
            string value = c.Text("id-value");
            uint address;
            if (type == IdentityType.Ipv4Address && !NanoGate.Hal.Ipv4.TryParse(value, out address))
            {
                return CliError.Rejected("an ip identity must be an IPv4 address");
            }

            Identity id = new Identity(type, value);
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

        private CliError RemoveProposal(ParsedCommand c)
        {
            ArrayList numbers = _config.PeerProposalNumbers(_peer.Name);
            if (!c.Has("proposal-number"))
            {
                numbers.Clear();
                return null;
            }

            int at = _config.PeerProposalIndex(_peer.Name, c.Number("proposal-number", 0));
            if (at < 0)
            {
                return CliError.Rejected("ike-proposal " + c.Text("proposal-number") + " is not configured for this peer");
            }

            numbers.RemoveAt(at);
            return null;
        }
    }
}
