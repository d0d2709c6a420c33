using NanoGate.Hal;

namespace NanoGate.Firmware.Capture
{
    /// <summary>
    /// A tap on one WAN socket (UDP 500 or 4500): passes every call to the board's transport and,
    /// while capture runs, records what was received or sent. The gateway puts it around the
    /// board's transports at construction, so the run loop's receives and the IKE daemon's sends
    /// (ISAKMP with and without the non-ESP marker, keepalives) and the ESP path all pass it.
    /// With capture off the cost is one field test per datagram.
    /// </summary>
    public sealed class CaptureTransport : IDatagramBatchTransport
    {
        private readonly IDatagramTransport _inner;
        private readonly PacketCapture _capture;
        private readonly int _localPort;

        /// <summary>Taps <paramref name="inner"/> into <paramref name="capture"/>.</summary>
        public CaptureTransport(IDatagramTransport inner, PacketCapture capture)
        {
            _inner = inner;
            _capture = capture;
            _localPort = inner.LocalPort;
        }

        /// <summary>The board's transport underneath.</summary>
        public IDatagramTransport Inner
        {
            get { return _inner; }
        }

        /// <inheritdoc/>
        public int LocalPort
        {
            get { return _localPort; }
        }

        /// <inheritdoc/>
        [FastPath]
        public int Receive(byte[] buffer, int offset, int count, out uint remoteAddress, out int remotePort)
        {
            int n = _inner.Receive(buffer, offset, count, out remoteAddress, out remotePort);
            if (n > 0 && _capture.Running)
            {
                _capture.RecordUdp(false, _localPort, remoteAddress, remotePort, buffer, offset, n);
            }

            return n;
        }

        /// <inheritdoc/>
        [FastPath]
        public bool Send(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort)
        {
            if (_capture.Running)
            {
                _capture.RecordUdp(true, _localPort, remoteAddress, remotePort, buffer, offset, count);
            }

            return _inner.Send(buffer, offset, count, remoteAddress, remotePort);
        }

        /// <inheritdoc/>
        [FastPath]
        public int ReceiveBatch(DatagramBatch batch)
        {
            int n = DatagramBatches.Receive(_inner, batch);
            if (_capture.Running)
            {
                for (int i = 0; i < n; i++)
                {
                    if (batch.Results[i] > 0)
                    {
                        _capture.RecordUdp(false, _localPort, batch.Addresses[i], batch.Ports[i], batch.Buffers[i], batch.Offsets[i], batch.Results[i]);
                    }
                }
            }

            return n;
        }

        /// <inheritdoc/>
        [FastPath]
        public int SendBatch(DatagramBatch batch)
        {
            if (_capture.Running)
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    _capture.RecordUdp(true, _localPort, batch.Addresses[i], batch.Ports[i], batch.Buffers[i], batch.Offsets[i], batch.Counts[i]);
                }
            }

            return DatagramBatches.Send(_inner, batch);
        }
    }
}
