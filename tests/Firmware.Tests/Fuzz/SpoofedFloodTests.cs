using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using NanoGate.Firmware.Tests.Gateway;
using NanoGate.Hal;
using NanoGate.Ike;
using Xunit.Abstractions;

namespace NanoGate.Firmware.Tests.Fuzz;

/// <summary>
/// Issue #13's flood: the head office (gwB) takes 10,000 spoofed first messages per simulated
/// second, main mode 1 and aggressive mode 1 (the latter naming its dynamic "mobile" peer, so each
/// would cost a Diffie-Hellman), from random source addresses, while an existing tunnel to a branch
/// behind a NAT (gwA) carries pings both ways and a second branch (gwC, fixed address) negotiates a
/// new tunnel. The new tunnel comes up, the existing one loses nothing, and the responder's
/// Diffie-Hellman operations stay within their per-second budget.
/// </summary>
public sealed class SpoofedFloodTests
{
    private const int Step = 10;
    private const int FloodPerStep = 100; // 10,000 per simulated second
    private readonly ManualClock _clock = new();
    private readonly SimNetwork _net;
    private readonly SimGateway _a, _b, _c, _mobile;
    private readonly IkeKeyExchange _ikeA, _ikeB, _ikeC;
    private readonly SimLanHost _hostA, _hostB, _hostC, _hostMobile;

    private readonly ITestOutputHelper _output;

    public SpoofedFloodTests(ITestOutputHelper output)
    {
        _output = output;
        _net = new SimNetwork(_clock, new DeterministicRandom(13)) { Recording = true };
        _net.AddNat("branch", Ip("198.51.100.1"), Ip("192.168.1.0"), 24, NatPortMode.Change);
        _a = new SimGateway(_net, "gwA", Ip("192.168.1.2"), 1,
            Branch("gwA", "192.168.1.2/24", "192.168.1.1", "10.1.0.1/24", "10.1.0.0/24", ""), TextWriter.Null);
        _c = new SimGateway(_net, "gwC", Ip("203.0.113.3"), 3,
            Branch("gwC", "203.0.113.3/24", "203.0.113.1", "10.3.0.1/24", "10.3.0.0/24", ""), TextWriter.Null);
        _mobile = new SimGateway(_net, "gwM", Ip("203.0.113.9"), 4,
            Branch("gwM", "203.0.113.9/24", "203.0.113.1", "10.9.0.1/24", "10.9.0.0/24",
                " exchange-mode aggressive\n local-id fqdn mobile.example"), TextWriter.Null);
        _b = new SimGateway(_net, "gwB", Ip("203.0.113.2"), 2, HeadOffice, TextWriter.Null);
        _ikeA = new IkeKeyExchange(_a.Node);
        _a.Node.KeyExchange = _ikeA;
        _ikeB = new IkeKeyExchange(_b.Node);
        _b.Node.KeyExchange = _ikeB;
        _ikeC = new IkeKeyExchange(_c.Node);
        _c.Node.KeyExchange = _ikeC;
        _mobile.Node.KeyExchange = new IkeKeyExchange(_mobile.Node);
        _hostA = _a.Board.Lan.AddHost(Ip("10.1.0.10"));
        _hostB = _b.Board.Lan.AddHost(Ip("10.2.0.20"));
        _hostC = _c.Board.Lan.AddHost(Ip("10.3.0.30"));
        _hostMobile = _mobile.Board.Lan.AddHost(Ip("10.9.0.90"));
    }

    private const string HeadOffice = """
        sysname gwB
        interface wan address 203.0.113.2/24 gateway 203.0.113.1
        interface lan address 10.2.0.1/24
        ike proposal 10
        ike peer branch
         pre-shared-key simple fake-test-key
         remote-address 198.51.100.1
         ike-proposal 10
        ike peer shop
         pre-shared-key simple fake-test-key
         remote-address 203.0.113.3
         ike-proposal 10
        ike peer mobile
         pre-shared-key simple fake-test-key
         remote-address 0.0.0.0/0
         exchange-mode aggressive
         remote-id fqdn mobile.example
         ike-proposal 10
        ipsec proposal p1
        ipsec policy to-branch
         ike-peer branch
         proposal p1
         local-subnet 10.2.0.0/24
         remote-subnet 10.1.0.0/24
        ipsec policy to-shop
         ike-peer shop
         proposal p1
         local-subnet 10.2.0.0/24
         remote-subnet 10.3.0.0/24
        ipsec policy to-mobile
         ike-peer mobile
         proposal p1
         local-subnet 10.2.0.0/24
         remote-subnet 10.9.0.0/24
        """;

    private static string Branch(string sysname, string wan, string gateway, string lan, string localNet, string peerExtra) =>
        $"""
        sysname {sysname}
        interface wan address {wan} gateway {gateway}
        interface lan address {lan}
        ike proposal 10
        ike peer hq
         pre-shared-key simple fake-test-key
         remote-address 203.0.113.2
         ike-proposal 10
        {peerExtra}
        ipsec proposal p1
        ipsec policy to-hq
         ike-peer hq
         proposal p1
         local-subnet {localNet}
         remote-subnet 10.2.0.0/24
        """;

    [Fact]
    public void Ten_thousand_spoofed_first_messages_a_second_neither_block_a_new_tunnel_nor_cost_the_existing_one_a_packet()
    {
        // Templates: a real MM1 (gwC's first attempt, dropped here) and a real AM1 naming "mobile".
        byte[] mm1 = FirstMessageFrom(_c, _hostC);
        byte[] am1 = FirstMessageFrom(_mobile, _hostMobile);
        Assert.Equal(2, mm1[18]); // Identity Protection
        Assert.Equal(4, am1[18]); // Aggressive
        _net.Unbind(new Endpoint(Ip("203.0.113.9"), 500));
        _net.Unbind(new Endpoint(Ip("203.0.113.9"), 4500));
        Pump(3000); // gwC's attempt completes: take it down again on both sides
        Console(_c, "reset ike sa");
        Console(_c, "reset ipsec sa");
        Pump(35000); // every attempt forgotten on every side (half-open timeout, retry backoff)
        Assert.Equal(0, Enumerable.Range(0, _ikeC.Daemon.Capacity).Count(i => _ikeC.Daemon.GetSa(i) != null));

        // The existing tunnel.
        Assert.True(PingUntilAnswered(_hostA, _hostB, 15000), "branch tunnel: " + Records(_ikeA) + " / " + Records(_ikeB));
        Pump(2000);
        _net.Recording = false;

        long dhBefore = _ikeB.Daemon.ResponderDh.Taken;
        var rng = new Random(13);
        int sent = 0, answered = 0, flood = 0;
        bool shopUp = false;
        long shopUpAtMs = -1, floodStart = _clock.NowMs;
        ushort seq = 1000;
        for (int step = 0; step < 6000; step++) // 60 simulated seconds
        {
            for (int i = 0; i < FloodPerStep; i++)
            {
                byte[] m = (byte[])(i % 2 == 0 ? mm1 : am1).Clone();
                rng.NextBytes(m.AsSpan(0, 8)); // a new initiator cookie each
                var from = new Endpoint((uint)rng.Next(0x01000000, 0x7F000000), rng.Next(1024, 65536));
                _net.Inject(from, new Endpoint(Ip("203.0.113.2"), 500), m);
                flood++;
            }

            if (step % 20 == 0)
            {
                _hostA.Ping(_hostB.Address, seq);
                _hostB.Ping(_hostA.Address, seq);
                seq++;
                sent += 2;
            }

            if (step % 50 == 0 && !shopUp)
            {
                _hostC.Ping(_hostB.Address, (ushort)step);
            }

            Pump(Step);
            if (!shopUp && _hostC.Replies.Count > 0)
            {
                shopUp = true;
                shopUpAtMs = _clock.NowMs - floodStart;
            }
        }

        Pump(500);
        answered = _hostA.Replies.Count(r => r.Sequence >= 1000) + _hostB.Replies.Count(r => r.Sequence >= 1000);
        long dh = _ikeB.Daemon.ResponderDh.Taken - dhBefore;
        _output.WriteLine($"{flood:N0} spoofed first messages in 60 s; branch pings {answered}/{sent}; shop up after {shopUpAtMs} ms; "
            + $"responder DH {dh} ({dh / 60.0:F1}/s, budget {_ikeB.Daemon.ResponderDh.PerSecond}/s), refused {_ikeB.Daemon.ResponderDh.Refused}, "
            + $"half-open refused {_ikeB.Daemon.HalfOpenRefused}");
        _output.WriteLine(Console(_b, "display ike statistics"));

        Assert.Equal(sent, answered);
        Assert.True(shopUp, "the shop's tunnel did not come up under the flood: " + Records(_ikeC) + " / " + Records(_ikeB));
        Assert.True(dh <= 60 * _ikeB.Daemon.ResponderDh.PerSecond, $"{dh} responder DH in 60 s");
    }

    /// <summary>The first datagram <paramref name="gateway"/> sends to the head office when its LAN host pings, taken off the wire.</summary>
    private byte[] FirstMessageFrom(SimGateway gateway, SimLanHost host)
    {
        int before = _net.Tap.Count;
        host.Ping(_hostB.Address, 1);
        for (int i = 0; i < 10; i++)
        {
            gateway.Node.RunOnce(_clock.NowMs);
            _clock.Advance(Step);
        }

        WireRecord first = _net.Tap.Skip(before).First(r => r.Link == "internet" && r.Destination.Port == 500);
        _net.Poll(); // delivered to gwB, which is not running yet for it: its answer comes later and is ignored
        return first.Payload;
    }

    private static uint Ip(string s) => ManualKeys.Ip(s);

    private void Pump(long ms)
    {
        for (long t = 0; t < ms; t += Step)
        {
            _a.Node.RunOnce(_clock.NowMs);
            _b.Node.RunOnce(_clock.NowMs);
            _c.Node.RunOnce(_clock.NowMs);
            _net.Poll();
            _clock.Advance(Step);
        }
    }

    private bool PingUntilAnswered(SimLanHost from, SimLanHost to, long maxMs)
    {
        int before = from.Replies.Count;
        for (long t = 0; t < maxMs; t += 500)
        {
            from.Ping(to.Address, (ushort)(t / 500 + 1));
            Pump(500);
            if (from.Replies.Count > before)
            {
                return true;
            }
        }

        return false;
    }

    private static string Console(SimGateway g, string line)
    {
        var output = new TextBuffer();
        g.Node.ExecuteLine(line, g.Board.Clock.NowMs, output);
        return output.ToString();
    }

    private static string Records(IkeKeyExchange ike) =>
        string.Join("\n", Enumerable.Range(0, ike.RecordCount).Select(ike.GetRecord));
}
