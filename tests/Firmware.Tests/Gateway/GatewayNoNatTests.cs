using NanoGate.Boards.Sim;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Two gateways on public addresses with no NAT between them. No board sends plain ESP (IP protocol
/// 50) yet, so the key exchange fakes its NAT-D hash (RFC 3947 §3.2, as strongSwan's encap=yes):
/// quick mode agrees on UDP-encapsulated tunnel mode (RFC 3947 §5.1) and the tunnel carries traffic
/// instead of negotiating a plain tunnel the data path would drop.
/// </summary>
public sealed class GatewayNoNatTests
{
    [Fact]
    public void Without_a_NAT_the_tunnel_is_UDP_encapsulated_and_carries_traffic()
    {
        var clock = new ManualClock();
        var net = new SimNetwork(clock, new DeterministicRandom(5));
        var warnings = new StringWriter();
        var a = new SimGateway(net, "gwA", ManualKeys.Ip("198.51.100.2"), 1,
            SimGateway.Config("gwA", "198.51.100.2/24", "198.51.100.1", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24"), warnings);
        var b = new SimGateway(net, "gwB", ManualKeys.Ip("203.0.113.2"), 2,
            SimGateway.Config("gwB", "203.0.113.2/24", "203.0.113.1", "10.2.0.1/24", "198.51.100.2", "10.2.0.0/24", "10.1.0.0/24"), warnings);
        a.Node.KeyExchange = new IkeKeyExchange(a.Node);
        b.Node.KeyExchange = new IkeKeyExchange(b.Node);
        SimLanHost hostA = a.Board.Lan.AddHost(ManualKeys.Ip("10.1.0.10"));
        SimLanHost hostB = b.Board.Lan.AddHost(ManualKeys.Ip("10.2.0.20"));
        for (int t = 0; t < 20_000 && hostA.Replies.Count == 0; t += 10)
        {
            if (t % 500 == 0)
            {
                hostA.Ping(hostB.Address, (ushort)(t / 500 + 1));
            }

            a.Node.RunOnce(clock.NowMs);
            b.Node.RunOnce(clock.NowMs);
            net.Poll();
            clock.Advance(10);
        }

        Assert.NotEmpty(hostA.Replies);
        Assert.True(a.Node.Esp.GetOutbound(0)!.UdpEncapsulation);
        Assert.Equal(4500, a.Node.Esp.GetOutbound(0)!.RemotePort);
        Assert.True(b.Node.Esp.GetOutbound(0)!.UdpEncapsulation);
        Assert.Equal(0L, a.Node.Counters.PlainEspUnsupported + b.Node.Counters.PlainEspUnsupported);
    }
}
