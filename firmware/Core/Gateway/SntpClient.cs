using NanoGate.Hal;

namespace NanoGate.Firmware.Gateway
{
    // SNTP client (RFC 4330 §5, unicast), over the board's services socket:
    //
    //  request   48 bytes: LI 0, VN 4, Mode 3 (client); Transmit Timestamp = 8 random bytes, which
    //            the server must echo as Originate Timestamp (§5: how a client knows the reply is
    //            the answer to its request, not a spoofed or stale datagram).
    //  reply     from the server's address and port 123, Mode 4 (server), Stratum 1-15 (0 is a
    //            kiss-o'-death, §8), a non-zero Transmit Timestamp: seconds since 1900 + fraction.
    //  time      the server's transmit time plus half the round trip (§5's simple offset).
    //
    // Polls every 64 s until the first answer, then every 1024 s (§10: never more often than 15 s).

    /// <summary>Sets <see cref="WallClock"/> from an NTP server (<c>ntp-service unicast-server</c>).</summary>
    public sealed class SntpClient
    {
        /// <summary>The NTP port (RFC 4330 §4).</summary>
        public const int Port = 123;

        /// <summary>Poll interval until the clock is set.</summary>
        public const long RetryMs = 64000;

        /// <summary>Poll interval once set.</summary>
        public const long IntervalMs = 1024000;

        private const int Length = 48;
        private const long SecondsFrom1900To1970 = 2208988800;

        private readonly IDatagramTransport _udp;
        private readonly IRandomSource _random;
        private readonly WallClock _clock;
        private readonly byte[] _request = new byte[Length];
        private readonly byte[] _reply = new byte[512];
        private readonly byte[] _nonce = new byte[8];
        private uint _server;
        private long _nextMs;
        private long _sentAtMs = -1;

        /// <summary>A client on <paramref name="udp"/> (null: none) setting <paramref name="clock"/>.</summary>
        public SntpClient(IDatagramTransport udp, IRandomSource random, WallClock clock)
        {
            _udp = udp;
            _random = random;
            _clock = clock;
        }

        /// <summary>Requests sent.</summary>
        public int Requests { get; private set; }

        /// <summary>Answers that set the clock.</summary>
        public int Answers { get; private set; }

        /// <summary>Datagrams refused (not from the server, not an answer to our request, a kiss-o'-death).</summary>
        public int Refused { get; private set; }

        /// <summary>The server (0: none); a new one is asked at once.</summary>
        public void Configure(uint server, long nowMs)
        {
            if (server != _server)
            {
                _server = server;
                _nextMs = nowMs;
                _sentAtMs = -1;
            }
        }

        /// <summary>One pass: the answers waiting, then a request when one is due. Returns the datagrams handled.</summary>
        public int Poll(long nowMs)
        {
            // Nothing to do (and no receive call on the run loop's pass) without a server.
            if (_udp == null || _server == 0)
            {
                return 0;
            }

            int work = 0;
            int n;
            uint from;
            int fromPort;
            while (_sentAtMs >= 0 && (n = _udp.Receive(_reply, 0, _reply.Length, out from, out fromPort)) > 0)
            {
                work++;
                Answer(n, from, fromPort, nowMs);
            }

            if (nowMs >= _nextMs)
            {
                _random.Fill(_nonce, 0, _nonce.Length);
                System.Array.Clear(_request, 0, Length);
                _request[0] = (0 << 6) | (4 << 3) | 3;
                System.Array.Copy(_nonce, 0, _request, 40, 8);
                _udp.Send(_request, 0, Length, _server, Port);
                Requests++;
                _sentAtMs = nowMs;
                _nextMs = nowMs + RetryMs;
                work++;
            }

            return work;
        }

        private void Answer(int n, uint from, int fromPort, long nowMs)
        {
            if (from != _server || fromPort != Port || n < Length || _sentAtMs < 0 || (_reply[0] & 7) != 4 || _reply[1] == 0 || _reply[1] > 15)
            {
                Refused++;
                return;
            }

            for (int i = 0; i < 8; i++)
            {
                if (_reply[24 + i] != _nonce[i])
                {
                    Refused++;
                    return;
                }
            }

            long seconds = BigEndian.ReadUInt32(_reply, 40);
            uint fraction = BigEndian.ReadUInt32(_reply, 44);
            if (seconds == 0)
            {
                Refused++;
                return;
            }

            // Era 0 ends in 2036 (RFC 4330 §3): a seconds value with the top bit clear is era 1.
            if (seconds < 0x80000000L)
            {
                seconds += 0x100000000L;
            }

            long unixMs = ((seconds - SecondsFrom1900To1970) * 1000) + (long)(((ulong)fraction * 1000) >> 32);
            _clock.Set(nowMs, unixMs + ((nowMs - _sentAtMs) / 2), Ipv4.Format(from));
            Answers++;
            _sentAtMs = -1;
            _nextMs = nowMs + IntervalMs;
        }
    }
}
