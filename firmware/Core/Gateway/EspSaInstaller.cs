using NanoGate.Esp;
using NanoGate.Ike;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// ike's <see cref="IIpsecSaInstaller"/> over the gateway's ESP engine: SPIs reserved in the
    /// engine (so they index its inbound table), the pair installed with
    /// <see cref="Gateway.InstallSaPair"/>, the outbound SA bound to the tunnel's protect policy.
    /// </summary>
    public sealed class EspSaInstaller : IIpsecSaInstaller
    {
        private readonly Gateway _gateway;
        private int _nextConnId = 1;

        /// <summary>An installer for <paramref name="gateway"/>.</summary>
        public EspSaInstaller(Gateway gateway)
        {
            _gateway = gateway;
        }

        /// <summary>The connection ID given to the last installed pair.</summary>
        public int LastConnId { get; private set; }

        /// <summary>Why the last install failed (Ok when it did not).</summary>
        public SaInstallResult LastResult { get; private set; }

        /// <inheritdoc/>
        public uint ReserveSpi()
        {
            return _gateway.Esp.ReserveInboundSpi();
        }

        /// <inheritdoc/>
        public void ReleaseSpi(uint spi)
        {
            _gateway.Esp.ReleaseSpi(spi);
        }

        /// <inheritdoc/>
        public bool InstallInbound(IpsecSaInfo inbound, long nowMs)
        {
            SaParameters pin = Map(inbound, -1);
            SaInstallResult result = _gateway.Esp.InstallInbound(pin, nowMs);
            if (result == SaInstallResult.Ok)
            {
                // capture keys enable: copy the keys before they are wiped here (issue 8).
                _gateway.CaptureKeys.Retain(inbound);
            }

            pin.WipeKeys();
            LastResult = result;
            return result == SaInstallResult.Ok;
        }

        /// <inheritdoc/>
        public bool InstallOutbound(IpsecSaInfo outbound, uint inboundSpi, long nowMs)
        {
            int tunnel = _gateway.FindTunnel(outbound.PolicyName);
            SaParameters pout = Map(outbound, tunnel < 0 ? -1 : _gateway.TunnelPolicyId(tunnel));
            int connId = _nextConnId++;
            SaInstallResult result;
            int handle = _gateway.InstallOutbound(inboundSpi, pout, connId, nowMs, out result);
            if (handle >= 0)
            {
                // capture keys enable: copy the keys before they are wiped here (issue 8).
                _gateway.CaptureKeys.Retain(outbound);
            }

            pout.WipeKeys();
            LastResult = result;
            if (handle < 0)
            {
                return false;
            }

            LastConnId = connId;
            return true;
        }

        /// <inheritdoc/>
        public void RemoveOutbound(uint inboundSpi)
        {
            Esp.EspEngine esp = _gateway.Esp;
            for (int i = 0; i < esp.Sas.OutboundCapacity; i++)
            {
                if (esp.GetOutbound(i) != null && _gateway.PairedInboundSpi(i) == inboundSpi)
                {
                    esp.RemoveOutbound(i);
                }
            }
        }

        /// <inheritdoc/>
        public void Remove(uint inboundSpi)
        {
            RemoveOutbound(inboundSpi);
            _gateway.Esp.RemoveInbound(inboundSpi);
        }

        /// <inheritdoc/>
        public long InboundPackets(uint inboundSpi)
        {
            SecurityAssociation sa = _gateway.Esp.FindInbound(inboundSpi);
            return sa == null ? -1 : sa.Packets;
        }

        /// <summary>ike's description to the engine's (RFC 2409 §5.5 keys, RFC 3948 encapsulation).</summary>
        private static SaParameters Map(IpsecSaInfo info, int policyId)
        {
            SaParameters p = new SaParameters();
            p.Spi = info.Spi;
            p.Cipher = info.Cipher;
            p.EncryptionKey = info.EncryptionKey;
            p.Integrity = info.Integrity;
            p.IntegrityKey = info.IntegrityKey;
            p.Sha256Truncated96 = info.Sha256Truncated96;
            p.GcmIcvLength = 16;
            p.LocalAddress = info.LocalAddress;
            p.RemoteAddress = info.RemoteAddress;
            p.LocalPort = info.LocalPort;
            p.RemotePort = info.RemotePort;
            p.UdpEncapsulation = info.UdpEncapsulation;
            p.LocalSelector = new TrafficSelector(info.LocalSubnet, info.LocalPrefixLength);
            p.RemoteSelector = new TrafficSelector(info.RemoteSubnet, info.RemotePrefixLength);
            p.PolicyId = policyId;
            // The soft limit asks ike for a rekey; ike chose its share (earlier on the initiator's side).
            int soft = info.SoftPercent > 0 && info.SoftPercent < 100 ? info.SoftPercent : 90;
            if (info.LifetimeSeconds > 0)
            {
                p.HardLifetimeMs = (long)info.LifetimeSeconds * 1000;
                p.SoftLifetimeMs = p.HardLifetimeMs * soft / 100;
            }

            if (info.LifetimeKilobytes > 0)
            {
                p.HardBytes = (long)info.LifetimeKilobytes * 1024;
                p.SoftBytes = p.HardBytes * soft / 100;
            }

            return p;
        }
    }
}
