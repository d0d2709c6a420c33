using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using NanoGate.Firmware.Tests.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto.Soft;
using static NanoGate.Firmware.Tests.Gateway.ManualKeys;
using GatewayNode = NanoGate.Firmware.Gateway.Gateway;

namespace NanoGate.Firmware.Tests.Capture;

/// <summary>
/// Forwarding with capture on allocates nothing per packet: the gateway of GatewayAllocationTests
/// (a LAN that offers the same ping again and again, a 4500 transport that loops the last ESP
/// packet back) with a capture running into a buffer big enough for the whole measurement.
/// </summary>
public sealed class CaptureAllocationTests
{
    [Fact]
    public void Forwarding_with_capture_running_allocates_zero_bytes_per_packet()
    {
        var lan = new LoopLan(IcmpEcho.Build(Ip("10.1.0.10"), Ip("10.2.0.20"), IcmpEcho.EchoRequest, 1, 1, 56));
        var gw = new GatewayNode(new GatewayBoard
        {
            Clock = new ManualClock(),
            Random = new DeterministicRandom(3),
            InsecureRandomAllowed = true,
            Crypto = new PortableCryptoProvider(),
            Ike = new LoopTransport(0),
            NatT = new LoopTransport(Ip("203.0.113.2")),
            Lan = lan,
            CaptureBytes = 4 << 20,
        }.TapCapture());
        var report = new TextBuffer();
        Assert.True(gw.LoadStartup(SimGateway.Config("gw", "192.0.2.1/24", "192.0.2.254", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24"), report), report.ToString());
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
        for (int i = 0; i < 100; i++)
        {
            gw.RunOnce(now++);
        }

        Assert.StartsWith("Info: Capture started", Run(gw, "capture start", now));

        // Warm-up long enough that the runtime has compiled every path of a pass (one failure in
        // three full-suite runs after 10 passes; the simulation itself is deterministic).
        for (int i = 0; i < 200; i++)
        {
            gw.RunOnce(now++);
        }

        int packetsBefore = gw.Capture.Packets;
        long delivered = lan.Delivered;
        const int N = 40;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < N; i++)
        {
            gw.RunOnce(now++);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Each pass: a full budget of ESP packets out and one back in, every one recorded.
        Assert.Equal(N, lan.Delivered - delivered);
        Assert.Equal(N * (GatewayNode.PacketBudget + 1), gw.Capture.Packets - packetsBefore);
        Assert.True(gw.Capture.IsRunning);
        Assert.Equal(0, allocated);
    }

    private static string Run(GatewayNode gw, string line, long now)
    {
        var output = new TextBuffer();
        gw.ExecuteLine(line, now, output);
        return output.ToString();
    }
}
