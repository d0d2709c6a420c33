using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Ike;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// A hub (issue 17): 100 NanoGate branches, each behind its own NAPT, to one NanoGate head office
/// on the sim board. Half the NATs keep the inside port while it is free, half give every flow a
/// random port (the two kinds SimNat has; both map endpoint-independently, RFC 4787 §4.1), so
/// NAT-T (RFC 3947/3948) floats every tunnel to 4500 and the hub tells them apart by address and
/// port. Every branch starts its tunnel at once (sa trigger-mode auto), as after a hub restart; the
/// hub has the Linux board's responder Diffie-Hellman budget (GatewayBoard.ResponderDhPerSecond,
/// 200 a second; with the default 20 the last 20 branches came up only after 196 s, once their
/// whole retransmission schedule had run out). Then traffic both ways, counted at each end, and
/// the lifetimes run out: phase 2 (120 s) is rekeyed, phase 1 (180 s) re-authenticated, the new SAs
/// carry the traffic and the old ones are gone at both ends. All gateways use the .NET provider and
/// the simulated clock, so the whole run takes about 1 s of CPU.
/// </summary>
public sealed class HubTests
{
    private const int Branches = 100;
    private const int Step = 20;
    private readonly ManualClock _clock = new();
    private readonly SimNetwork _net;
    private readonly StringWriter _warnings = new();
    private readonly SimGateway[] _branch = new SimGateway[Branches];
    private readonly IkeKeyExchange[] _ikeBranch = new IkeKeyExchange[Branches];
    private readonly SimLanHost[] _host = new SimLanHost[Branches];
    private readonly SimGateway _hub;
    private readonly IkeKeyExchange _ikeHub;
    private readonly SimLanHost _hubHost;

    public HubTests()
    {
        _net = new SimNetwork(_clock, new DeterministicRandom(17)) { Recording = false };
        _hub = new SimGateway(_net, "hub", Ip("203.0.113.2"), 1000, HubConfig(), _warnings, new DotNetCryptoProvider(), profile: b =>
        {
            // A hub's tables (the Linux board sizes them for 4,096 tunnels): each tunnel with room for its rekey.
            b.SlotCount = 64;
            b.MaxIkeSas = 2 * Branches + 16;
            b.MaxSas = 4 * Branches;
            b.MaxPolicies = Branches;
            b.ResponderDhPerSecond = 200;
        });
        _ikeHub = new IkeKeyExchange(_hub.Node);
        _hub.Node.KeyExchange = _ikeHub;
        _hubHost = _hub.Board.Lan.AddHost(Ip("10.200.0.20"));
        for (int i = 0; i < Branches; i++)
        {
            _net.AddNat("n" + i, Public(i), Ip("192.168.0.0") | ((uint)i << 8), 24, i % 2 == 0 ? NatPortMode.Preserve : NatPortMode.Change);
            _branch[i] = new SimGateway(_net, "b" + i, Ip("192.168.0.2") | ((uint)i << 8), (uint)(i + 1), BranchConfig(i), _warnings,
                new DotNetCryptoProvider());
            _ikeBranch[i] = new IkeKeyExchange(_branch[i].Node);
            _branch[i].Node.KeyExchange = _ikeBranch[i];
            _host[i] = _branch[i].Board.Lan.AddHost(Ip("10.1.0.10") | ((uint)i << 8));
        }
    }

    private static uint Ip(string s) => ManualKeys.Ip(s);

    private static uint Public(int i) => Ip("198.51.100.0") + (uint)(i + 1);

    private static string HubConfig()
    {
        var text = new System.Text.StringBuilder("""
            sysname hub
            interface wan address 203.0.113.2/24 gateway 203.0.113.1
            interface lan address 10.200.0.1/24
            ike proposal 10
             sa duration 180
            ipsec proposal p1

            """);
        for (int i = 0; i < Branches; i++)
        {
            text.Append($"ike peer b{i}\n pre-shared-key simple fake-hub-key-{i}\n remote-address {Ipv4.Format(Public(i))}\n ike-proposal 10\n")
                .Append($"ipsec policy to-b{i}\n ike-peer b{i}\n proposal p1\n local-subnet 10.200.0.0/24\n remote-subnet 10.1.{i}.0/24\n")
                .Append(" sa duration time-based 120\n");
        }

        return text.ToString();
    }

    private static string BranchConfig(int i) => $"""
        sysname b{i}
        interface wan address 192.168.{i}.2/24 gateway 192.168.{i}.1
        interface lan address 10.1.{i}.1/24
        ike proposal 10
         sa duration 180
        ike peer hub
         pre-shared-key simple fake-hub-key-{i}
         remote-address 203.0.113.2
         ike-proposal 10
        ipsec proposal p1
        ipsec policy to-hub
         ike-peer hub
         proposal p1
         local-subnet 10.1.{i}.0/24
         remote-subnet 10.200.0.0/24
         sa duration time-based 120
         sa trigger-mode auto
        """;

    private void Pump(long ms)
    {
        for (long t = 0; t < ms; t += Step)
        {
            for (int i = 0; i < Branches; i++)
            {
                _branch[i].Node.RunOnce(_clock.NowMs);
            }

            _hub.Node.RunOnce(_clock.NowMs);
            _net.Poll();
            _clock.Advance(Step);
        }
    }

    /// <summary>Every branch host pings the hub's host and the hub's host pings every branch host; (sent, answered) over both directions.</summary>
    private (int Sent, int Answered) Traffic(ushort sequence)
    {
        int answered = Answered();
        for (int i = 0; i < Branches; i++)
        {
            _host[i].Ping(_hubHost.Address, sequence);
            _hubHost.Ping(_host[i].Address, sequence);
        }

        Pump(400);
        return (2 * Branches, Answered() - answered);
    }

    private int Answered() => _hubHost.Replies.Count + _host.Sum(h => h.Replies.Count);

    private List<ChildSa> HubPairs(int i) =>
        Enumerable.Range(0, _ikeHub.Quick.ChildCount).Select(_ikeHub.Quick.GetChild)
            .Where(c => c.State != ChildSaState.Retired && c.Policy.Name == "to-b" + i).ToList();

    private static List<ChildSa> Live(IkeKeyExchange ike) =>
        Enumerable.Range(0, ike.Quick.ChildCount).Select(ike.Quick.GetChild).Where(c => c.State != ChildSaState.Retired).ToList();

    private static List<IkeSa> Established(IkeKeyExchange ike) =>
        Enumerable.Range(0, ike.Daemon.Capacity).Select(ike.Daemon.GetSa).Where(s => s is { State: IkeSaState.Established }).Select(s => s!).ToList();

    private static int InboundSas(SimGateway g) =>
        Enumerable.Range(0, g.Node.Esp.Sas.InboundCapacity).Count(i => g.Node.Esp.Sas.InboundAt(i) != null);

    private static int OutboundSas(SimGateway g) =>
        Enumerable.Range(0, g.Node.Esp.Sas.OutboundCapacity).Count(i => g.Node.Esp.GetOutbound(i) != null);

    /// <summary>Each branch has one live pair, the hub has the same pair (SPIs crossed) for its policy, and nothing else is installed.</summary>
    private void AssertOnePairPerBranch()
    {
        for (int i = 0; i < Branches; i++)
        {
            List<ChildSa> hub = HubPairs(i), branch = Live(_ikeBranch[i]);
            Assert.True(hub.Count == 1, $"hub has {hub.Count} live pairs for b{i}: {string.Join(", ", hub)}");
            Assert.True(branch.Count == 1, $"b{i} has {branch.Count} live pairs: {string.Join(", ", branch)}");
            Assert.Equal(hub[0].InboundSpi, branch[0].OutboundSpi);
            Assert.Equal(hub[0].OutboundSpi, branch[0].InboundSpi);
            Assert.Equal(1, InboundSas(_branch[i]));
            Assert.Equal(1, OutboundSas(_branch[i]));
            Assert.Single(Established(_ikeBranch[i]));
        }

        Assert.Equal(Branches, InboundSas(_hub));
        Assert.Equal(Branches, OutboundSas(_hub));
        Assert.Equal(Branches, Established(_ikeHub).Count);
    }

    [Fact]
    public void Hundred_branches_behind_NATs_come_up_carry_traffic_both_ways_and_rekey()
    {
        // All 100 start at once; within a minute every one is up.
        long upAt = 0;
        for (long t = 0; t < 60_000 && upAt == 0; t += 1000)
        {
            Pump(1000);
            if (Enumerable.Range(0, Branches).All(i => HubPairs(i).Count == 1 && Live(_ikeBranch[i]).Count == 1))
            {
                upAt = _clock.NowMs;
            }
        }

        Assert.True(upAt > 0, "up after 60 s: " + Enumerable.Range(0, Branches).Count(i => HubPairs(i).Count == 1) + " of " + Branches
            + "; hub DH refused " + _ikeHub.Daemon.ResponderDh.Refused + ", half-open refused " + _ikeHub.Daemon.HalfOpenRefused);
        Pump(1000);
        AssertOnePairPerBranch();

        // Every branch behind its own NAT's address; the port-preserving NATs kept 4500, the others chose one.
        for (int i = 0; i < Branches; i++)
        {
            IkeSa sa = HubPairs(i)[0].Sa;
            Assert.Equal(Public(i), sa.PeerAddress);
            if (i % 2 == 0)
            {
                Assert.Equal(4500, sa.PeerPort);
            }
            else
            {
                Assert.InRange(sa.PeerPort, 40000, 49999);
            }
        }

        // Traffic both ways, counted at each end: each branch host answered the hub's ping and got its own answered.
        (int sent, int answered) = Traffic(1);
        Assert.Equal(sent, answered);
        for (int i = 0; i < Branches; i++)
        {
            Assert.Equal(1, _host[i].Answered);
            Assert.Equal(1, _host[i].Replies.Count(r => r.From == _hubHost.Address));
        }

        Assert.Equal(Branches, _hubHost.Answered);
        Assert.Equal(Branches, _hubHost.Replies.Count);

        // Past both lifetimes (phase 2 120 s, phase 1 180 s) with a round of pings every 10 s.
        uint[] firstSpis = Enumerable.Range(0, Branches).Select(i => HubPairs(i)[0].InboundSpi).ToArray();
        IkeSa[] firstIke = Enumerable.Range(0, Branches).Select(i => HubPairs(i)[0].Sa).ToArray();
        ulong rekeysBefore = _ikeHub.Statistics.Rekeys + (ulong)_ikeBranch.Sum(k => (long)k.Statistics.Rekeys);
        ushort sequence = 1;
        for (long end = _clock.NowMs + 230_000; _clock.NowMs < end;)
        {
            sequence++;
            (int s, int n) = Traffic(sequence);
            sent += s;
            answered += n;
            Pump(10_000 - 400);
        }

        Pump(ChildSaManager.RetireGraceMs + 1000);
        Assert.Equal(sent, answered);
        Assert.Equal(sequence * Branches, _hubHost.Answered);
        Assert.All(_host, h => Assert.Equal(sequence, h.Answered));

        // New SAs at both ends, old ones deleted: one pair per branch, none of the first SPIs, every IKE SA re-authenticated.
        AssertOnePairPerBranch();
        ulong rekeys = _ikeHub.Statistics.Rekeys + (ulong)_ikeBranch.Sum(k => (long)k.Statistics.Rekeys) - rekeysBefore;
        Assert.True(rekeys >= Branches, "phase 2 rekeys: " + rekeys);
        for (int i = 0; i < Branches; i++)
        {
            ChildSa now = HubPairs(i)[0];
            Assert.NotEqual(firstSpis[i], now.InboundSpi);
            Assert.NotSame(firstIke[i], now.Sa);
            Assert.True(_ikeBranch[i].Statistics.Phase1Established >= 2, $"b{i}: phase 1 established {_ikeBranch[i].Statistics.Phase1Established} times");
        }

        Assert.True(_ikeHub.Statistics.Phase1Established >= 2 * Branches, "hub phase 1 established " + _ikeHub.Statistics.Phase1Established);
        (int last, int lastAnswered) = Traffic(++sequence);
        Assert.Equal(last, lastAnswered);
    }
}
