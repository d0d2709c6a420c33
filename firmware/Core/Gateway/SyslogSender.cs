using System.Text;
using NanoGate.Hal;

namespace NanoGate.Firmware.Gateway
{
    // Syslog export (info-center loghost A.B.C.D [port N]), RFC 5424 over UDP (RFC 5426):
    //
    //   <PRI>1 TIMESTAMP HOSTNAME nanogate - MSGID - MSG
    //
    //  PRI      facility local0 (16) * 8 + severity: 3 (err) for error records, 5 (notice) for
    //           tunnels that went down (offline records).
    //  TIMESTAMP UTC with milliseconds once SNTP set the clock (WallClock), else "-" (RFC 5424
    //           §6.2.3 NILVALUE: no battery-backed clock); MSG starts with the uptime stamp either way.
    //  HOSTNAME the sysname; MSGID IKE.
    //
    // One datagram per record through the board's Services socket; a lost one is lost (RFC 5426
    // §3.2: UDP transport gives no delivery guarantee), and nothing is sent without a loghost.

    /// <summary>Sends the gateway's error and offline records to a syslog receiver.</summary>
    public sealed class SyslogSender : ILineWriter
    {
        /// <summary>The syslog port (RFC 5426 §3.3).</summary>
        public const int DefaultPort = 514;

        /// <summary>Severity of error records (RFC 5424 §6.2.1: error conditions).</summary>
        public const int Error = 3;

        /// <summary>Severity of offline records (normal but significant condition).</summary>
        public const int Notice = 5;

        private const int Local0 = 16;

        private readonly IDatagramTransport _udp;
        private readonly WallClock _wall;
        private readonly IMonotonicClock _clock;
        private uint _host;
        private int _port = DefaultPort;
        private string _hostname = "NanoGate";

        /// <summary>Sends through <paramref name="udp"/> (null: the board has no socket for it; nothing is sent).</summary>
        public SyslogSender(IDatagramTransport udp, WallClock wall, IMonotonicClock clock)
        {
            _udp = udp;
            _wall = wall;
            _clock = clock;
        }

        /// <summary>Datagrams sent.</summary>
        public int Sent { get; private set; }

        /// <summary>The receiver (0: none) and the hostname the messages carry; from the applied configuration.</summary>
        public void Configure(uint host, int port, string hostname)
        {
            _host = host;
            _port = port > 0 ? port : DefaultPort;
            _hostname = hostname == null || hostname.Length == 0 ? "NanoGate" : hostname;
        }

        /// <summary>An error record (ILineWriter: the debug log's export of error records).</summary>
        public void WriteLine(string line)
        {
            Send(Error, line);
        }

        /// <summary>One message of <paramref name="severity"/>; false when not sent (no loghost, no socket).</summary>
        public bool Send(int severity, string text)
        {
            if (_udp == null || _host == 0)
            {
                return false;
            }

            string stamp = _wall != null && _wall.IsSet && _clock != null ? WallClock.Format(_wall.UnixMs(_clock.NowMs)) : "-";
            string message = "<" + ((Local0 * 8) + severity).ToString() + ">1 " + stamp + " " + _hostname + " nanogate - IKE - " + text;
            byte[] b = Encoding.UTF8.GetBytes(message);
            if (!_udp.Send(b, 0, b.Length, _host, _port))
            {
                return false;
            }

            Sent++;
            return true;
        }
    }
}
