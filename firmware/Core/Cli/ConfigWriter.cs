using System.Collections;
using NanoGate.Firmware.Config;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The canonical text of a configuration: the commands that rebuild it, one block per view,
    /// sub-commands indented by one blank, blocks separated by "#" lines (as Huawei VRP prints).
    /// Every setting is written, defaults included, so a saved file means the same after a firmware
    /// update that changes a default. Parsing the text back yields an equal configuration.
    /// </summary>
    public static class ConfigWriter
    {
        /// <summary>
        /// Writes <paramref name="config"/>. With <paramref name="revealCipher"/> false (display) keys
        /// show as "pre-shared-key cipher ******"; true (save) writes the restorable cipher form.
        /// </summary>
        public static void Write(GatewayConfiguration config, bool revealCipher, ILineWriter o)
        {
            o.WriteLine("#");
            o.WriteLine("sysname " + Tokenizer.Quote(config.Sysname));
            if (config.WanDhcp || config.WanAddress != 0 || config.LanAddress != 0)
            {
                o.WriteLine("#");
            }

            if (config.WanDhcp)
            {
                o.WriteLine("interface wan dhcp");
            }
            else if (config.WanAddress != 0)
            {
                string line = "interface wan address " + Prefix(config.WanAddress, config.WanPrefixLength);
                if (config.WanGateway != 0)
                {
                    line += " gateway " + Ipv4.Format(config.WanGateway);
                }

                o.WriteLine(line);
            }

            if (config.LanAddress != 0)
            {
                string tun = config.LanTun == null ? "" : "tun " + config.LanTun + " ";
                o.WriteLine("interface lan " + tun + "address " + Prefix(config.LanAddress, config.LanPrefixLength));
            }

            if (config.NtpServer != 0)
            {
                o.WriteLine("#");
                o.WriteLine("ntp-service unicast-server " + Ipv4.Format(config.NtpServer));
            }

            if (config.ConsolePassword != null)
            {
                // Only the salted hash exists: display and save show the same.
                o.WriteLine("#");
                o.WriteLine("console password cipher " + config.ConsolePassword);
            }

            if (config.NatKeepaliveSeconds != 0)
            {
                o.WriteLine("#");
                o.WriteLine("ike nat-keepalive-timer interval " + config.NatKeepaliveSeconds.ToString());
            }

            if (config.LogHost != 0)
            {
                o.WriteLine("#");
                o.WriteLine("info-center loghost " + Ipv4.Format(config.LogHost)
                    + (config.LogHostPort > 0 && config.LogHostPort != 514 ? " port " + config.LogHostPort.ToString() : ""));
            }

            for (int i = 0; i < config.IkeProposals.Count; i++)
            {
                IkeProposal p = (IkeProposal)config.IkeProposals[i];
                o.WriteLine("#");
                o.WriteLine("ike proposal " + p.Number.ToString());
                o.WriteLine(" encryption-algorithm " + AlgorithmNames.Cipher(p.Encryption, p.KeySize));
                o.WriteLine(" authentication-algorithm " + AlgorithmNames.Hash(p.Hash));
                o.WriteLine(" dh " + AlgorithmNames.Group(p.Group, false));
                o.WriteLine(" sa duration " + p.LifetimeSeconds.ToString());
            }

            for (int i = 0; i < config.Peers.Count; i++)
            {
                WritePeer(config, (PeerConfig)config.Peers[i], revealCipher, o);
            }

            for (int i = 0; i < config.IpsecProposals.Count; i++)
            {
                IpsecProposal p = (IpsecProposal)config.IpsecProposals[i];
                o.WriteLine("#");
                o.WriteLine("ipsec proposal " + Tokenizer.Quote(p.Name));
                o.WriteLine(" esp encryption-algorithm " + AlgorithmNames.Cipher(p.Encryption, p.KeySize));
                if (p.Encryption != CipherAlgorithm.AesGcm)
                {
                    o.WriteLine(" esp authentication-algorithm " + AlgorithmNames.Hash(p.Integrity));
                }
            }

            for (int i = 0; i < config.Policies.Count; i++)
            {
                IpsecPolicy p = (IpsecPolicy)config.Policies[i];
                o.WriteLine("#");
                o.WriteLine("ipsec policy " + Tokenizer.Quote(p.Name));
                if (p.PeerName != null)
                {
                    o.WriteLine(" ike-peer " + Tokenizer.Quote(p.PeerName));
                }

                if (p.ProposalName != null)
                {
                    o.WriteLine(" proposal " + Tokenizer.Quote(p.ProposalName));
                }

                if (p.Pfs != DhGroup.None)
                {
                    o.WriteLine(" pfs " + AlgorithmNames.Group(p.Pfs, true));
                }
                else if (config.Defaults.PfsGroup != DhGroup.None)
                {
                    o.WriteLine(" undo pfs"); // the board's default is PFS: say there is none
                }

                if (!(p.LocalSubnet == 0 && p.LocalPrefixLength == 32))
                {
                    o.WriteLine(" local-subnet " + Prefix(p.LocalSubnet, p.LocalPrefixLength));
                }

                if (!(p.RemoteSubnet == 0 && p.RemotePrefixLength == 32))
                {
                    o.WriteLine(" remote-subnet " + Prefix(p.RemoteSubnet, p.RemotePrefixLength));
                }

                o.WriteLine(" sa duration time-based " + p.LifetimeSeconds.ToString());
                if (p.LifetimeKilobytes != 0)
                {
                    o.WriteLine(" sa duration traffic-based " + p.LifetimeKilobytes.ToString());
                }

                if (p.AutoStart)
                {
                    o.WriteLine(" sa trigger-mode auto");
                }
            }

            o.WriteLine("#");
        }

        private static void WritePeer(GatewayConfiguration config, PeerConfig p, bool revealCipher, ILineWriter o)
        {
            o.WriteLine("#");
            o.WriteLine("ike peer " + Tokenizer.Quote(p.Name));
            o.WriteLine(" exchange-mode " + (p.Mode == ExchangeMode.Aggressive ? "aggressive" : "main"));
            if (p.PreSharedKey != null)
            {
                o.WriteLine(" pre-shared-key cipher " + (revealCipher ? SecretCipher.Encode(p.PreSharedKey) : SecretCipher.Mask));
            }

            if (!(p.RemoteAddress == 0 && p.RemotePrefixLength == 32))
            {
                o.WriteLine(" remote-address " + (p.RemotePrefixLength == 32 ? Ipv4.Format(p.RemoteAddress) : Prefix(p.RemoteAddress, p.RemotePrefixLength)));
            }

            if (p.LocalId.Type != IdentityType.None)
            {
                o.WriteLine(" local-id " + Identity.Keyword(p.LocalId.Type) + " " + Tokenizer.Quote(p.LocalId.Value));
            }

            if (p.RemoteId.Type != IdentityType.None)
            {
                o.WriteLine(" remote-id " + Identity.Keyword(p.RemoteId.Type) + " " + Tokenizer.Quote(p.RemoteId.Value));
            }

            ArrayList numbers = config.PeerProposalNumbers(p.Name);
            for (int k = 0; k < numbers.Count; k++)
            {
                o.WriteLine(" ike-proposal " + ((int)numbers[k]).ToString());
            }

            o.WriteLine(p.NatTraversal ? " nat traversal" : " undo nat traversal");
            if (p.ForceEncapsulation)
            {
                o.WriteLine(" nat force-encapsulation");
            }

            if (p.DpdIntervalSeconds == 0)
            {
                o.WriteLine(" undo dpd");
            }
            else
            {
                o.WriteLine(" dpd interval " + p.DpdIntervalSeconds.ToString() + " retry " + p.DpdRetrySeconds.ToString()
                    + (p.DpdAction == DpdAction.Clear ? " action clear" : ""));
            }

            if (p.Sha256Truncated96)
            {
                o.WriteLine(" sha2 compatible");
            }
        }

        /// <summary>"10.1.0.0/24".</summary>
        public static string Prefix(uint address, int length)
        {
            return Ipv4.Format(address) + "/" + length.ToString();
        }
    }
}
