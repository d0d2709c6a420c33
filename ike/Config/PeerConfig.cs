using System.Collections;

namespace NanoGate.Ike.Config
{
    /// <summary>
    /// An "ike peer NAME" block: how to reach and authenticate one remote gateway, or a whole
    /// range of them (a remote address of 0.0.0.0/0 with one shared secret, as appliances allow).
    /// Main mode picks the peer by the sender's address (the key is needed before the ID can be
    /// decrypted, RFC 2409 §5.4); aggressive mode by the remote ID.
    /// </summary>
    public sealed class PeerConfig
    {
        private readonly ArrayList _proposals = new ArrayList();

        /// <summary>Creates a peer with the defaults (main mode, NAT-T on, DPD 30 s / 15 s).</summary>
        public PeerConfig(string name)
        {
            Name = name;
            Mode = ExchangeMode.Main;
            RemotePrefixLength = 32;
            NatTraversal = true;
            DpdIntervalSeconds = 30;
            DpdRetrySeconds = 15;
            LocalId = new Identity(IdentityType.None, "");
            RemoteId = new Identity(IdentityType.None, "");
        }

        /// <summary>The peer's name in the configuration.</summary>
        public string Name { get; private set; }

        /// <summary>Main or aggressive mode.</summary>
        public ExchangeMode Mode { get; set; }

        /// <summary>The pre-shared key; never printed unmasked.</summary>
        public byte[] PreSharedKey { get; set; }

        /// <summary>Remote gateway address (host order); 0 with prefix 0 = any address.</summary>
        public uint RemoteAddress { get; set; }

        /// <summary>Prefix length of the remote address range (32 = one address).</summary>
        public int RemotePrefixLength { get; set; }

        /// <summary>Our phase 1 identity.</summary>
        public Identity LocalId { get; set; }

        /// <summary>The identity the peer must present (None = any).</summary>
        public Identity RemoteId { get; set; }

        /// <summary>NAT traversal (RFC 3947) offered and accepted.</summary>
        public bool NatTraversal { get; set; }

        /// <summary>Pretend a NAT is there (fake NAT-D) so ESP is always UDP-encapsulated, as strongSwan's encap=yes.</summary>
        public bool ForceEncapsulation { get; set; }

        /// <summary>Dead peer detection: idle seconds before R-U-THERE (0 = off).</summary>
        public int DpdIntervalSeconds { get; set; }

        /// <summary>Dead peer detection: seconds between retries before the peer is declared dead.</summary>
        public int DpdRetrySeconds { get; set; }

        /// <summary>Dead peer detection: what happens to the tunnels of a dead peer (default: restart).</summary>
        public DpdAction DpdAction { get; set; }

        /// <summary>Use the 96-bit HMAC-SHA2-256 ICV of old Linux peers (strongSwan sha256_96).</summary>
        public bool Sha256Truncated96 { get; set; }

        /// <summary>Number of phase 1 proposals, offered in this order.</summary>
        public int ProposalCount
        {
            get { return _proposals.Count; }
        }

        /// <summary>The i-th phase 1 proposal.</summary>
        public IkeProposal GetProposal(int index)
        {
            return (IkeProposal)_proposals[index];
        }

        /// <summary>Appends a phase 1 proposal.</summary>
        public void AddProposal(IkeProposal proposal)
        {
            _proposals.Add(proposal);
        }

        /// <summary>Removes every proposal.</summary>
        public void ClearProposals()
        {
            _proposals.Clear();
        }

        /// <summary>True when <paramref name="address"/> falls in the configured remote range.</summary>
        public bool MatchesAddress(uint address)
        {
            uint mask = RemotePrefixLength == 0 ? 0u : 0xFFFFFFFFu << (32 - RemotePrefixLength);
            return (address & mask) == (RemoteAddress & mask);
        }
    }
}
