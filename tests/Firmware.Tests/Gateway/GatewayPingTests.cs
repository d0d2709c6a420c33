using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Issue 16, <c>ping</c> from the box (<see cref="GatewayPing"/>) as console sessions on two sim gateways keyed by IKE (the
/// branch gwA behind a NAPT, the head office gwB): from the branch's LAN address through the tunnel
/// (VRP <c>ping -a</c>), from the WAN address straight out, no answer, and words that are wrong.
/// </summary>
public sealed class GatewayPingTests
{
    private readonly ManualClock _clock = new();
    private readonly SimNetwork _net;
    private readonly StringWriter _warnings = new();
    private readonly SimGateway _a;
    private readonly SimGateway _b;
    private readonly SimLanHost _hqHost;
    private readonly TypedSerial _serial = new();

    public GatewayPingTests()
    {
        _net = new SimNetwork(_clock, new DeterministicRandom(7));
        _net.AddNat("branch", ManualKeys.Ip("198.51.100.1"), ManualKeys.Ip("192.168.1.0"), 24, NatPortMode.Change);
        _a = new SimGateway(_net, "gwA", ManualKeys.Ip("192.168.1.2"), 1,
            SimGateway.Config("gwA", "192.168.1.2/24", "192.168.1.1", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24"), _warnings,
            profile: board => { board.Console = _serial; board.ConsolePrompt = false; });
        _b = new SimGateway(_net, "gwB", ManualKeys.Ip("203.0.113.2"), 2,
            SimGateway.Config("gwB", "203.0.113.2/24", "203.0.113.1", "10.2.0.1/24", "198.51.100.1", "10.2.0.0/24", "10.1.0.0/24"), _warnings);
        _a.Node.KeyExchange = new IkeKeyExchange(_a.Node);
        _b.Node.KeyExchange = new IkeKeyExchange(_b.Node);
        _hqHost = _b.Board.Lan.AddHost(ManualKeys.Ip("10.2.0.5"));
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

    private void BringUp()
    {
        Assert.Contains("Info: Negotiating tunnel to-peer", _a.Console("tunnel initiate to-peer"));
        Pump(3000);
        Assert.Equal(1UL, ((IkeKeyExchange)_a.Node.KeyExchange!).Statistics.Phase2Established);
    }

    /// <summary>Starts a ping on gwA and runs both gateways until it has printed its statistics; returns all it printed.</summary>
    private string PingFromBranch(string line, int maxMs = 60000)
    {
        var output = new TextBuffer();
        bool started = _a.Node.ExecuteLine(line, _clock.NowMs, output);
        Assert.True(started, output.ToString());
        Assert.True(_a.Node.ConsoleBusy);
        Assert.True(_a.Node.Cli.Busy);
        long until = _clock.NowMs + maxMs;
        while (_a.Node.ConsoleBusy && _clock.NowMs < until)
        {
            Pump(1);
        }

        Assert.False(_a.Node.ConsoleBusy, "ping did not end: " + output);
        return output.ToString();
    }

    [Fact]
    public void Ping_from_the_branch_LAN_address_goes_through_the_tunnel_and_the_replies_stay_on_the_box()
    {
        BringUp();
        long deliveredBefore = _a.Node.Counters.InboundDelivered;
        int wireBefore = _net.Tap.Count;

        string output = PingFromBranch("ping -a 10.1.0.1 -c 3 10.2.0.5");

        Assert.StartsWith("  PING 10.2.0.5 from 10.1.0.1: 56 data bytes\n", output);
        for (int seq = 1; seq <= 3; seq++)
        {
            Assert.Matches($"    Reply from 10.2.0.5: bytes=56 Sequence={seq} ttl=64 time=\\d+ ms\n", output);
        }

        Assert.Contains("    3 packet(s) transmitted\n    3 packet(s) received\n    0.00% packet loss\n    round-trip min/avg/max = ", output);

        // The head office's host answered the branch's LAN address; the answers were the box's own,
        // not delivered to the branch LAN (where no host 10.1.0.1 exists to take them).
        Assert.Equal(3, _hqHost.Answered);
        Assert.Equal(deliveredBefore, _a.Node.Counters.InboundDelivered);
        Assert.Equal(0, _a.Board.Lan.Undeliverable);

        // On the internet only ESP in UDP 4500 went: no plain ICMP between the sites.
        var wire = _net.Tap.Skip(wireBefore).Where(r => r.Link == "internet").ToList();
        Assert.NotEmpty(wire);
        Assert.All(wire, r => Assert.True(r.Source.Port == 4500 || r.Destination.Port == 4500, r.ToString()));
    }

    [Fact]
    public void The_first_echo_starts_the_negotiation_and_the_next_ones_are_answered()
    {
        string output = PingFromBranch("ping -a 10.1.0.1 -c 5 10.2.0.5");

        Assert.Contains("    Request time out\n", output);
        Assert.Matches("    Reply from 10.2.0.5: bytes=56 Sequence=5 ttl=64 time=\\d+ ms\n", output);
        Assert.Contains("    5 packet(s) transmitted\n", output);
        Assert.Equal(1UL, ((IkeKeyExchange)_a.Node.KeyExchange!).Statistics.Phase2Established);
    }

    [Fact]
    public void No_answer_is_100_percent_loss_after_each_timeout()
    {
        BringUp();
        long start = _clock.NowMs;

        string output = PingFromBranch("ping -a 10.1.0.1 -c 2 -t 700 10.2.0.99");

        Assert.Equal(
            "  PING 10.2.0.99 from 10.1.0.1: 56 data bytes\n" +
            "    Request time out\n" +
            "    Request time out\n" +
            "  --- 10.2.0.99 ping statistics ---\n" +
            "    2 packet(s) transmitted\n" +
            "    0 packet(s) received\n" +
            "    100.00% packet loss\n",
            output);
        Assert.InRange(_clock.NowMs - start, 2 * 700, 2 * 700 + 50);
    }

    [Fact]
    public void A_destination_no_policy_protects_is_said_and_lost()
    {
        BringUp();
        string output = PingFromBranch("ping -a 10.1.0.1 -c 1 -t 300 172.16.0.1");
        Assert.Contains("    Request 1 not sent: no ipsec policy protects 10.1.0.1 -> 172.16.0.1\n", output);
        Assert.Contains("    100.00% packet loss\n", output);
    }

    [Fact]
    public void Golden_output_of_a_ping_through_the_tunnel()
    {
        BringUp();
        // 3 ms each way on the wire, and each gateway takes the datagram at its next pass (1 ms
        // later in Pump): 8 ms from the request leaving gwA to gwA reading the reply.
        _net.Faults.DelayMs = 3;

        string output = PingFromBranch("ping -a 10.1.0.1 -c 2 -s 100 10.2.0.5");

        Assert.Equal(
            "  PING 10.2.0.5 from 10.1.0.1: 100 data bytes\n" +
            "    Reply from 10.2.0.5: bytes=100 Sequence=1 ttl=64 time=8 ms\n" +
            "    Reply from 10.2.0.5: bytes=100 Sequence=2 ttl=64 time=8 ms\n" +
            "  --- 10.2.0.5 ping statistics ---\n" +
            "    2 packet(s) transmitted\n" +
            "    2 packet(s) received\n" +
            "    0.00% packet loss\n" +
            "    round-trip min/avg/max = 8/8/8 ms\n",
            output);
    }

    [Fact]
    public void Ping_without_source_goes_from_the_WAN_address_straight_out()
    {
        string output = PingFromBranch("ping -c 2 203.0.113.2");

        Assert.StartsWith("  PING 203.0.113.2 from 192.168.1.2: 56 data bytes\n", output);
        Assert.Matches("    Reply from 203.0.113.2: bytes=56 Sequence=2 ttl=64 time=\\d+ ms\n", output);
        Assert.Contains("    2 packet(s) received\n", output);
        Assert.Equal(2, _b.Board.Icmp.Answered);
        Assert.Equal(0UL, ((IkeKeyExchange)_a.Node.KeyExchange!).Statistics.Phase1Established);
    }

    [Theory]
    [InlineData("ping", "Error: Incomplete command")]
    [InlineData("ping -a 10.1.0.1 10.2.0.300", "Error: '10.2.0.300' is not a host's IPv4 address (A.B.C.D; names are not resolved).")]
    [InlineData("ping -a 10.1.0.1 hq.example", "Error: 'hq.example' is not a host's IPv4 address (A.B.C.D; names are not resolved).")]
    [InlineData("ping -a 10.1.0.1 -c 0 10.2.0.5", "Error: -c '0' is out of range (1-1000 echo requests).")]
    [InlineData("ping -a 10.1.0.1 -c 99999999999999 10.2.0.5", "Error: -c '99999999999999' is out of range (1-1000 echo requests).")]
    [InlineData("ping -a 10.1.0.1 -s 70000 10.2.0.5", "Error: -s '70000' is out of range (20-1472 data bytes: one echo must fit this board's MTU unfragmented).")]
    [InlineData("ping -a 10.1.0.1 -s 1473 10.2.0.5", "Error: -s '1473' is out of range (20-1472 data bytes: one echo must fit this board's MTU unfragmented).")]
    [InlineData("ping -a 10.1.0.1 -t -5 10.2.0.5", "Error: -t '-5' is out of range (1-65535 ms).")]
    [InlineData("ping -a 10.1.0.1 -c", "Error: -c needs a value.")]
    [InlineData("ping -x 1 10.2.0.5", "Error: Unknown option '-x' (ping [-a SOURCE-IP] [-c COUNT] [-s SIZE] [-t TIMEOUT-MS] HOST).")]
    [InlineData("ping -a 10.1.0.1 -c 2", "Error: No host to ping (ping [-a SOURCE-IP] [-c COUNT] [-s SIZE] [-t TIMEOUT-MS] HOST).")]
    [InlineData("ping 10.2.0.5 10.2.0.6", "Error: One host only: '10.2.0.6' follows 10.2.0.5.")]
    [InlineData("ping -a 999.1.1.1 10.2.0.5", "Error: -a '999.1.1.1' is not an IPv4 address.")]
    [InlineData("ping -a 192.0.2.9 10.2.0.5", "Error: -a 192.0.2.9 is neither the LAN address nor inside an ipsec policy's local-subnet.")]
    public void Wrong_words_are_refused_with_a_clear_error_and_nothing_is_sent(string line, string error)
    {
        int wire = _net.Tap.Count;
        var output = new TextBuffer();
        Assert.False(_a.Node.ExecuteLine(line, _clock.NowMs, output));
        Assert.Contains(error, output.ToString());
        Assert.False(_a.Node.ConsoleBusy);
        Pump(10);
        Assert.Equal(wire, _net.Tap.Count);
    }

    [Fact]
    public void One_ping_at_a_time_and_the_console_takes_lines_again_after_it()
    {
        BringUp();
        var first = new TextBuffer();
        Assert.True(_a.Node.ExecuteLine("ping -a 10.1.0.1 -c 2 10.2.0.5", _clock.NowMs, first));
        Assert.Equal("Error: A ping is running; wait for its statistics.\n", _a.Console("ping -a 10.1.0.1 10.2.0.5"));
        Pump(3000);
        Assert.False(_a.Node.ConsoleBusy);
        Assert.Contains("2 packet(s) received", first.ToString());
        Assert.Contains("Sequence=", PingFromBranch("ping -a 10.1.0.1 -c 1 10.2.0.5"));
    }

    [Fact]
    public void On_the_serial_console_a_line_typed_during_a_ping_runs_after_its_statistics()
    {
        BringUp();
        _serial.Type("ping -a 10.1.0.1 -c 2 10.2.0.5\rdisplay clock\r");
        Pump(1);
        Assert.True(_a.Node.ConsoleBusy);
        Pump(3000);
        Assert.False(_a.Node.ConsoleBusy);

        string shown = _serial.Shown;
        int statistics = shown.IndexOf("  --- 10.2.0.5 ping statistics ---", StringComparison.Ordinal);
        int clock = shown.IndexOf("Uptime:", StringComparison.Ordinal);
        Assert.True(statistics > 0, shown);
        Assert.Contains("    2 packet(s) received", shown);
        Assert.True(clock > statistics, shown);
    }

    /// <summary>A UART: what the test types, and what the console wrote.</summary>
    private sealed class TypedSerial : ISerialPort
    {
        private readonly Queue<byte> _typed = new();
        private readonly MemoryStream _shown = new();

        public string Shown => System.Text.Encoding.UTF8.GetString(_shown.ToArray());

        public void Type(string text)
        {
            foreach (byte b in System.Text.Encoding.UTF8.GetBytes(text))
            {
                _typed.Enqueue(b);
            }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && _typed.Count > 0)
            {
                buffer[offset + n++] = _typed.Dequeue();
            }

            return n;
        }

        public void Write(byte[] buffer, int offset, int count) => _shown.Write(buffer, offset, count);
    }
}
