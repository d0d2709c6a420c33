using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Issue 16 on two sim gateways keyed by IKE (the branch gwA behind a NAPT initiates, the head
/// office gwB answers): what display ike sa and display ike statistics say, reset ike sa of a
/// phase 2 row, packet debugging, and the operator's tools (tunnel initiate/terminate/rekey,
/// reset ike statistics, display ike offline-info, display version) as console sessions.
/// </summary>
public sealed class OperatorTrustTests
{
    private readonly ManualClock _clock = new();
    private readonly SimNetwork _net;
    private readonly StringWriter _warnings = new();
    private readonly SimGateway _a;
    private readonly SimGateway _b;
    private readonly IkeKeyExchange _ikeA;
    private readonly IkeKeyExchange _ikeB;

    public OperatorTrustTests()
    {
        _net = new SimNetwork(_clock, new DeterministicRandom(7));
        _net.AddNat("branch", ManualKeys.Ip("198.51.100.1"), ManualKeys.Ip("192.168.1.0"), 24, NatPortMode.Change);
        _a = new SimGateway(_net, "gwA", ManualKeys.Ip("192.168.1.2"), 1,
            SimGateway.Config("gwA", "192.168.1.2/24", "192.168.1.1", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24"), _warnings);
        _b = new SimGateway(_net, "gwB", ManualKeys.Ip("203.0.113.2"), 2,
            SimGateway.Config("gwB", "203.0.113.2/24", "203.0.113.1", "10.2.0.1/24", "198.51.100.1", "10.2.0.0/24", "10.1.0.0/24"), _warnings);
        _ikeA = new IkeKeyExchange(_a.Node);
        _a.Node.KeyExchange = _ikeA;
        _ikeB = new IkeKeyExchange(_b.Node);
        _b.Node.KeyExchange = _ikeB;
        _a.Node.Start(_clock.NowMs);
        _b.Node.Start(_clock.NowMs);
    }

    private void Pump(int ms)
    {
        for (int i = 0; i < ms; i++)
        {
            _a.Node.RunOnce(_clock.NowMs);
            _b.Node.RunOnce(_clock.NowMs);
            _net.Poll();
            _clock.Advance(1);
        }
    }

    /// <summary>gwA starts the tunnel (tunnel initiate) and both ends hold its SAs.</summary>
    private void BringUp()
    {
        Assert.Contains("Info: Negotiating tunnel to-peer", _a.Console("tunnel initiate to-peer"));
        Pump(3000);
        Assert.Equal(1UL, _ikeA.Statistics.Phase2Established);
        Assert.Equal(1UL, _ikeB.Statistics.Phase2Established);
    }

    private static IIkeSaView Row(IkeKeyExchange ike, int phase)
    {
        for (int i = 0; i < ike.SaCount; i++)
        {
            IIkeSaView row = ike.GetSa(i);
            if (row.Phase == phase)
            {
                return row;
            }
        }

        throw new InvalidOperationException("no phase " + phase + " row");
    }

    [Fact]
    public void ST_marks_only_the_SAs_this_end_initiated()
    {
        BringUp();
        Assert.Equal(IkeSaFlags.Ready | IkeSaFlags.StayAlive, Row(_ikeA, 1).Flags);
        Assert.Equal(IkeSaFlags.Ready | IkeSaFlags.StayAlive, Row(_ikeA, 2).Flags);
        Assert.Equal(IkeSaFlags.Ready, Row(_ikeB, 1).Flags);
        Assert.Equal(IkeSaFlags.Ready, Row(_ikeB, 2).Flags);
        Assert.Contains("RD|ST", _a.Console("display ike sa"));
        Assert.DoesNotContain("RD|ST", _b.Console("display ike sa"));
    }

    [Fact]
    public void Reset_ike_sa_takes_the_conn_id_of_a_phase_2_row()
    {
        BringUp();
        int connId = Row(_ikeA, 2).ConnId;
        Assert.Contains("    " + connId + " ", _a.Console("display ike sa"));
        string said = _a.Console("reset ike sa " + connId);
        Assert.Equal("Info: 1 IKE SA(s) deleted.\n", said);
        Pump(100);

        // The pair is gone at both ends (the peer got the Delete); phase 1 stays.
        Assert.Equal(0u, FirstOutboundSpi(_a));
        Assert.Equal(0u, FirstOutboundSpi(_b));
        Assert.Equal(1, _ikeA.SaCount);
        Assert.Equal(1, Row(_ikeA, 1).Phase);
        Assert.Contains("Error: No IKE SA with connection ID 4242.", _a.Console("reset ike sa 4242"));
    }

    [Fact]
    public void Quick_mode_and_informational_messages_count_as_sent()
    {
        BringUp();
        _a.Console("tunnel terminate to-peer");
        Pump(100);

        // No datagram is lost in the sim: what one end sent the other received.
        Assert.True(_ikeA.Statistics.PacketsSent >= 6, _ikeA.Statistics.PacketsSent.ToString());
        Assert.Equal(_ikeB.Statistics.PacketsReceived, _ikeA.Statistics.PacketsSent);
        Assert.Equal(_ikeA.Statistics.PacketsReceived, _ikeB.Statistics.PacketsSent);
    }

    [Fact]
    public void DPD_counts_our_acknowledged_probes_apart_from_the_peers_answered_ones()
    {
        BringUp();

        // Both ends probe after 30 idle seconds (the default DPD) and both answer.
        Pump(40000);
        IIkeStatisticsView a = _ikeA.Statistics;
        Assert.True(a.DpdSent > 0);
        Assert.Equal(a.DpdSent, a.DpdAcked);
        Assert.Equal(_ikeB.Statistics.DpdSent, a.DpdAnswered);
        Assert.Contains("  DPD R-U-THERE sent/acked      : " + a.DpdSent + "/" + a.DpdSent + "\n", _a.Console("display ike statistics"));
    }

    [Fact]
    public void Counters_survive_a_configuration_apply_and_reset_ike_statistics_clears_them()
    {
        BringUp();

        // A new WAN address rebuilds the key exchange: the counters go on.
        Assert.Equal("", _a.Console("interface wan address 192.168.1.3/24 gateway 192.168.1.1"));
        Pump(100);
        Assert.Equal(1UL, _ikeA.Statistics.Phase2Established);
        Assert.Equal(1UL, _ikeA.Statistics.Phase2Started);
        Assert.Equal(1UL, _ikeA.Statistics.Phase1Established);

        Assert.Equal("Info: IKE statistics cleared.\n", _a.Console("reset ike statistics"));
        string shown = _a.Console("display ike statistics");
        Assert.Contains("  Packets sent                  : 0\n", shown);
        Assert.Contains("  Phase 1 started/established   : 0/0\n", shown);
        Assert.Contains("  Phase 2 started/established   : 0/0\n", shown);
    }

    [Fact]
    public void Debugging_ikev1_packet_prints_the_datagrams_both_ways()
    {
        var log = new TextBuffer();
        _a.Node.ConsoleOut = log;
        Assert.Equal("", _a.Console("debugging ikev1 packet"));
        BringUp();
        string text = log.ToString();
        Assert.Contains("Ikev1 packet: sent ", text);
        Assert.Contains("to 203.0.113.2:500 (local port 500): main mode, I-cookie ", text);
        Assert.Contains("Ikev1 packet: received ", text);
        Assert.Contains(": quick mode, I-cookie ", text);
        Assert.Contains(", encrypted", text);

        _a.Console("undo debugging");
        log.Clear();
        _a.Console("tunnel terminate to-peer");
        Pump(100);
        Assert.Equal("", log.ToString());
    }

    [Fact]
    public void Tunnel_initiate_terminate_and_rekey_act_on_one_policy()
    {
        Assert.Equal("Error: No ipsec policy nope.\n", _a.Console("tunnel initiate nope"));
        Assert.Equal("Error: Tunnel to-peer is not up (tunnel initiate to-peer starts it).\n", _a.Console("tunnel rekey to-peer"));
        BringUp();
        Assert.Equal("Info: Tunnel to-peer is up already (tunnel rekey to-peer renews its keys).\n", _a.Console("tunnel initiate to-peer"));

        uint before = FirstOutboundSpi(_a);
        Assert.Equal("Info: Rekeying tunnel to-peer: the new SA pair replaces the old one make-before-break.\n", _a.Console("tunnel rekey to-peer"));
        Pump(2000);
        Assert.Equal(1UL, _ikeA.Statistics.Rekeys);
        Assert.NotEqual(before, FirstOutboundSpi(_a));

        Pump(20000);
        Assert.StartsWith("Info: 1 IPsec SA pair(s) of tunnel to-peer deleted (the peer was told).\n",
            _a.Console("tunnel terminate to-peer"));
        Pump(100);
        Assert.Equal(0u, FirstOutboundSpi(_a));
        Assert.Equal(0u, FirstOutboundSpi(_b));
    }

    private static uint FirstOutboundSpi(SimGateway g)
    {
        for (int i = 0; i < g.Node.Esp.Sas.OutboundCapacity; i++)
        {
            NanoGate.Esp.SecurityAssociation? sa = g.Node.Esp.GetOutbound(i);
            if (sa is not null)
            {
                return sa.Spi;
            }
        }

        return 0;
    }

    [Fact]
    public void Display_ike_offline_info_says_when_and_why_a_tunnel_went_down()
    {
        Assert.Equal("  IKE offline records: 0\n", _a.Console("display ike offline-info"));
        BringUp();
        Pump(5000);
        Assert.Equal("Info: 1 IKE SA(s) deleted.\n", _a.Console("reset ike sa"));
        Pump(100);
        string a = _a.Console("display ike offline-info");
        string b = _b.Console("display ike offline-info");
        Assert.StartsWith("  IKE offline records: 1\n  [", a);
        Assert.Matches(@"\] peer peer \(203\.0\.113\.2:4500\) conn-id \d+ down after \d+ s: reset by the operator\n$", a);
        Assert.Matches(@"\] peer peer \(198\.51\.100\.1:\d+\) conn-id \d+ down after \d+ s: deleted by the peer \(Delete or INITIAL-CONTACT\)\n$", b);
    }

    [Fact]
    public void Display_version_names_firmware_build_board_crypto_and_uptime()
    {
        Pump(25000);
        string shown = _a.Console("display version");
        Assert.Equal(
            "NanoGate firmware " + FirmwareVersion.Version + " (IKEv1, ESP)\n" +
            "Build: " + FirmwareVersion.Build + "\n" +
            "Board: sim\n" +
            "Crypto provider: " + _a.Node.Board.Crypto.Name + "\n" +
            "Key exchange: ikev1\n" +
            "Uptime: 0 days 00:00:25\n", shown);
        Assert.Equal("1 day 01:01:05", GatewayRuntime.Uptime(90065));
    }

    [Fact]
    public void Aggressive_mode_against_a_main_mode_peer_is_an_exchange_mode_mismatch()
    {
        Assert.Equal("", _a.Console("ike peer peer"));
        Assert.StartsWith("Warning: Aggressive mode", _a.Console("exchange-mode aggressive"));
        _a.Console("return");
        _a.Console("tunnel initiate to-peer");
        Pump(2000);
        Assert.Contains("Ikev1 error-info record(peer address: 198.51.100.1, error reason: exchange mode mismatch)", _b.Console("display ike error-info"));
        Assert.Contains("ike peer peer (this address) is configured for main mode", _ikeB.GetRecord(0));
        Assert.Equal(1UL, _ikeB.Statistics.Failures(IkeErrorReason.ExchangeModeMismatch));
        Assert.Contains("a wrong ID, or the peer is configured for main mode", _ikeA.GetRecord(0));
    }

    [Fact]
    public void Records_go_to_the_syslog_receiver_of_info_center_loghost()
    {
        SimUdpSocket receiver = _net.Bind(ManualKeys.Ip("203.0.113.9"), 514);
        Assert.Equal("", _a.Console("info-center loghost 203.0.113.9"));
        Assert.Contains("#\ninfo-center loghost 203.0.113.9\n#\n", _a.Console("display current-configuration"));
        BringUp();
        _a.Console("reset ike sa");
        Pump(100);

        var messages = new List<string>();
        byte[] b = new byte[2048];
        int n;
        while ((n = receiver.Receive(b, 0, b.Length, out uint from, out int port)) > 0)
        {
            Assert.Equal(ManualKeys.Ip("198.51.100.1"), from);
            messages.Add(System.Text.Encoding.UTF8.GetString(b, 0, n));
        }

        // RFC 5424: <local0.notice>1, no timestamp (no wall clock), the sysname, the app, MSGID IKE.
        Assert.Single(messages);
        Assert.Matches(@"^<133>1 - gwA nanogate - IKE - offline \[ *\d+\.\d{3}\] peer peer \(203\.0\.113\.2:4500\) conn-id \d+ down after \d+ s: reset by the operator$", messages[0]);
        Assert.Equal(1, _a.Node.Syslog.Sent);

        // Undo: nothing more is sent.
        Assert.Equal("", _a.Console("undo info-center loghost"));
        BringUp2();
        _a.Console("reset ike sa");
        Pump(100);
        Assert.Equal(0, receiver.Receive(b, 0, b.Length, out _, out _));
    }

    private void BringUp2()
    {
        _a.Console("tunnel initiate to-peer");
        Pump(3000);
    }

    /// <summary>An NTP server on the sim internet answering what it receives (RFC 4330 §5) with 2026-12-05T08:00:00Z.</summary>
    private static int ServeNtp(SimUdpSocket server, bool echoOriginate = true)
    {
        byte[] b = new byte[128];
        int answered = 0;
        while (server.Receive(b, 0, b.Length, out uint from, out int port) is int n && n > 0)
        {
            Assert.Equal(48, n);
            Assert.Equal(0x23, b[0]); // LI 0, VN 4, client
            byte[] reply = new byte[48];
            reply[0] = 0x24; // LI 0, VN 4, server
            reply[1] = 2;    // stratum
            if (echoOriginate)
            {
                Array.Copy(b, 40, reply, 24, 8);
            }

            BigEndian.WriteUInt32(reply, 40, 4005446400u);
            server.Send(reply, 0, reply.Length, from, port);
            answered++;
        }

        return answered;
    }

    [Fact]
    public void SNTP_sets_the_clock_that_display_clock_and_syslog_show()
    {
        SimUdpSocket ntp = _net.Bind(ManualKeys.Ip("203.0.113.123"), 123);
        SimUdpSocket syslog = _net.Bind(ManualKeys.Ip("203.0.113.9"), 514);
        Assert.StartsWith("Info: The clock is not set (no ntp-service unicast-server, or no answer yet): records carry the uptime.\nUptime: 0 days 00:00:00",
            _a.Console("display clock"));

        // A reply that does not echo our request's transmit timestamp is not an answer.
        Assert.Equal("", _a.Console("ntp-service unicast-server 203.0.113.123"));
        Pump(50);
        Assert.Equal(1, ServeNtp(ntp, echoOriginate: false));
        Pump(50);
        Assert.False(_a.Node.WallClock.IsSet);
        Assert.Equal(1, _a.Node.Sntp.Refused);

        // The next poll (64 s later) gets a proper answer.
        Pump((int)SntpClient.RetryMs);
        Assert.Equal(1, ServeNtp(ntp));
        Pump(50);
        Assert.True(_a.Node.WallClock.IsSet);
        Assert.Matches(@"^2026-12-05T08:00:00\.0\d\dZ \(UTC, set by SNTP from 203\.0\.113\.123 0 s ago\)\nUptime: 0 days 00:01:04\n$", _a.Console("display clock"));
        Assert.Contains("#\nntp-service unicast-server 203.0.113.123\n", _a.Console("display current-configuration"));

        // Syslog messages now carry the date (RFC 5424 TIMESTAMP).
        _a.Console("info-center loghost 203.0.113.9");
        BringUp();
        _a.Console("reset ike sa");
        Pump(100);
        byte[] b = new byte[2048];
        int got = syslog.Receive(b, 0, b.Length, out _, out _);
        Assert.Matches(@"^<133>1 2026-12-05T08:00:03\.\d{3}Z gwA nanogate - IKE - offline ", System.Text.Encoding.UTF8.GetString(b, 0, got));
    }

    [Fact]
    public void WallClock_formats_RFC_3339_dates()
    {
        Assert.Equal("1970-01-01T00:00:00.000Z", WallClock.Format(0));
        Assert.Equal("2000-02-29T00:00:00.000Z", WallClock.Format(951782400000));
        Assert.Equal("2026-12-05T08:00:00.007Z", WallClock.Format((1796457600L * 1000) + 7));
        Assert.Equal("2036-02-07T06:28:16.999Z", WallClock.Format((2085978496L * 1000) + 999));
    }
}
