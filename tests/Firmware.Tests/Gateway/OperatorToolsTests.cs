using NanoGate.Boards.Sim;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Ike;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Issue 16, the operator's settings on two sim gateways keyed by IKE (the branch gwA behind a
/// NAPT initiates, the head office gwB answers), as console sessions: the NAT keepalive interval.
/// </summary>
public sealed class OperatorToolsTests
{
    private readonly ManualClock _clock = new();
    private readonly SimNetwork _net;
    private readonly StringWriter _warnings = new();
    private readonly SimGateway _a;
    private readonly SimGateway _b;
    private readonly IkeKeyExchange _ikeA;
    private readonly IkeKeyExchange _ikeB;

    public OperatorToolsTests()
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

    private void BringUp()
    {
        Assert.Contains("Info: Negotiating tunnel to-peer", _a.Console("tunnel initiate to-peer"));
        Pump(3000);
        Assert.Equal(1UL, _ikeA.Statistics.Phase2Established);
        Assert.Equal(1UL, _ikeB.Statistics.Phase2Established);
    }

    [Fact]
    public void Nat_keepalive_interval_applies_to_the_tunnel_that_is_up_without_restarting_it()
    {
        BringUp();
        IkeDaemon natted = _ikeA.Daemon;

        // The default (20 s): one keepalive in 30 s of silence.
        int before = natted.KeepalivesSent;
        Pump(30000);
        Assert.Equal(1, natted.KeepalivesSent - before);

        // 5 s, applied to the SA that is up: five or six more in the next 30 s, and nothing renegotiated.
        Assert.Equal("", _a.Console("ike nat-keepalive-timer interval 5"));
        Assert.Contains("#\nike nat-keepalive-timer interval 5\n#\n", _a.Console("display current-configuration"));
        before = natted.KeepalivesSent;
        Pump(30000);
        Assert.InRange(natted.KeepalivesSent - before, 5, 6);
        Assert.Same(natted, _ikeA.Daemon);
        Assert.Equal(1UL, _ikeA.Statistics.Phase1Established);
        Assert.Equal(1UL, _ikeA.Statistics.Phase2Established);

        // Out of range is refused; undo restores the default and is not written.
        Assert.Contains("Error:", _a.Console("ike nat-keepalive-timer interval 4"));
        Assert.Equal("", _a.Console("undo ike nat-keepalive-timer interval"));
        Assert.DoesNotContain("nat-keepalive-timer", _a.Console("display current-configuration"));
        before = natted.KeepalivesSent;
        Pump(30000);
        Assert.InRange(natted.KeepalivesSent - before, 1, 2);
    }
}
