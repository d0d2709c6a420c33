using NanoGate.Esp;
using NanoGate.Firmware.Cli;
using NanoGate.Hal.Crypto;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// One outbound SA and its paired inbound SA, as <c>display ipsec sa</c> shows them. Reads the
    /// live SA objects; the gateway re-points it before each listing.
    /// </summary>
    public sealed class IpsecSaPairView : IIpsecSaView
    {
        private Gateway _gateway;
        private SecurityAssociation _out;
        private SecurityAssociation _in;
        private int _handle;

        /// <summary>Points the view at outbound SA <paramref name="handle"/>.</summary>
        public void Set(Gateway gateway, int handle)
        {
            _gateway = gateway;
            _handle = handle;
            _out = gateway.Esp.GetOutbound(handle);
            uint spi = gateway.PairedInboundSpi(handle);
            _in = spi == 0 ? null : gateway.Esp.FindInbound(spi);
        }

        /// <inheritdoc/>
        public string PolicyName
        {
            get { return _gateway.TunnelNameOfPolicy(_out.PolicyId); }
        }

        /// <inheritdoc/>
        public int ConnId
        {
            get { return _gateway.PairedConnId(_handle); }
        }

        /// <inheritdoc/>
        public uint TunnelLocal
        {
            get { return _out.LocalAddress; }
        }

        /// <inheritdoc/>
        public uint TunnelRemote
        {
            get { return _out.RemoteAddress; }
        }

        /// <inheritdoc/>
        public uint LocalSubnet
        {
            get { return _out.LocalSelector == null ? 0 : _out.LocalSelector.Network; }
        }

        /// <inheritdoc/>
        public int LocalPrefixLength
        {
            get { return _out.LocalSelector == null ? 0 : _out.LocalSelector.PrefixLength; }
        }

        /// <inheritdoc/>
        public uint RemoteSubnet
        {
            get { return _out.RemoteSelector == null ? 0 : _out.RemoteSelector.Network; }
        }

        /// <inheritdoc/>
        public int RemotePrefixLength
        {
            get { return _out.RemoteSelector == null ? 0 : _out.RemoteSelector.PrefixLength; }
        }

        /// <inheritdoc/>
        public uint InboundSpi
        {
            get { return _in == null ? 0 : _in.Spi; }
        }

        /// <inheritdoc/>
        public uint OutboundSpi
        {
            get { return _out.Spi; }
        }

        /// <inheritdoc/>
        public CipherAlgorithm Encryption
        {
            get { return _out.Cipher; }
        }

        /// <inheritdoc/>
        public int KeySize
        {
            get { return _gateway.PairedKeySize(_handle); }
        }

        /// <inheritdoc/>
        public HashAlgorithm Integrity
        {
            get { return _out.Integrity; }
        }

        /// <inheritdoc/>
        public int IcvBits
        {
            get { return _out.IcvLength * 8; }
        }

        /// <inheritdoc/>
        public bool UdpEncapsulated
        {
            get { return _out.UdpEncapsulation; }
        }

        /// <inheritdoc/>
        public ulong InboundBytes
        {
            get { return _in == null ? 0 : (ulong)_in.Bytes; }
        }

        /// <inheritdoc/>
        public ulong InboundPackets
        {
            get { return _in == null ? 0 : (ulong)_in.Packets; }
        }

        /// <inheritdoc/>
        public ulong OutboundBytes
        {
            get { return (ulong)_out.Bytes; }
        }

        /// <inheritdoc/>
        public ulong OutboundPackets
        {
            get { return (ulong)_out.Packets; }
        }

        /// <inheritdoc/>
        public uint MaxReceivedSequence
        {
            get { return _in == null ? 0 : (uint)_in.LastSequence; }
        }

        /// <inheritdoc/>
        public uint MaxSentSequence
        {
            get { return (uint)_out.LastSequence; }
        }

        /// <inheritdoc/>
        public int ReplayWindow
        {
            get { return _in == null || _in.ReplayWindow == null ? 0 : _in.ReplayWindow.Size; }
        }

        /// <inheritdoc/>
        public long EstablishedAtMs
        {
            get { return _out.CreatedMs; }
        }

        /// <inheritdoc/>
        public int LifetimeSeconds
        {
            get { return (int)(_out.HardLifetimeMs / 1000); }
        }

        /// <inheritdoc/>
        public int LifetimeKilobytes
        {
            get { return (int)(_out.HardBytes / 1024); }
        }
    }
}
