using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Config
{
    /// <summary>
    /// What a new configuration gets where it names nothing: the board chooses it
    /// (<see cref="Gateway.GatewayBoard.ProposalDefaults"/>), not ike. A host has fast big-number
    /// arithmetic and keeps the classic choice (MODP-2048, no PFS, AES-128-CBC with HMAC-SHA2-256);
    /// the device (<see cref="Gateway.DeviceProfile"/>) takes what its accelerators and the
    /// native crypto make fast: ECP-256 for IKE (MODP-2048 offered second, for peers without ECP)
    /// and for PFS, AES-GCM-128 for ESP. docs/CLI.md lists both.
    /// <para>
    /// <c>undo</c> of an algorithm restores the board's default; <c>undo pfs</c> always means no
    /// PFS (the configuration writer writes it where the board's default is PFS).
    /// </para>
    /// </summary>
    public sealed class ProposalDefaults
    {
        /// <summary>Name for the console ("host", "device").</summary>
        public string Name;

        /// <summary>The group of a new ike proposal and of the default proposal.</summary>
        public DhGroup IkeGroup;

        /// <summary>A second default proposal with this group for peers that name none (None: only one).</summary>
        public DhGroup FallbackIkeGroup;

        /// <summary>PFS of a new ipsec policy (None: no PFS).</summary>
        public DhGroup PfsGroup;

        /// <summary>ESP cipher of a new ipsec proposal.</summary>
        public CipherAlgorithm EspEncryption;

        /// <summary>Its key size in bytes.</summary>
        public int EspKeySize;

        /// <summary>Host boards (Linux, sim): MODP-2048, no PFS, AES-128-CBC with HMAC-SHA2-256.</summary>
        public static ProposalDefaults Host()
        {
            ProposalDefaults d = new ProposalDefaults();
            d.Name = "host";
            d.IkeGroup = DhGroup.Modp2048;
            d.FallbackIkeGroup = DhGroup.None;
            d.PfsGroup = DhGroup.None;
            d.EspEncryption = CipherAlgorithm.AesCbc;
            d.EspKeySize = 16;
            return d;
        }

        /// <summary>The device: ECP-256 (then MODP-2048) for IKE, ECP-256 PFS, AES-GCM-128 for ESP.</summary>
        public static ProposalDefaults Device()
        {
            ProposalDefaults d = new ProposalDefaults();
            d.Name = "device";
            d.IkeGroup = DhGroup.Ecp256;
            d.FallbackIkeGroup = DhGroup.Modp2048;
            d.PfsGroup = DhGroup.Ecp256;
            d.EspEncryption = CipherAlgorithm.AesGcm;
            d.EspKeySize = 16;
            return d;
        }

        /// <summary>A new ike proposal with these defaults.</summary>
        public IkeProposal NewIkeProposal(int number)
        {
            IkeProposal p = new IkeProposal(number);
            p.Group = IkeGroup;
            return p;
        }

        /// <summary>A new ipsec proposal with these defaults.</summary>
        public IpsecProposal NewIpsecProposal(string name)
        {
            IpsecProposal p = new IpsecProposal(name);
            p.Encryption = EspEncryption;
            p.KeySize = EspKeySize;
            return p;
        }

        /// <summary>A new ipsec policy with these defaults.</summary>
        public IpsecPolicy NewIpsecPolicy(string name)
        {
            IpsecPolicy p = new IpsecPolicy(name);
            p.Pfs = PfsGroup;
            return p;
        }
    }
}
