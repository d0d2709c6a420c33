using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto.Soft;
using static NanoGate.Firmware.Tests.Gateway.ManualKeys;
using GatewayNode = NanoGate.Firmware.Gateway.Gateway;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// The gateway's forwarding allocates nothing per packet. The sim board allocates per datagram, so
/// the gateway runs here on non-allocating fakes: a LAN port that offers the same ping again and
/// again, and a port-4500 transport that hands the last ESP packet sent back in, so every pass
/// encapsulates and sends a full budget (Gateway.PacketBudget) of LAN packets and decapsulates and
/// delivers one, with manually installed SAs.
/// </summary>
public sealed class GatewayAllocationTests
{
    [Fact]
    public void Forwarding_packets_both_ways_allocates_zero_bytes_after_warm_up()
    {
        var lan = new LoopLan(IcmpEcho.Build(Ip("10.1.0.10"), Ip("10.2.0.20"), IcmpEcho.EchoRequest, 1, 1, 56));
        var wan = new LoopTransport(Ip("203.0.113.2"));
        var gw = new GatewayNode(new GatewayBoard
        {
            Clock = new ManualClock(),
            Random = new DeterministicRandom(3),
            InsecureRandomAllowed = true,
            Crypto = new PortableCryptoProvider(),
            Ike = new LoopTransport(0),
            NatT = wan,
            Lan = lan,
        }.TapCapture());
        var report = new TextBuffer();
        Assert.True(gw.LoadStartup(SimGateway.Config("gw", "192.0.2.1/24", "192.0.2.254", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24"), report), report.ToString());

        // One SPI both ways with the same keys: what goes out comes back in and passes the checks
        // (inbound selectors mirrored so the looped packet's addresses are inside them).
        Assert.True(gw.Esp.ReserveInboundSpi(0x30000303));
        var inbound = new NanoGate.Esp.SaParameters
        {
            Spi = 0x30000303,
            EncryptionKey = Key(0xC1, 16),
            IntegrityKey = Key(0xC2, 32),
            RemoteAddress = Ip("203.0.113.2"),
            LocalSelector = Selector("10.2.0.0/24"),
            RemoteSelector = Selector("10.1.0.0/24"),
        };
        var outbound = new NanoGate.Esp.SaParameters
        {
            Spi = 0x30000303,
            EncryptionKey = Key(0xC1, 16),
            IntegrityKey = Key(0xC2, 32),
            RemoteAddress = Ip("203.0.113.2"),
            LocalSelector = Selector("10.1.0.0/24"),
            RemoteSelector = Selector("10.2.0.0/24"),
            PolicyId = gw.TunnelPolicyId(0),
        };
        Assert.True(gw.InstallSaPair(inbound, outbound, 0, 0, out _) >= 0);

        long now = 0;
        for (int i = 0; i < 200; i++)
        {
            gw.RunOnce(now++);
        }

        long deliveredBefore = lan.Delivered;
        long sentBefore = gw.Counters.OutboundSent;
        const int N = 2000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < N; i++)
        {
            gw.RunOnce(now++);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(N, lan.Delivered - deliveredBefore);
        Assert.Equal((long)N * GatewayNode.PacketBudget, gw.Counters.OutboundSent - sentBefore);
        Assert.Equal(0, gw.Esp.Drops.Total);
        Assert.Equal(0, allocated);
    }
}
