using NanoGate.Boards.Sim;
using NanoGate.Hal;

namespace NanoGate.Boards.Tests;

/// <summary>
/// The sim board's network, laid out like the interop harness:
/// branch 192.168.100.2 behind NAT (public 203.0.113.1) talking to head office 203.0.113.2.
/// </summary>
public class SimNetworkTests
{
    private static readonly uint s_branch = Ip("192.168.100.2");
    private static readonly uint s_natPublic = Ip("203.0.113.1");
    private static readonly uint s_hq = Ip("203.0.113.2");

    private static uint Ip(string s) => Ipv4.TryParse(s, out uint a) ? a : throw new FormatException(s);

    private static (SimNetwork Net, SimNat Nat, SimUdpSocket Branch500, SimUdpSocket Hq500) Topology(NatPortMode mode, uint seed = 1)
    {
        var net = new SimNetwork(new ManualClock(), new DeterministicRandom(seed));
        SimNat nat = net.AddNat("nat", s_natPublic, Ip("192.168.100.0"), 24, mode);
        return (net, nat, net.Bind(s_branch, 500), net.Bind(s_hq, 500));
    }

    private static byte[] Receive(SimUdpSocket socket, out Endpoint from)
    {
        byte[] buffer = new byte[2048];
        int n = socket.Receive(buffer, 0, buffer.Length, out uint address, out int port);
        from = new Endpoint(address, port);
        return buffer.AsSpan(0, Math.Max(n, 0)).ToArray();
    }

    [Fact]
    public void Port_preserving_nat_rewrites_the_address_only_and_lets_replies_back()
    {
        var (net, _, branch, hq) = Topology(NatPortMode.Preserve);
        branch.Send([1, 2, 3], 0, 3, s_hq, 500);
        Assert.Equal(0, hq.Pending);
        net.Clock.Advance(net.Faults.DelayMs);
        net.Poll();
        Assert.Equal(new byte[] { 1, 2, 3 }, Receive(hq, out Endpoint seen));
        Assert.Equal(new Endpoint(s_natPublic, 500), seen);

        hq.Send([9], 0, 1, seen.Address, seen.Port);
        net.Clock.Advance(5);
        net.Poll();
        Assert.Equal(new byte[] { 9 }, Receive(branch, out Endpoint back));
        Assert.Equal(new Endpoint(s_hq, 500), back);
        Assert.Equal(["inside:nat", "internet", "internet", "inside:nat"], net.Tap.Select(r => r.Link));
    }

    [Fact]
    public void Port_changing_nat_maps_into_40000_49999_and_keeps_the_mapping_per_flow()
    {
        var (net, nat, branch, hq) = Topology(NatPortMode.Change);
        SimUdpSocket branch4500 = net.Bind(s_branch, 4500);
        branch.Send([1], 0, 1, s_hq, 500);
        branch4500.Send([2], 0, 1, s_hq, 4500);
        branch.Send([3], 0, 1, s_hq, 500);
        net.Clock.Advance(1);
        net.Poll();
        Receive(hq, out Endpoint first);
        Receive(hq, out Endpoint second);
        Assert.InRange(first.Port, 40000, 49999);
        Assert.Equal(first, second);
        Assert.Equal(2, nat.Mappings.Count);
        Assert.NotEqual(nat.Mappings[new Endpoint(s_branch, 500)], nat.Mappings[new Endpoint(s_branch, 4500)]);
    }

    [Fact]
    public void Unsolicited_inbound_is_dropped_unless_forwarded()
    {
        var (net, nat, branch, hq) = Topology(NatPortMode.Preserve);
        hq.Send([7], 0, 1, s_natPublic, 500);
        net.Clock.Advance(1);
        net.Poll();
        Assert.Equal(0, branch.Pending);
        Assert.Equal(1, nat.DroppedInbound);

        nat.Forward(500, new Endpoint(s_branch, 500));
        hq.Send([8], 0, 1, s_natPublic, 500);
        net.Clock.Advance(1);
        net.Poll();
        Assert.Equal(new byte[] { 8 }, Receive(branch, out _));
    }

    [Fact]
    public void Idle_mapping_expires_and_a_changing_nat_picks_a_new_port()
    {
        var (net, nat, branch, hq) = Topology(NatPortMode.Change);
        nat.MappingTimeoutMs = 30_000;
        branch.Send([1], 0, 1, s_hq, 500);
        net.Clock.Advance(1);
        net.Poll();
        Receive(hq, out Endpoint before);

        net.Clock.Advance(31_000);
        hq.Send([2], 0, 1, before.Address, before.Port); // the old mapping is gone
        net.Clock.Advance(1);
        net.Poll();
        Assert.Equal(0, branch.Pending);

        branch.Send([3], 0, 1, s_hq, 500);
        net.Clock.Advance(1);
        net.Poll();
        Receive(hq, out Endpoint after);
        Assert.NotEqual(before.Port, after.Port);
    }

    [Fact]
    public void Injected_loss_duplication_and_reordering_are_deterministic_for_a_seed()
    {
        static List<byte> Run(uint seed)
        {
            var (net, _, branch, hq) = Topology(NatPortMode.Preserve, seed);
            net.Faults.LossPercent = 20;
            net.Faults.DuplicatePercent = 10;
            net.Faults.ReorderPercent = 20;
            for (byte i = 0; i < 200; i++)
            {
                branch.Send([i], 0, 1, s_hq, 500);
                net.Clock.Advance(1);
                net.Poll();
            }

            net.Clock.Advance(1000);
            net.Poll();
            var got = new List<byte>();
            while (hq.Pending > 0)
            {
                got.Add(Receive(hq, out _)[0]);
            }

            return got;
        }

        List<byte> a = Run(7);
        Assert.Equal(a, Run(7));
        Assert.InRange(a.Count, 120, 200);                    // about 20% lost, 10% doubled
        Assert.True(a.Count != a.Distinct().Count(), "some datagrams were duplicated");
        Assert.False(a.SequenceEqual(a.OrderBy(x => x)), "some datagrams were reordered");
    }

    [Fact]
    public void Lan_hosts_answer_pings_and_collect_replies()
    {
        var lan = new SimLan();
        ILanPort port = lan;
        SimLanHost a = lan.AddHost(Ip("10.1.0.10"));
        SimLanHost b = lan.AddHost(Ip("10.1.0.11"));
        a.Ping(b.Address, 1);

        // Act as the gateway: take the request off the LAN and hand it back to the LAN.
        byte[] buffer = new byte[1500];
        int n = port.Receive(buffer, 0, buffer.Length);
        Assert.True(IcmpEcho.TryRead(buffer, n, out uint src, out uint dst, out int type, out _, out ushort seq));
        Assert.Equal((a.Address, b.Address, IcmpEcho.EchoRequest, (ushort)1), (src, dst, type, seq));
        port.Send(buffer, 0, n);
        Assert.Equal(1, b.Answered);

        n = port.Receive(buffer, 0, buffer.Length);
        port.Send(buffer, 0, n);
        Assert.Equal([(b.Address, (ushort)1)], a.Replies);
    }

    [Fact]
    public void Corrupted_echo_is_not_accepted()
    {
        byte[] p = IcmpEcho.Build(Ip("10.1.0.10"), Ip("10.2.0.10"), IcmpEcho.EchoRequest, 1, 2, 32);
        Assert.True(IcmpEcho.TryRead(p, p.Length, out _, out _, out _, out _, out _));
        p[40] ^= 0x01;
        Assert.False(IcmpEcho.TryRead(p, p.Length, out _, out _, out _, out _, out _));
    }
}
