using NanoGate.Firmware.Cli;
using NanoGate.Hal;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The port 500 or 4500 transport as the IKE daemon sends on it, with each datagram it sends
    /// summarised to <c>debugging ikev1 packet</c> (<see cref="IkePacketSummary"/>). Received
    /// datagrams are summarised where the key exchange takes them (<see cref="IkeKeyExchange.HandleDatagram"/>).
    /// With the switch off a send costs one test; IKE messages are not the per-packet path.
    /// </summary>
    public sealed class PacketDebugTransport : IDatagramTransport
    {
        private readonly IDatagramTransport _inner;
        private readonly DebugLog _log;
        private readonly IMonotonicClock _clock;

        /// <summary>Sends through <paramref name="inner"/>, reporting to <paramref name="log"/> with <paramref name="clock"/>'s time.</summary>
        public PacketDebugTransport(IDatagramTransport inner, DebugLog log, IMonotonicClock clock)
        {
            _inner = inner;
            _log = log;
            _clock = clock;
        }

        /// <inheritdoc/>
        public int LocalPort
        {
            get { return _inner.LocalPort; }
        }

        /// <inheritdoc/>
        public int Receive(byte[] buffer, int offset, int count, out uint remoteAddress, out int remotePort)
        {
            return _inner.Receive(buffer, offset, count, out remoteAddress, out remotePort);
        }

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort)
        {
            if (_log.IsOn(DebugLog.Packet))
            {
                long now = _clock == null ? 0 : _clock.NowMs;
                _log.ReportPacket(now, IkePacketSummary.Format(true, buffer, offset, count, remoteAddress, remotePort, _inner.LocalPort));
            }

            return _inner.Send(buffer, offset, count, remoteAddress, remotePort);
        }
    }
}
