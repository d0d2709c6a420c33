using NanoGate.Firmware.Cli;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>One row of <c>display ike sa</c>: a phase 1 SA or an established phase 2 pair.</summary>
    public sealed class IkeSaRow : IIkeSaView
    {
        /// <inheritdoc/>
        public int ConnId { get; set; }

        /// <inheritdoc/>
        public uint PeerAddress { get; set; }

        /// <inheritdoc/>
        public int PeerPort { get; set; }

        /// <inheritdoc/>
        public uint LocalAddress { get; set; }

        /// <inheritdoc/>
        public int LocalPort { get; set; }

        /// <inheritdoc/>
        public string VpnName { get; set; }

        /// <inheritdoc/>
        public int Flags { get; set; }

        /// <inheritdoc/>
        public int Phase { get; set; }

        /// <inheritdoc/>
        public ulong InitiatorCookie { get; set; }

        /// <inheritdoc/>
        public ulong ResponderCookie { get; set; }

        /// <inheritdoc/>
        public ExchangeMode Mode { get; set; }

        /// <inheritdoc/>
        public CipherAlgorithm Encryption { get; set; }

        /// <inheritdoc/>
        public int KeySize { get; set; }

        /// <inheritdoc/>
        public HashAlgorithm Hash { get; set; }

        /// <inheritdoc/>
        public DhGroup Group { get; set; }

        /// <inheritdoc/>
        public int LifetimeSeconds { get; set; }

        /// <inheritdoc/>
        public long EstablishedAtMs { get; set; }

        /// <inheritdoc/>
        public string RemoteId { get; set; }

        /// <inheritdoc/>
        public bool NatTraversal { get; set; }

        /// <inheritdoc/>
        public bool Dpd { get; set; }

        /// <summary>Phase 2: the inbound SPI whose presence in the data path keeps the row.</summary>
        public uint InboundSpi { get; set; }
    }
}
