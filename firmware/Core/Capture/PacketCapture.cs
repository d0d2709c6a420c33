using System;
using NanoGate.Hal;

namespace NanoGate.Firmware.Capture
{
    /// <summary>
    /// The WAN-side packet capture: one fixed buffer that already holds a pcap file (see
    /// <see cref="Pcap"/>): the 24-byte file header, then each record as it will be exported
    /// (record header, synthesized IPv4 [+ UDP] header, the first bytes of the datagram).
    /// <para>
    /// Our choices: the buffer (<see cref="Capacity"/> bytes, 64 KiB by default) is allocated at the
    /// first <see cref="Start"/> and kept; recording allocates nothing ([FastPath]). When the next
    /// record does not fit, capture stops (<see cref="IsFull"/>): the file keeps the start of the
    /// story, which is what Wireshark needs to decrypt IKEv1 (it derives the phase 1 IV from the
    /// KE payloads of main mode messages 3 and 4). Export then needs no second buffer: the file is
    /// <c>Buffer[0..Used)</c>.
    /// </para>
    /// <para>
    /// Time: the run loop stores its monotonic <c>nowMs</c> in <see cref="NowMs"/> every pass; a
    /// record's timestamp is milliseconds since <see cref="Start"/> (there is no wall clock), so
    /// Wireshark shows dates in January 1970 and the times since capture start.
    /// </para>
    /// </summary>
    public sealed class PacketCapture
    {
        /// <summary>Default buffer size.</summary>
        public const int DefaultCapacity = 65536;

        /// <summary>Largest snap length (bytes kept of each packet, synthesized headers included).</summary>
        public const int MaxSnapLength = 65535;

        /// <summary>Smallest snap length: the headers and the start of an ISAKMP header or ESP SPI and sequence.</summary>
        public const int MinSnapLength = 64;

        private readonly int _capacity;
        private byte[] _buffer;
        private int _used;
        private int _snapLength = MaxSnapLength;
        private long _startMs;
        private int _ipId;

        /// <summary>True while recording. A field: the taps test it for every datagram.</summary>
        internal bool Running;

        /// <summary>The run loop's time of the current pass (set by the gateway each pass).</summary>
        public long NowMs;

        /// <summary>Our WAN address, the local end of every synthesized header (set from the applied configuration).</summary>
        public uint LocalAddress;

        /// <summary>A capture whose buffer will be <paramref name="capacity"/> bytes (allocated at the first start).</summary>
        public PacketCapture(int capacity)
        {
            _capacity = capacity < Pcap.FileHeaderLength + Pcap.RecordHeaderLength + MinSnapLength
                ? Pcap.FileHeaderLength + Pcap.RecordHeaderLength + MinSnapLength : capacity;
        }

        /// <summary>Buffer size in bytes.</summary>
        public int Capacity
        {
            get { return _capacity; }
        }

        /// <summary>True while recording.</summary>
        public bool IsRunning
        {
            get { return Running; }
        }

        /// <summary>True when capture stopped because the next record did not fit.</summary>
        public bool IsFull { get; private set; }

        /// <summary>Records stored since the last start.</summary>
        public int Packets { get; private set; }

        /// <summary>Bytes of the pcap file so far (file header included); 0 before the first start.</summary>
        public int Used
        {
            get { return _used; }
        }

        /// <summary>The file bytes: <c>Buffer[0..Used)</c> (null before the first start).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Snap length of the current (or last) capture.</summary>
        public int SnapLength
        {
            get { return _snapLength; }
        }

        /// <summary>The <see cref="NowMs"/> of the last start.</summary>
        public long StartedMs
        {
            get { return _startMs; }
        }

        /// <summary>
        /// Clears the buffer and starts recording at <paramref name="nowMs"/>, keeping
        /// <paramref name="snapLength"/> bytes of each packet (clamped to 64..65535). Allocates the
        /// buffer the first time; false when the memory is not there.
        /// </summary>
        public bool Start(long nowMs, int snapLength)
        {
            if (_buffer == null)
            {
                try
                {
                    _buffer = new byte[_capacity];
                }
                catch (OutOfMemoryException)
                {
                    return false;
                }
            }

            _snapLength = snapLength < MinSnapLength ? MinSnapLength : (snapLength > MaxSnapLength ? MaxSnapLength : snapLength);
            Array.Clear(_buffer, 0, _buffer.Length);
            Pcap.WriteFileHeader(_buffer, 0, _snapLength);
            _used = Pcap.FileHeaderLength;
            Packets = 0;
            IsFull = false;
            _startMs = nowMs;
            NowMs = nowMs;
            Running = true;
            return true;
        }

        /// <summary>Stops recording; the buffer stays for export.</summary>
        public void Stop()
        {
            Running = false;
        }

        /// <summary>
        /// Records one UDP datagram on our WAN port <paramref name="localPort"/>: outbound from us
        /// to the remote end, or inbound from it. The payload is what the socket carried (on 4500:
        /// non-ESP marker + ISAKMP, ESP, or the keepalive byte).
        /// </summary>
        [FastPath]
        public void RecordUdp(bool outbound, int localPort, uint remoteAddress, int remotePort, byte[] b, int offset, int count)
        {
            int headers = Pcap.Ipv4HeaderLength + Pcap.UdpHeaderLength;
            int at = BeginRecord(headers, count);
            if (at < 0)
            {
                return;
            }

            int ip = at + Pcap.RecordHeaderLength;
            if (outbound)
            {
                Pcap.WriteIpv4Header(_buffer, ip, headers + count, _ipId, Pcap.ProtocolUdp, LocalAddress, remoteAddress);
                Pcap.WriteUdpHeader(_buffer, ip + Pcap.Ipv4HeaderLength, localPort, remotePort, count);
            }
            else
            {
                Pcap.WriteIpv4Header(_buffer, ip, headers + count, _ipId, Pcap.ProtocolUdp, remoteAddress, LocalAddress);
                Pcap.WriteUdpHeader(_buffer, ip + Pcap.Ipv4HeaderLength, remotePort, localPort, count);
            }

            EndRecord(at, headers, b, offset, count);
        }

        /// <summary>
        /// Records one raw ESP packet (IP protocol 50, RFC 4303 §2) as sent or received on the WAN.
        /// For boards with a raw ESP path; none has one today (plain ESP is counted as unsupported).
        /// </summary>
        [FastPath]
        public void RecordEsp(bool outbound, uint remoteAddress, byte[] b, int offset, int count)
        {
            int headers = Pcap.Ipv4HeaderLength;
            int at = BeginRecord(headers, count);
            if (at < 0)
            {
                return;
            }

            int ip = at + Pcap.RecordHeaderLength;
            Pcap.WriteIpv4Header(_buffer, ip, headers + count, _ipId, Pcap.ProtocolEsp,
                outbound ? LocalAddress : remoteAddress, outbound ? remoteAddress : LocalAddress);
            EndRecord(at, headers, b, offset, count);
        }

        /// <summary>Where the next record goes, or -1 (not running, or full: capture stops).</summary>
        [FastPath]
        private int BeginRecord(int headers, int count)
        {
            if (!Running)
            {
                return -1;
            }

            int stored = headers + count;
            if (stored > _snapLength)
            {
                stored = _snapLength;
            }

            if (_used + Pcap.RecordHeaderLength + stored > _capacity)
            {
                Running = false;
                IsFull = true;
                return -1;
            }

            return _used;
        }

        [FastPath]
        private void EndRecord(int at, int headers, byte[] b, int offset, int count)
        {
            int wire = headers + count;
            int stored = wire > _snapLength ? _snapLength : wire;
            Pcap.WriteRecordHeader(_buffer, at, NowMs - _startMs, stored, wire);
            Array.Copy(b, offset, _buffer, at + Pcap.RecordHeaderLength + headers, stored - headers);
            _used = at + Pcap.RecordHeaderLength + stored;
            _ipId = (_ipId + 1) & 0xFFFF;
            Packets++;
        }
    }
}
