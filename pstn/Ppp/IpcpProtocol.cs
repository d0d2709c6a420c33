using NanoGate.Hal;

namespace NanoGate.Pstn.Ppp
{
    /// <summary>
    /// The IP Control Protocol (RFC 1332) of a dial-up client: we send IP-Address 0.0.0.0 (or a
    /// configured one), and the peer's Configure-Nak tells us the address it assigns (§3.3: "the
    /// peer ... MAY ... Nak ... with a valid IP address"); we accept the peer's own IP-Address and
    /// reject VJ compression and anything else. A Configure-Reject of IP-Address leaves us without
    /// an address, which the link reports as "IPCP rejected".
    /// </summary>
    public sealed class IpcpProtocol : PppAutomaton
    {
        private bool _askAddress;

        /// <summary>IPCP on <paramref name="link"/>.</summary>
        public IpcpProtocol(PppLink link)
            : base(link, PppProtocol.Ipcp)
        {
            Reset();
        }

        /// <summary>The address we ask for first (0 = let the peer assign one).</summary>
        public uint RequestedAddress { get; set; }

        /// <summary>Our address (as last requested or assigned), 0 when none.</summary>
        public uint LocalAddress { get; private set; }

        /// <summary>The peer's address, 0 when it sent none.</summary>
        public uint PeerAddress { get; private set; }

        /// <summary>True when the peer rejected the IP-Address option.</summary>
        public bool AddressRejected { get; private set; }

        /// <summary>Starts over from <see cref="RequestedAddress"/>.</summary>
        public void Reset()
        {
            _askAddress = true;
            AddressRejected = false;
            LocalAddress = RequestedAddress;
            PeerAddress = 0;
        }

        /// <inheritdoc/>
        protected override int WriteRequestOptions(byte[] buffer, int offset)
        {
            if (!_askAddress)
            {
                return 0;
            }

            buffer[offset] = IpcpOption.IpAddress;
            buffer[offset + 1] = 6;
            BigEndian.WriteUInt32(buffer, offset + 2, LocalAddress);
            return 6;
        }

        /// <inheritdoc/>
        protected override void CheckRequest(byte[] packet, int offset, int count, OptionList nak, OptionList reject)
        {
            for (int i = offset; i < offset + count; i += packet[i + 1])
            {
                if (packet[i] == IpcpOption.IpAddress && packet[i + 1] == 6 && BigEndian.ReadUInt32(packet, i + 2) != 0)
                {
                    PeerAddress = BigEndian.ReadUInt32(packet, i + 2);
                }
                else
                {
                    // We have no address to hand out, no VJ compression, no other options.
                    reject.Copy(packet, i);
                }
            }
        }

        /// <inheritdoc/>
        protected override void ApplyNak(byte[] packet, int offset, int count)
        {
            for (int i = offset; i < offset + count; i += packet[i + 1])
            {
                if (packet[i] == IpcpOption.IpAddress && packet[i + 1] == 6)
                {
                    LocalAddress = BigEndian.ReadUInt32(packet, i + 2);
                }
            }
        }

        /// <inheritdoc/>
        protected override void ApplyReject(byte[] packet, int offset, int count)
        {
            for (int i = offset; i < offset + count; i += packet[i + 1])
            {
                if (packet[i] == IpcpOption.IpAddress)
                {
                    _askAddress = false;
                    AddressRejected = true;
                }
            }
        }

        /// <inheritdoc/>
        protected override void ThisLayerUp()
        {
            Link.OnIpcpUp();
        }

        /// <inheritdoc/>
        protected override void ThisLayerDown()
        {
            Link.OnIpcpDown();
        }

        /// <inheritdoc/>
        protected override void ThisLayerFinished()
        {
            Link.OnIpcpFinished();
        }
    }
}
