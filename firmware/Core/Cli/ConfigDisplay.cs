using System.Collections;
using NanoGate.Firmware.Config;
using NanoGate.Hal;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Cli
{
    /// <summary><c>display ike peer</c> and <c>display ike proposal</c>: the configured objects as tables.</summary>
    public static class ConfigDisplay
    {
        /// <summary>One row per peer.</summary>
        public static void RenderPeers(GatewayConfiguration config, ILineWriter o)
        {
            o.WriteLine("  Number of IKE peers: " + config.Peers.Count.ToString());
            o.WriteLine("");
            o.WriteLine("  " + Columns.Pad("Peer name", 16) + Columns.Pad("Exchange", 11) + Columns.Pad("Remote address", 20) + Columns.Pad("Remote ID", 26)
                + Columns.Pad("NAT-T", 7) + Columns.Pad("DPD", 8) + "Proposals");
            o.WriteLine(Columns.Rule(96));
            for (int i = 0; i < config.Peers.Count; i++)
            {
                PeerConfig p = (PeerConfig)config.Peers[i];
                string address = p.RemoteAddress == 0 && p.RemotePrefixLength == 32 ? "--"
                    : (p.RemotePrefixLength == 32 ? Ipv4.Format(p.RemoteAddress) : ConfigWriter.Prefix(p.RemoteAddress, p.RemotePrefixLength));
                string id = p.RemoteId.Type == IdentityType.None ? "any" : p.RemoteId.ToString();
                string nat = p.NatTraversal ? (p.ForceEncapsulation ? "force" : "on") : "off";
                string dpd = p.DpdIntervalSeconds == 0 ? "off" : p.DpdIntervalSeconds.ToString() + "/" + p.DpdRetrySeconds.ToString();
                ArrayList numbers = config.PeerProposalNumbers(p.Name);
                string proposals = numbers.Count == 0 ? "default" : "";
                for (int k = 0; k < numbers.Count; k++)
                {
                    proposals = (k == 0 ? "" : proposals + ",") + ((int)numbers[k]).ToString();
                }

                o.WriteLine("  " + Columns.Pad(p.Name, 16) + Columns.Pad(p.Mode == ExchangeMode.Aggressive ? "aggressive" : "main", 11) + Columns.Pad(address, 20)
                    + Columns.Pad(id, 26) + Columns.Pad(nat, 7) + Columns.Pad(dpd, 8) + proposals);
            }
        }

        /// <summary>One row per IKE proposal, then the default one peers without ike-proposal offer.</summary>
        public static void RenderIkeProposals(GatewayConfiguration config, ILineWriter o)
        {
            o.WriteLine("  " + Columns.Pad("Number", 9) + Columns.Pad("Encryption", 12) + Columns.Pad("Authentication", 16) + Columns.Pad("DH", 9) + "Lifetime(s)");
            o.WriteLine(Columns.Rule(56));
            for (int i = 0; i < config.IkeProposals.Count; i++)
            {
                Row((IkeProposal)config.IkeProposals[i], ((IkeProposal)config.IkeProposals[i]).Number.ToString(), o);
            }

            Row(config.Defaults.NewIkeProposal(0), "default", o);
        }

        private static void Row(IkeProposal p, string name, ILineWriter o)
        {
            o.WriteLine("  " + Columns.Pad(name, 9) + Columns.Pad(AlgorithmNames.Cipher(p.Encryption, p.KeySize), 12) + Columns.Pad(AlgorithmNames.Hash(p.Hash), 16)
                + Columns.Pad(AlgorithmNames.Group(p.Group, false), 9) + p.LifetimeSeconds.ToString());
        }
    }
}
