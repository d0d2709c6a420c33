using NanoGate.Firmware.Cli;
using NanoGate.Hal;

namespace NanoGate.Firmware.Gateway
{
    // One `ping` from the box (ICMP echo, RFC 792), stepped by the run loop so the console never blocks it:
    //
    //  Start      the identifier is drawn (hal random); nothing is sent yet.
    //  IsDue      the next echo request may go: the first at once, the next IntervalMs after the one
    //             before, and never before that one was answered or timed out.
    //  Build      writes echo request #Sequence as a whole IPv4 packet (RFC 791) from Source; the gateway
    //             sends it where a LAN packet would go (the outbound ESP policy lookup) or, from the
    //             WAN address, out of the board's ICMP socket.
    //  TakeReply  an echo reply (type 0) to Source from Destination with our identifier and the
    //             sequence in flight is recorded (the ESP inbound path calls it: no allocation, no text).
    //  Poll       prints what TakeReply recorded or the timeout, and after the last request the
    //             statistics, in VRP's words.
    //
    // Only the request in flight is matched: a reply that comes after its timeout was already
    // counted lost (as VRP and iputils count it).

    /// <summary>A ping in progress (or none): VRP's <c>ping [-a SOURCE-IP] [-c COUNT] [-s SIZE] [-t TIMEOUT-MS] HOST</c>.</summary>
    public sealed class PingSession
    {
        /// <summary>Time between echo requests, in ms (VRP's default -m).</summary>
        public const int IntervalMs = 500;

        private const byte IcmpProtocol = 1;
        private const byte EchoRequest = 8;
        private const byte EchoReply = 0;
        private const int IpHeader = 20;

        private ILineWriter _out;
        private PingRequest _request;
        private ushort _identifier;
        private ushort _ipId;
        private int _sent;
        private int _received;
        private long _sentAtMs;
        private bool _inFlight;
        private long _minRtt;
        private long _maxRtt;
        private long _sumRtt;

        // What TakeReply saw, for Poll to print.
        private bool _replied;
        private long _replyRtt;
        private int _replyTtl;
        private int _replyBytes;

        /// <summary>True from Start until the statistics are printed.</summary>
        public bool Active { get; private set; }

        /// <summary>The source address of the echo requests (the WAN address without -a).</summary>
        public uint Source { get; private set; }

        /// <summary>True when the requests go through the ESP policy lookup (-a given), false: out of the ICMP socket.</summary>
        public bool ThroughTunnel { get; private set; }

        /// <summary>The host pinged.</summary>
        public uint Destination { get; private set; }

        /// <summary>Sequence number of the last request built (1 for the first).</summary>
        public int Sequence
        {
            get { return _sent; }
        }

        /// <summary>The echo identifier of this ping.</summary>
        public ushort Identifier
        {
            get { return _identifier; }
        }

        /// <summary>Replies received so far.</summary>
        public int Received
        {
            get { return _received; }
        }

        /// <summary>Begins <paramref name="request"/> from <paramref name="source"/>; its lines go to <paramref name="output"/>.</summary>
        public void Start(PingRequest request, uint source, bool throughTunnel, IRandomSource random, ILineWriter output)
        {
            _request = request;
            _out = output;
            Source = source;
            Destination = request.Destination;
            ThroughTunnel = throughTunnel;
            byte[] id = new byte[2];
            random.Fill(id, 0, 2);
            _identifier = BigEndian.ReadUInt16(id, 0);
            _ipId = _identifier;
            _sent = 0;
            _received = 0;
            _inFlight = false;
            _replied = false;
            _minRtt = long.MaxValue;
            _maxRtt = 0;
            _sumRtt = 0;
            Active = true;
            _out.WriteLine("  PING " + Ipv4.Format(request.Destination) + " from " + Ipv4.Format(source) + ": "
                + request.Size.ToString() + " data bytes");
        }

        /// <summary>True when the next echo request should be built and sent now.</summary>
        public bool IsDue(long nowMs)
        {
            return Active && !_inFlight && _sent < _request.Count && (_sent == 0 || nowMs - _sentAtMs >= IntervalMs);
        }

        /// <summary>
        /// Writes the next echo request (an IPv4 packet, RFC 791/792) at <paramref name="offset"/> and
        /// returns its length; the request counts as sent at <paramref name="nowMs"/>.
        /// </summary>
        public int Build(byte[] b, int offset, long nowMs)
        {
            _sent++;
            _sentAtMs = nowMs;
            _inFlight = true;
            int total = PingRequest.HeaderBytes + _request.Size;
            b[offset] = 0x45; // version 4, IHL 5
            b[offset + 1] = 0;
            BigEndian.WriteUInt16(b, offset + 2, (ushort)total);
            BigEndian.WriteUInt16(b, offset + 4, _ipId++);
            b[offset + 6] = 0x40; // DF: an echo that does not fit is refused, not fragmented
            b[offset + 7] = 0;
            b[offset + 8] = 64; // TTL
            b[offset + 9] = IcmpProtocol;
            b[offset + 10] = 0;
            b[offset + 11] = 0;
            Ipv4.Write(b, offset + 12, Source);
            Ipv4.Write(b, offset + 16, Destination);
            BigEndian.WriteUInt16(b, offset + 10, Checksum(b, offset, IpHeader));
            int icmp = offset + IpHeader;
            b[icmp] = EchoRequest;
            b[icmp + 1] = 0;
            b[icmp + 2] = 0;
            b[icmp + 3] = 0;
            BigEndian.WriteUInt16(b, icmp + 4, _identifier);
            BigEndian.WriteUInt16(b, icmp + 6, (ushort)_sent);
            for (int i = 0; i < _request.Size; i++)
            {
                b[icmp + 8 + i] = (byte)(i + _sent);
            }

            BigEndian.WriteUInt16(b, icmp + 2, Checksum(b, icmp, total - IpHeader));
            return total;
        }

        /// <summary>
        /// The IPv4 packet at <paramref name="offset"/>: true when it is the reply to the request in
        /// flight (recorded for <see cref="Poll"/>; the caller does not forward it). Allocation-free.
        /// </summary>
        [FastPath]
        public bool TakeReply(byte[] b, int offset, int count, long nowMs)
        {
            if (!Active || count < PingRequest.HeaderBytes || b[offset] != 0x45 || b[offset + 9] != IcmpProtocol)
            {
                return false;
            }

            int icmp = offset + IpHeader;
            if (b[icmp] != EchoReply || BigEndian.ReadUInt16(b, icmp + 4) != _identifier
                || Ipv4.Read(b, offset + 16) != Source || Ipv4.Read(b, offset + 12) != Destination)
            {
                return false;
            }

            // Ours: consumed even when late, duplicated or damaged (it is no LAN host's either).
            if (_inFlight && !_replied && BigEndian.ReadUInt16(b, icmp + 6) == (ushort)_sent
                && BigEndian.ReadUInt16(b, offset + 2) == count && Checksum(b, icmp, count - IpHeader) == 0)
            {
                _replied = true;
                _replyRtt = nowMs - _sentAtMs;
                _replyTtl = b[offset + 8];
                _replyBytes = count - PingRequest.HeaderBytes;
            }

            return true;
        }

        /// <summary>Prints a recorded reply or a timeout, and the statistics after the last; returns 1 when it printed.</summary>
        public int Poll(long nowMs)
        {
            if (!Active)
            {
                return 0;
            }

            int work = 0;
            if (_inFlight && _replied)
            {
                _inFlight = false;
                _replied = false;
                _received++;
                _sumRtt += _replyRtt;
                _minRtt = _replyRtt < _minRtt ? _replyRtt : _minRtt;
                _maxRtt = _replyRtt > _maxRtt ? _replyRtt : _maxRtt;
                _out.WriteLine("    Reply from " + Ipv4.Format(Destination) + ": bytes=" + _replyBytes.ToString()
                    + " Sequence=" + _sent.ToString() + " ttl=" + _replyTtl.ToString() + " time=" + _replyRtt.ToString() + " ms");
                work = 1;
            }
            else if (_inFlight && nowMs - _sentAtMs >= _request.TimeoutMs)
            {
                _inFlight = false;
                _out.WriteLine("    Request time out");
                work = 1;
            }

            if (!_inFlight && _sent == _request.Count)
            {
                Finish();
                work = 1;
            }

            return work;
        }

        /// <summary>The request in flight could not be sent (no slot, the board refused it): it counts as lost at its timeout.</summary>
        public void NotSent(string why)
        {
            _out.WriteLine("    Request " + _sent.ToString() + " not sent: " + why);
        }

        private void Finish()
        {
            Active = false;
            _out.WriteLine("  --- " + Ipv4.Format(Destination) + " ping statistics ---");
            _out.WriteLine("    " + _sent.ToString() + " packet(s) transmitted");
            _out.WriteLine("    " + _received.ToString() + " packet(s) received");
            int lossHundredths = (int)((long)(_sent - _received) * 10000 / _sent);
            string fraction = (lossHundredths % 100).ToString();
            _out.WriteLine("    " + (lossHundredths / 100).ToString() + "." + (fraction.Length == 1 ? "0" + fraction : fraction) + "% packet loss");
            if (_received > 0)
            {
                _out.WriteLine("    round-trip min/avg/max = " + _minRtt.ToString() + "/" + (_sumRtt / _received).ToString() + "/"
                    + _maxRtt.ToString() + " ms");
            }

            _out = null;
            _request = null;
        }

        /// <summary>The Internet checksum (RFC 1071) over <paramref name="count"/> bytes; 0 over a range holding a correct one.</summary>
        [FastPath]
        private static ushort Checksum(byte[] b, int offset, int count)
        {
            uint sum = 0;
            int i = 0;
            for (; i + 1 < count; i += 2)
            {
                sum += (uint)((b[offset + i] << 8) | b[offset + i + 1]);
            }

            if (i < count)
            {
                sum += (uint)b[offset + i] << 8;
            }

            while (sum > 0xFFFF)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (ushort)~sum;
        }
    }
}
