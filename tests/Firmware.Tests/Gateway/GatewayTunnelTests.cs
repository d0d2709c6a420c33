using System.Text.RegularExpressions;
using NanoGate.Boards.Sim;
using NanoGate.Esp;
using NanoGate.Hal;
using static NanoGate.Firmware.Tests.Gateway.ManualKeys;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Two gateways on the sim board, branch behind a NAPT that changes ports, head office public.
/// IKE is not wired into the gateway yet, so these tunnels are keyed by hand: the SAs are
/// installed directly (Gateway.InstallSaPair) with matching keys on both sides.
/// </summary>
public sealed class GatewayTunnelTests
{
    private const uint AtoB = 0x10000101;
    private const uint BtoA = 0x20000202;

    private readonly ManualClock _clock = new();
    private readonly SimNetwork _net;
    private readonly SimNat _nat;
    private readonly StringWriter _warnings = new();
    private readonly SimGateway _a;
    private readonly SimGateway _b;

    public GatewayTunnelTests()
    {
        _net = new SimNetwork(_clock, new DeterministicRandom(7));
        _nat = _net.AddNat("branch", Ip("198.51.100.1"), Ip("192.168.1.0"), 24, NatPortMode.Change);
        _a = new SimGateway(_net, "gwA", Ip("192.168.1.2"), 1,
            SimGateway.Config("gwA", "192.168.1.2/24", "192.168.1.1", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24"), _warnings);
        _b = new SimGateway(_net, "gwB", Ip("203.0.113.2"), 2,
            SimGateway.Config("gwB", "203.0.113.2/24", "203.0.113.1", "10.2.0.1/24", "198.51.100.1", "10.2.0.0/24", "10.1.0.0/24"), _warnings);
    }

    private void KeyBothSides()
    {
        // gwA knows gwB's public address; gwB only knows the NAT's address and assumes port 4500
        // until gwA's first authenticated packet shows the mapped port (RFC 3948 §3.1).
        Install(_a.Node, 0, Ip("192.168.1.2"), Ip("203.0.113.2"), 4500, "10.1.0.0/24", "10.2.0.0/24", BtoA, 0xB1, AtoB, 0xA1, _clock.NowMs);
        Install(_b.Node, 0, Ip("203.0.113.2"), Ip("198.51.100.1"), 4500, "10.2.0.0/24", "10.1.0.0/24", AtoB, 0xA1, BtoA, 0xB1, _clock.NowMs);
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

    /// <summary>
    /// RFC 4301 §4.4.2.1: an SA past its hard lifetime is deleted whether or not traffic flows.
    /// (Until issue 13 the gateway's lifetime poll never ran: its first "last poll" of
    /// long.MinValue overflowed the elapsed-time check, and idle SAs lived forever.)
    /// </summary>
    [Fact]
    public void An_idle_SA_is_removed_at_its_hard_lifetime()
    {
        Install(_a.Node, 0, Ip("192.168.1.2"), Ip("203.0.113.2"), 4500, "10.1.0.0/24", "10.2.0.0/24", BtoA, 0xB1, AtoB, 0xA1, _clock.NowMs, hardLifetimeMs: 5_000);
        Assert.NotNull(_a.Node.Esp.GetOutbound(0));
        Pump(4_000);
        Assert.NotNull(_a.Node.Esp.GetOutbound(0));
        Pump(16_000);
        Assert.Null(_a.Node.Esp.GetOutbound(0));
        Assert.Equal(0, Enumerable.Range(0, _a.Node.Esp.Sas.InboundCapacity).Count(i => _a.Node.Esp.Sas.InboundAt(i) != null));
    }

    /// <summary>
    /// A zero-length UDP datagram is legal (RFC 768) and means nothing on port 4500 (RFC 3948 §2.2):
    /// each one is read, counted as a drop, and never stops the traffic behind it.
    /// </summary>
    [Fact]
    public void Empty_datagrams_on_500_and_4500_are_counted_and_traffic_behind_them_crosses()
    {
        KeyBothSides();
        SimLanHost hostA = _a.Board.Lan.AddHost(Ip("10.1.0.10"));
        SimLanHost hostB = _b.Board.Lan.AddHost(Ip("10.2.0.20"));
        SimUdpSocket stranger = _net.Bind(Ip("203.0.113.66"), 40000);
        long ikeIgnored = _b.Node.Counters.IkeIgnored;
        for (ushort seq = 1; seq <= 20; seq++)
        {
            Assert.True(stranger.Send([], 0, 0, Ip("203.0.113.2"), 4500));
            Assert.True(stranger.Send([], 0, 0, Ip("203.0.113.2"), 500));
            hostA.Ping(hostB.Address, seq);
            Pump(20);
        }

        Assert.Equal(20, hostA.Replies.Count);
        Assert.Equal(20, _b.Node.Esp.Drops.Get(DropReason.EmptyDatagram));
        Assert.Equal(ikeIgnored + 20, _b.Node.Counters.IkeIgnored);
    }

    [Fact]
    public void Pings_cross_the_NAT_as_ESP_in_UDP_with_manually_installed_SAs()
    {
        KeyBothSides();
        SimLanHost hostA = _a.Board.Lan.AddHost(Ip("10.1.0.10"));
        SimLanHost hostB = _b.Board.Lan.AddHost(Ip("10.2.0.20"));
        for (ushort seq = 1; seq <= 5; seq++)
        {
            hostA.Ping(hostB.Address, seq);
            Pump(20);
        }

        Assert.Equal(5, hostB.Answered);
        Assert.Equal(Enumerable.Range(1, 5).Select(s => (hostB.Address, (ushort)s)), hostA.Replies);

        // And the other way: the head office pings the branch.
        hostB.Ping(hostA.Address, 100);
        Pump(20);
        Assert.Equal(1, hostA.Answered);
        Assert.Contains((hostA.Address, (ushort)100), hostB.Replies);

        // gwB followed the NAT's mapped port from the authenticated packets.
        int mapped = _nat.Mappings[new Endpoint(Ip("192.168.1.2"), 4500)];
        Assert.InRange(mapped, 40000, 49999);
        Assert.Equal(mapped, _b.Node.Esp.GetOutbound(0)!.RemotePort);

        Assert.Equal(6, _a.Node.Counters.OutboundSent);
        Assert.Equal(6, _a.Node.Counters.InboundDelivered);
    }

    [Fact]
    public void The_internet_link_carries_only_UDP_4500_with_ESP_and_no_plaintext()
    {
        KeyBothSides();
        SimLanHost hostA = _a.Board.Lan.AddHost(Ip("10.1.0.10"));
        SimLanHost hostB = _b.Board.Lan.AddHost(Ip("10.2.0.20"));
        for (ushort seq = 1; seq <= 3; seq++)
        {
            hostA.Ping(hostB.Address, seq, 64);
            Pump(20);
        }

        Assert.Equal(3, hostA.Replies.Count);
        var internet = _net.Tap.Where(r => r.Link == "internet").ToList();
        Assert.Equal(6, internet.Count);
        byte[] innerAddresses = [10, 1, 0, 10, 10, 2, 0, 20];
        byte[] innerReverse = [10, 2, 0, 20, 10, 1, 0, 10];
        foreach (WireRecord r in internet)
        {
            Assert.True(r.Source.Port == 4500 || r.Destination.Port == 4500, r.ToString());
            Assert.True(r.Payload.Length > 8, r.ToString());
            uint spi = BigEndian.ReadUInt32(r.Payload, 0);
            Assert.True(spi == AtoB || spi == BtoA, $"SPI {spi:x8} in {r}");
            Assert.Equal(-1, r.Payload.AsSpan().IndexOf(innerAddresses));
            Assert.Equal(-1, r.Payload.AsSpan().IndexOf(innerReverse));
        }
    }

    [Fact]
    public void Drops_show_in_display_ipsec_statistics()
    {
        KeyBothSides();
        // A datagram with an SPI nobody installed, and one too short to be ESP.
        SimUdpSocket stranger = _net.Bind(Ip("203.0.113.9"), 4500);
        stranger.Send([0xDE, 0xAD, 0xBE, 0xEF, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8], 0, 16, Ip("203.0.113.2"), 4500);
        stranger.Send([1, 2, 3], 0, 3, Ip("203.0.113.2"), 4500);
        // A LAN packet to a network no policy covers.
        _b.Board.Lan.AddHost(Ip("10.2.0.20")).Ping(Ip("10.9.0.1"), 1);
        Pump(10);

        string stats = _b.Console("display ipsec statistics");
        Assert.Matches(new Regex(@"unknown-spi\s+: 1\r?\n"), stats);
        Assert.Matches(new Regex(@"not-esp\s+: 1\r?\n"), stats);
        Assert.Matches(new Regex(@"no-policy\s+: 1\r?\n"), stats);
        Assert.Matches(new Regex(@"Inbound packets\s+: 0\r?\n"), stats);
    }

    [Fact]
    public void Display_ipsec_sa_lists_the_manual_pair_and_display_ike_sa_is_empty()
    {
        KeyBothSides();
        Pump(2);
        string ipsec = _a.Console("display ipsec sa");
        Assert.Contains("IPsec policy name: \"to-peer\"", ipsec);
        Assert.Contains(AtoB.ToString(), ipsec);
        Assert.Contains(BtoA.ToString(), ipsec);

        string ike = _a.Console("display ike sa");
        Assert.Contains("Number of IKE SA : 0", ike);
        Assert.Equal(0, _a.Node.Runtime.IkeSaCount);
    }

    [Fact]
    public void VPN_LED_follows_the_configured_tunnel_and_its_SAs()
    {
        Pump(2);
        // One tunnel configured, no SA: waiting (slow blink); WAN has its static address.
        Assert.Equal(LedMode.On, _a.Board.Leds[LedId.Pwr]);
        Assert.Equal(LedMode.On, _a.Board.Leds[LedId.Sys]);
        Assert.Equal(LedMode.On, _a.Board.Leds[LedId.Wan]);
        Assert.Equal(LedMode.SlowBlink, _a.Board.Leds[LedId.Vpn]);

        KeyBothSides();
        Pump(2);
        Assert.Equal(LedMode.On, _a.Board.Leds[LedId.Vpn]);

        Assert.Contains("1 IPsec SA pair(s) deleted", _a.Console("reset ipsec sa"));
        Pump(2);
        Assert.Equal(LedMode.SlowBlink, _a.Board.Leds[LedId.Vpn]);

        // No tunnel configured: off.
        _a.Console("undo ipsec policy to-peer");
        Pump(2);
        Assert.Equal(LedMode.Off, _a.Board.Leds[LedId.Vpn]);
    }

    [Fact]
    public void Without_SAs_the_first_packet_raises_an_acquire_and_is_dropped()
    {
        SimLanHost hostA = _a.Board.Lan.AddHost(Ip("10.1.0.10"));
        hostA.Ping(Ip("10.2.0.20"), 1);
        Pump(5);
        Assert.Equal(1, _a.Node.Counters.Acquires);
        Assert.Equal(1, _a.Node.Esp.Drops.Get(NanoGate.Esp.DropReason.NoSa));
        Assert.DoesNotContain(_net.Tap, r => r.Link == "internet");
    }

    [Fact]
    public void The_sim_board_says_its_random_source_is_deterministic()
    {
        Assert.Contains(DeterministicRandom.Warning, _warnings.ToString());
    }
}
