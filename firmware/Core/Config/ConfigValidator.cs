using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Config
{
    /// <summary>
    /// Cross-reference checks run when a configuration is applied: every name a block uses must
    /// exist, every peer needs a key and an address, every policy needs a peer, a proposal and both
    /// subnets. The first problem is reported (with the block's line in a file).
    /// </summary>
    public static class ConfigValidator
    {
        /// <summary>Null when <paramref name="config"/> can be applied, else the first problem. Also links peers to their proposals.</summary>
        public static ConfigProblem Validate(GatewayConfiguration config)
        {
            ConfigProblem problem = config.ResolvePeerProposals();
            if (problem != null)
            {
                return problem;
            }

            for (int i = 0; i < config.Peers.Count; i++)
            {
                PeerConfig peer = (PeerConfig)config.Peers[i];
                string block = "ike peer " + peer.Name;
                if (peer.PreSharedKey == null)
                {
                    return new ConfigProblem(block, block + ": no pre-shared-key configured");
                }

                if (peer.RemoteAddress == 0 && peer.RemotePrefixLength == 32)
                {
                    return new ConfigProblem(block, block + ": no remote-address configured (0.0.0.0/0 accepts any)");
                }

                if (peer.Mode == ExchangeMode.Aggressive && peer.RemotePrefixLength < 32 && peer.RemoteId.Type == IdentityType.None)
                {
                    return new ConfigProblem(block, block + ": aggressive mode with an address range needs a remote-id");
                }
            }

            for (int i = 0; i < config.IpsecProposals.Count; i++)
            {
                IpsecProposal p = (IpsecProposal)config.IpsecProposals[i];
                if (p.Encryption == CipherAlgorithm.AesGcm && p.Integrity != HashAlgorithm.Sha256)
                {
                    // The stored integrity is ignored for GCM; keep it at its default so the file says one thing.
                    return new ConfigProblem("ipsec proposal " + p.Name, "ipsec proposal " + p.Name + ": aes-gcm carries its own integrity; remove esp authentication-algorithm");
                }
            }

            for (int i = 0; i < config.Policies.Count; i++)
            {
                IpsecPolicy policy = (IpsecPolicy)config.Policies[i];
                string block = "ipsec policy " + policy.Name;
                if (policy.PeerName == null)
                {
                    return new ConfigProblem(block, block + ": no ike-peer configured");
                }

                if (config.FindPeer(policy.PeerName) == null)
                {
                    return new ConfigProblem(block, block + ": ike-peer " + policy.PeerName + " does not exist");
                }

                if (policy.ProposalName == null)
                {
                    return new ConfigProblem(block, block + ": no proposal configured");
                }

                if (config.FindIpsecProposal(policy.ProposalName) == null)
                {
                    return new ConfigProblem(block, block + ": proposal " + policy.ProposalName + " does not exist");
                }

                if (policy.LocalSubnet == 0 && policy.LocalPrefixLength == 32)
                {
                    return new ConfigProblem(block, block + ": no local-subnet configured");
                }

                if (policy.RemoteSubnet == 0 && policy.RemotePrefixLength == 32)
                {
                    return new ConfigProblem(block, block + ": no remote-subnet configured");
                }

                PeerConfig peer = config.FindPeer(policy.PeerName);
                if (policy.AutoStart && (peer.RemoteAddress == 0 || peer.RemotePrefixLength != 32))
                {
                    return new ConfigProblem(block, block + ": sa trigger-mode auto needs ike peer " + peer.Name
                        + " to have one remote-address to initiate to");
                }
            }

            return null;
        }
    }
}
