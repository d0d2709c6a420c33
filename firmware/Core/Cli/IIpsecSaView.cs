using NanoGate.Hal.Crypto;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// Read-only view of one IPsec SA pair (inbound and outbound ESP SA of one policy), as
    /// <c>display ipsec sa</c> prints it. Implemented by the IKE/ESP side.
    /// </summary>
    public interface IIpsecSaView
    {
        /// <summary>The ipsec policy it serves.</summary>
        string PolicyName { get; }

        /// <summary>Connection ID of the phase 2 negotiation that made it.</summary>
        int ConnId { get; }

        /// <summary>Tunnel local address (host order).</summary>
        uint TunnelLocal { get; }

        /// <summary>Tunnel remote address (host order).</summary>
        uint TunnelRemote { get; }

        /// <summary>Protected local network (host order).</summary>
        uint LocalSubnet { get; }

        /// <summary>Prefix length of <see cref="LocalSubnet"/>.</summary>
        int LocalPrefixLength { get; }

        /// <summary>Remote network (host order).</summary>
        uint RemoteSubnet { get; }

        /// <summary>Prefix length of <see cref="RemoteSubnet"/>.</summary>
        int RemotePrefixLength { get; }

        /// <summary>Our inbound SPI.</summary>
        uint InboundSpi { get; }

        /// <summary>The peer's SPI we send with.</summary>
        uint OutboundSpi { get; }

        /// <summary>Cipher.</summary>
        CipherAlgorithm Encryption { get; }

        /// <summary>Key size in bytes.</summary>
        int KeySize { get; }

        /// <summary>HMAC (ignored for AES-GCM).</summary>
        HashAlgorithm Integrity { get; }

        /// <summary>ICV length in bits (96 for SHA-1 and for sha2 compatible, 128 for SHA2-256...).</summary>
        int IcvBits { get; }

        /// <summary>True when ESP is UDP-encapsulated (RFC 3948).</summary>
        bool UdpEncapsulated { get; }

        /// <summary>Bytes decrypted.</summary>
        ulong InboundBytes { get; }

        /// <summary>Packets decrypted.</summary>
        ulong InboundPackets { get; }

        /// <summary>Bytes encrypted.</summary>
        ulong OutboundBytes { get; }

        /// <summary>Packets encrypted.</summary>
        ulong OutboundPackets { get; }

        /// <summary>Highest sequence number received.</summary>
        uint MaxReceivedSequence { get; }

        /// <summary>Last sequence number sent.</summary>
        uint MaxSentSequence { get; }

        /// <summary>Anti-replay window size in packets (0 = off).</summary>
        int ReplayWindow { get; }

        /// <summary>When it was installed (run-loop milliseconds).</summary>
        long EstablishedAtMs { get; }

        /// <summary>Lifetime in seconds.</summary>
        int LifetimeSeconds { get; }

        /// <summary>Lifetime in kilobytes (0 = none).</summary>
        int LifetimeKilobytes { get; }
    }
}
