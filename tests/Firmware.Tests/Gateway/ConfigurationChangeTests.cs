using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Ike;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Configuration changes typed at a live head office with three branch tunnels (b1, b2, b3, each
/// its own peer): the change is applied as a difference, so only the tunnels of the peer it touches
/// are deleted and renegotiated, while the ping streams through the other tunnels lose nothing and
/// their SAs (IKE and IPsec) are the very same. A change no tunnel uses touches no SA at all.
/// </summary>
public sealed class ConfigurationChangeTests
{
    private const int Step = 10;
    private const int PingEveryMs = 100;
    private readonly ManualClock _clock = new();
    private readonly SimNetwork _net;
    private readonly StringWriter _warnings = new();
    private readonly SimGateway _hq;
    private readonly IkeKeyExchange _ikeHq;
    private readonly SimLanHost _hqHost;
    private readonly SimGateway[] _branch = new SimGateway[3];
    private readonly SimLanHost[] _host = new SimLanHost[3];
    private readonly bool[] _streaming = new bool[3];
    private readonly int[] _sent = new int[3];
    private long _nextPing;

    public ConfigurationChangeTests()
    {
        _net = new SimNetwork(_clock, new DeterministicRandom(21));
        _hq = new SimGateway(_net, "hq", Ip("203.0.113.2"), 5, HqConfig, _warnings);
        _ikeHq = new IkeKeyExchange(_hq.Node);
        _hq.Node.KeyExchange = _ikeHq;
        _hqHost = _hq.Board.Lan.AddHost(Ip("10.2.0.20"));
        for (int i = 0; i < 3; i++)
        {
            _branch[i] = new SimGateway(_net, "b" + (i + 1), BranchWan(i), (uint)(i + 1), BranchConfig(i + 1), _warnings);
            _branch[i].Node.KeyExchange = new IkeKeyExchange(_branch[i].Node);
            _host[i] = _branch[i].Board.Lan.AddHost(Ip("10.1" + (i + 1) + ".0.10"));
        }
    }

    private static uint Ip(string s) => ManualKeys.Ip(s);

    private static uint BranchWan(int i) => Ip("198.51.100." + (i + 11));

    // b1 and b3 share ike proposal 10 and ipsec proposal p1; b2 has its own (20 and p2), so a
    // change to those is a change of b2 alone.
    private const string HqConfig = """
        sysname hq
        interface wan address 203.0.113.2/24 gateway 203.0.113.1
        interface lan address 10.2.0.1/24
        ike proposal 10
        ike proposal 20
        ike peer b1
         pre-shared-key simple fake-test-key
         remote-address 198.51.100.11
         ike-proposal 10
        ike peer b2
         pre-shared-key simple fake-test-key
         remote-address 198.51.100.12
         ike-proposal 20
        ike peer b3
         pre-shared-key simple fake-test-key
         remote-address 198.51.100.13
         ike-proposal 10
        ipsec proposal p1
        ipsec proposal p2
        ipsec policy to-b1
         ike-peer b1
         proposal p1
         local-subnet 10.2.0.0/24
         remote-subnet 10.11.0.0/24
        ipsec policy to-b2
         ike-peer b2
         proposal p2
         local-subnet 10.2.0.0/24
         remote-subnet 10.12.0.0/24
        ipsec policy to-b3
         ike-peer b3
         proposal p1
         local-subnet 10.2.0.0/24
         remote-subnet 10.13.0.0/24
        """;

    private static string BranchConfig(int n) => $"""
        sysname b{n}
        interface wan address 198.51.100.{n + 10}/24 gateway 198.51.100.1
        interface lan address 10.1{n}.0.1/24
        ike proposal 10
        ike proposal 20
        ike peer hq
         pre-shared-key simple fake-test-key
         remote-address 203.0.113.2
         ike-proposal {(n == 2 ? 20 : 10)}
        ipsec proposal p1
        ipsec policy to-hq
         ike-peer hq
         proposal p1
         local-subnet 10.1{n}.0.0/24
         remote-subnet 10.2.0.0/24
        """;

    /// <summary>Runs every node for <paramref name="ms"/>; streaming branches ping HQ's host every <see cref="PingEveryMs"/>.</summary>
    private void Pump(long ms)
    {
        for (long t = 0; t < ms; t += Step)
        {
            if (_clock.NowMs >= _nextPing)
            {
                _nextPing = _clock.NowMs + PingEveryMs;
                for (int i = 0; i < 3; i++)
                {
                    if (_streaming[i])
                    {
                        _host[i].Ping(_hqHost.Address, (ushort)(++_sent[i]));
                    }
                }
            }

            foreach (SimGateway b in _branch)
            {
                b.Node.RunOnce(_clock.NowMs);
            }

            _hq.Node.RunOnce(_clock.NowMs);
            _net.Poll();
            _clock.Advance(Step);
        }
    }

    /// <summary>Branch <paramref name="i"/> pings every 500 ms until answered; true when it was within <paramref name="maxMs"/>.</summary>
    private bool Reaches(int i, long maxMs)
    {
        int before = _host[i].Replies.Count;
        for (long t = 0; t < maxMs; t += 500)
        {
            _host[i].Ping(_hqHost.Address, (ushort)(60000 + t / 500));
            Pump(500);
            if (_host[i].Replies.Count > before)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>All three tunnels up, then the ping streams start with their counts at zero.</summary>
    private void BringUpAndStream()
    {
        for (int i = 0; i < 3; i++)
        {
            Assert.True(Reaches(i, 15_000), "b" + (i + 1) + ": " + string.Join(" | ", Enumerable.Range(0, _ikeHq.RecordCount).Select(_ikeHq.GetRecord)));
        }

        for (int i = 0; i < 3; i++)
        {
            _host[i].Replies.Clear();
            _sent[i] = 0;
            _streaming[i] = true;
        }

        Pump(1_000);
    }

    /// <summary>Types <paramref name="lines"/> at HQ's console (each must be accepted), the streams running between the lines.</summary>
    private void Type(params string[] lines)
    {
        foreach (string line in lines)
        {
            var output = new TextBuffer();
            Assert.True(_hq.Node.ExecuteLine(line, _clock.NowMs, output), line + ": " + output);
            Pump(Step);
        }
    }

    /// <summary>Stops the streams, lets the last replies in, and asserts branch <paramref name="i"/>'s stream lost nothing.</summary>
    private void AssertLossless(params int[] branches)
    {
        Array.Clear(_streaming);
        Pump(1_000);
        foreach (int i in branches)
        {
            Assert.True(_sent[i] > 20, "b" + (i + 1) + " streamed only " + _sent[i]);
            Assert.True(_sent[i] == _host[i].Replies.Count, "b" + (i + 1) + ": " + _host[i].Replies.Count + " replies to " + _sent[i] + " pings");
        }
    }

    /// <summary>HQ's live IPsec pair of <paramref name="policy"/> (its inbound SPI), or 0.</summary>
    private uint HqSpi(string policy) =>
        Enumerable.Range(0, _ikeHq.Quick.ChildCount).Select(_ikeHq.Quick.GetChild)
            .Where(c => c.State == ChildSaState.Installed && c.Policy.Name == policy).Select(c => c.InboundSpi).SingleOrDefault();

    /// <summary>HQ's established ISAKMP SA with peer <paramref name="peer"/> (its serial), or 0.</summary>
    private int HqIkeSa(string peer) =>
        Enumerable.Range(0, _ikeHq.Daemon.Capacity).Select(_ikeHq.Daemon.GetSa)
            .Where(s => s is { State: IkeSaState.Established } && s.Peer.Name == peer).Select(s => s!.Serial).SingleOrDefault();

    private (uint[] Spis, int[] IkeSas) Snapshot() =>
        (new[] { HqSpi("to-b1"), HqSpi("to-b2"), HqSpi("to-b3") }, new[] { HqIkeSa("b1"), HqIkeSa("b2"), HqIkeSa("b3") });

    /// <summary>Branch <paramref name="i"/>'s SAs at HQ are those of <paramref name="before"/>.</summary>
    private void AssertKept((uint[] Spis, int[] IkeSas) before, params int[] branches)
    {
        var now = Snapshot();
        foreach (int i in branches)
        {
            Assert.NotEqual(0u, before.Spis[i]);
            Assert.True(before.Spis[i] == now.Spis[i], "b" + (i + 1) + "'s IPsec SA changed");
            Assert.True(before.IkeSas[i] == now.IkeSas[i], "b" + (i + 1) + "'s ISAKMP SA changed");
        }
    }

    /// <summary>Branch <paramref name="i"/>'s tunnel was renegotiated: it carries traffic again on a new IPsec and ISAKMP SA.</summary>
    private void AssertRenegotiated((uint[] Spis, int[] IkeSas) before, int i)
    {
        Assert.True(Reaches(i, 10_000), "b" + (i + 1) + " did not come back");
        var now = Snapshot();
        Assert.NotEqual(0u, now.Spis[i]);
        Assert.NotEqual(before.Spis[i], now.Spis[i]);
        Assert.NotEqual(before.IkeSas[i], now.IkeSas[i]);
    }

    [Fact]
    public void Changes_that_no_tunnel_uses_touch_no_SA()
    {
        BringUpAndStream();
        var before = Snapshot();
        ulong sent = _ikeHq.Statistics.PacketsSent;

        Type("sysname hq-new");
        Type("ike peer b1", "quit");
        Type("ipsec policy to-b2", "quit");
        Type("ipsec proposal unused", "esp encryption-algorithm aes-256", "quit");
        Type("ike proposal 30", "dh group19", "quit");
        Type("interface lan address 10.2.0.1/24");
        Pump(1_000);

        AssertLossless(0, 1, 2);
        AssertKept(before, 0, 1, 2);
        Assert.Equal(sent, _ikeHq.Statistics.PacketsSent);
    }

    [Fact]
    public void Changing_a_peer_renegotiates_that_peer_only()
    {
        BringUpAndStream();
        var before = Snapshot();

        Type("ike peer b2", "dpd interval 20 retry 5", "quit");
        Pump(2_000);

        AssertLossless(0, 2);
        AssertKept(before, 0, 2);
        AssertRenegotiated(before, 1);
        AssertKept(before, 0, 2);
    }

    [Fact]
    public void Changing_a_proposal_renegotiates_the_peers_that_use_it()
    {
        BringUpAndStream();
        var before = Snapshot();

        // ike proposal 20 is b2's alone; the branch offers the same change.
        Type("ike proposal 20", "sa duration 43200", "quit");
        Pump(2_000);

        AssertLossless(0, 2);
        AssertKept(before, 0, 2);
        AssertRenegotiated(before, 1);

        // ipsec proposal p2 is b2's alone too; the branch makes the same change to its own.
        BringUpAndStream();
        before = Snapshot();
        Type("ipsec proposal p2", "esp authentication-algorithm sha1", "quit");
        var output = new TextBuffer();
        foreach (string line in new[] { "ipsec proposal p1", "esp authentication-algorithm sha1", "quit" })
        {
            Assert.True(_branch[1].Node.ExecuteLine(line, _clock.NowMs, output), output.ToString());
        }

        Pump(2_000);

        AssertLossless(0, 2);
        AssertKept(before, 0, 2);
        AssertRenegotiated(before, 1);
    }

    [Fact]
    public void Changing_a_policy_renegotiates_its_peer_only()
    {
        BringUpAndStream();
        var before = Snapshot();

        Type("ipsec policy to-b3", "sa duration time-based 7200", "quit");
        Pump(2_000);

        AssertLossless(0, 1);
        AssertKept(before, 0, 1);
        AssertRenegotiated(before, 2);
    }

    [Fact]
    public void Removing_a_peer_deletes_its_SAs_at_both_ends_and_leaves_the_others()
    {
        BringUpAndStream();
        var before = Snapshot();

        Type("undo ipsec policy to-b3", "undo ike peer b3");
        Pump(2_000);

        AssertLossless(0, 1);
        AssertKept(before, 0, 1);
        Assert.Equal(0u, HqSpi("to-b3"));
        Assert.Equal(0, HqIkeSa("b3"));
        Assert.Equal(-1, _hq.Node.FindTunnel("to-b3"));

        // HQ told b3 (Delete payloads): b3 holds no SA either.
        Assert.Equal(0, OutboundSas(_branch[2]));
        Assert.False(Reaches(2, 3_000));
    }

    [Fact]
    public void Adding_a_peer_brings_up_its_tunnel_and_leaves_the_others()
    {
        BringUpAndStream();
        _streaming[2] = false;
        Type("undo ipsec policy to-b3", "undo ike peer b3");
        Pump(2_000);
        Assert.Equal(0, OutboundSas(_branch[2]));
        BringUpAndStream2();
        var before = Snapshot();

        Type("ike peer b3", "pre-shared-key simple fake-test-key", "remote-address 198.51.100.13", "ike-proposal 10", "quit");
        Type("ipsec policy to-b3", "ike-peer b3", "proposal p1", "local-subnet 10.2.0.0/24", "remote-subnet 10.13.0.0/24", "quit");
        Pump(1_000);

        AssertLossless(0, 1);
        AssertKept(before, 0, 1);
        Assert.True(Reaches(2, 10_000), "b3 did not come up");
        Assert.NotEqual(0u, HqSpi("to-b3"));
        AssertKept(before, 0, 1);
    }

    private static int OutboundSas(SimGateway g) =>
        Enumerable.Range(0, g.Node.Esp.Sas.OutboundCapacity).Count(i => g.Node.Esp.GetOutbound(i) != null);

    /// <summary>Streams on b1 and b2 only (b3 is not configured at HQ).</summary>
    private void BringUpAndStream2()
    {
        Array.Clear(_streaming);
        Pump(1_000);
        for (int i = 0; i < 2; i++)
        {
            _host[i].Replies.Clear();
            _sent[i] = 0;
            _streaming[i] = true;
        }

        Pump(1_000);
    }
}
