using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// Read-only view of one IKE (ISAKMP) SA or one phase 2 negotiation under it, as
    /// <c>display ike sa</c> lists them. Implemented by the IKE side; the CLI only reads.
    /// </summary>
    public interface IIkeSaView
    {
        /// <summary>Connection ID (the handle <c>reset ike sa N</c> takes).</summary>
        int ConnId { get; }

        /// <summary>Peer address (host order).</summary>
        uint PeerAddress { get; }

        /// <summary>Peer UDP port (500, or 4500 and whatever a NAT chose).</summary>
        int PeerPort { get; }

        /// <summary>Local address (host order).</summary>
        uint LocalAddress { get; }

        /// <summary>Local UDP port.</summary>
        int LocalPort { get; }

        /// <summary>Name shown in the VPN column: the configured ike peer (this box has no VPN instances).</summary>
        string VpnName { get; }

        /// <summary><see cref="IkeSaFlags"/> bits.</summary>
        int Flags { get; }

        /// <summary>1 for the ISAKMP SA, 2 for a quick mode (IPsec) negotiation.</summary>
        int Phase { get; }

        /// <summary>Initiator cookie (RFC 2408 §3.1), as a 64-bit number.</summary>
        ulong InitiatorCookie { get; }

        /// <summary>Responder cookie.</summary>
        ulong ResponderCookie { get; }

        /// <summary>Main or aggressive mode.</summary>
        ExchangeMode Mode { get; }

        /// <summary>Negotiated cipher.</summary>
        CipherAlgorithm Encryption { get; }

        /// <summary>Key size in bytes.</summary>
        int KeySize { get; }

        /// <summary>Negotiated hash.</summary>
        HashAlgorithm Hash { get; }

        /// <summary>Negotiated Diffie-Hellman group.</summary>
        DhGroup Group { get; }

        /// <summary>Negotiated lifetime in seconds.</summary>
        int LifetimeSeconds { get; }

        /// <summary>When it was established (run-loop milliseconds; meaningless while negotiating).</summary>
        long EstablishedAtMs { get; }

        /// <summary>The identity the peer presented ("fqdn hq.example.net"), or "".</summary>
        string RemoteId { get; }

        /// <summary>True when NAT-T is in use (a NAT was detected or encapsulation forced).</summary>
        bool NatTraversal { get; }

        /// <summary>True when dead peer detection is on for this SA.</summary>
        bool Dpd { get; }
    }
}
