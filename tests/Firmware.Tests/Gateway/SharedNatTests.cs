using NanoGate.Boards.Sim;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Ike;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Two branch gateways behind one port-changing NAPT (198.51.100.1) and one head office that takes
/// them in aggressive mode from any address, told apart by their identities (the dynamic-address
/// case: the validator insists on a remote-id for an address range). NAT-T (RFC 3947/3948) keeps
/// their traffic apart by the ports the NAT gave them, and the life of one tunnel (its
/// INITIAL-CONTACT after a restart, its death by DPD) must not touch the other's although both come
/// from the same address.
/// </summary>
public sealed class SharedNatTests
{
    private const int Step = 10;
    private readonly ManualClock _clock = new();
    private readonly SimNetwork _net;
    private readonly StringWriter _warnings = new();
    private readonly SimGateway[] _branch = new SimGateway[2];
    private readonly IkeKeyExchange[] _ikeBranch = new IkeKeyExchange[2];
    private readonly SimLanHost[] _host = new SimLanHost[2];
    private readonly SimGateway _hq;
    private readonly IkeKeyExchange _ikeHq;
    private readonly SimLanHost _hqHost;

    public SharedNatTests()
    {
        _net = new SimNetwork(_clock, new DeterministicRandom(3));
        _net.AddNat("branches", Ip("198.51.100.1"), Ip("192.168.1.0"), 24, NatPortMode.Change);
        _hq = new SimGateway(_net, "hq", Ip("203.0.113.2"), 9, HqConfig, _warnings);
        _ikeHq = new IkeKeyExchange(_hq.Node);
        _hq.Node.KeyExchange = _ikeHq;
        _hqHost = _hq.Board.Lan.AddHost(Ip("10.2.0.20"));
        for (int i = 0; i < 2; i++)
        {
            PowerOn(i, (uint)(i + 1));
        }
    }

    private static uint Ip(string s) => ManualKeys.Ip(s);

    private const string HqConfig = """
        sysname hq
        interface wan address 203.0.113.2/24 gateway 203.0.113.1
        interface lan address 10.2.0.1/24
        ike proposal 10
        ike peer b1
         exchange-mode aggressive
         pre-shared-key simple fake-test-key
         remote-address 0.0.0.0/0
         remote-id fqdn b1.branch.example
         ike-proposal 10
         dpd interval 10 retry 2
        ike peer b2
         exchange-mode aggressive
         pre-shared-key simple fake-test-key
         remote-address 0.0.0.0/0
         remote-id fqdn b2.branch.example
         ike-proposal 10
         dpd interval 10 retry 2
        ipsec proposal p1
        ipsec policy to-b1
         ike-peer b1
         proposal p1
         local-subnet 10.2.0.0/24
         remote-subnet 10.11.0.0/24
        ipsec policy to-b2
         ike-peer b2
         proposal p1
         local-subnet 10.2.0.0/24
         remote-subnet 10.12.0.0/24
        """;

    private static string BranchConfig(int n) => $"""
        sysname b{n}
        interface wan address 192.168.1.{n + 1}/24 gateway 192.168.1.254
        interface lan address 10.1{n}.0.1/24
        ike proposal 10
        ike peer hq
         exchange-mode aggressive
         pre-shared-key simple fake-test-key
         remote-address 203.0.113.2
         local-id fqdn b{n}.branch.example
         ike-proposal 10
         dpd interval 10 retry 2
        ipsec proposal p1
        ipsec policy to-hq
         ike-peer hq
         proposal p1
         local-subnet 10.1{n}.0.0/24
         remote-subnet 10.2.0.0/24
        """;

    private void PowerOn(int i, uint seed)
    {
        _branch[i] = new SimGateway(_net, "b" + (i + 1), Ip("192.168.1." + (i + 2)), seed, BranchConfig(i + 1), _warnings);
        _ikeBranch[i] = new IkeKeyExchange(_branch[i].Node);
        _branch[i].Node.KeyExchange = _ikeBranch[i];
        _host[i] = _branch[i].Board.Lan.AddHost(Ip("10.1" + (i + 1) + ".0.10"));
    }

    private void Pump(long ms)
    {
        for (long t = 0; t < ms; t += Step)
        {
            _branch[0].Node.RunOnce(_clock.NowMs);
            _branch[1].Node.RunOnce(_clock.NowMs);
            _hq.Node.RunOnce(_clock.NowMs);
            _net.Poll();
            _clock.Advance(Step);
        }
    }

    /// <summary>Branch <paramref name="i"/>'s host pings HQ's host every 500 ms until answered; true when it was within <paramref name="maxMs"/>.</summary>
    private bool Reaches(int i, long maxMs)
    {
        int before = _host[i].Replies.Count;
        for (long t = 0; t < maxMs; t += 500)
        {
            _host[i].Ping(_hqHost.Address, (ushort)(t / 500 + 1));
            Pump(500);
            if (_host[i].Replies.Count > before)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>HQ's host pings branch <paramref name="i"/>'s host once; true when the reply came.</summary>
    private bool HqReaches(int i)
    {
        int before = _hqHost.Replies.Count;
        _hqHost.Ping(_host[i].Address, 77);
        Pump(200);
        return _hqHost.Replies.Count > before;
    }

    private List<ChildSa> HqPairs(string policy) =>
        Enumerable.Range(0, _ikeHq.Quick.ChildCount).Select(_ikeHq.Quick.GetChild)
            .Where(c => c.State != ChildSaState.Retired && c.Policy.Name == policy).ToList();

    private int HqIkeSas() =>
        Enumerable.Range(0, _ikeHq.Daemon.Capacity).Count(i => _ikeHq.Daemon.GetSa(i) is { State: IkeSaState.Established });

    [Fact]
    public void Two_branches_behind_one_NAT_come_up_side_by_side()
    {
        Assert.True(Reaches(0, 15_000), "branch 1: " + string.Join(" | ", Enumerable.Range(0, _ikeHq.RecordCount).Select(_ikeHq.GetRecord)));
        Assert.True(Reaches(1, 15_000));
        Assert.True(HqReaches(0));
        Assert.True(HqReaches(1));
        Assert.Equal(2, HqIkeSas());
        ChildSa b1 = Assert.Single(HqPairs("to-b1")), b2 = Assert.Single(HqPairs("to-b2"));

        // Both behind 198.51.100.1, told apart by the ports the NAT chose (RFC 3948 §2.1).
        Assert.Equal(Ip("198.51.100.1"), b1.Sa!.PeerAddress);
        Assert.Equal(Ip("198.51.100.1"), b2.Sa!.PeerAddress);
        Assert.NotEqual(b1.Sa.PeerPort, b2.Sa.PeerPort);
        Assert.Equal("fqdn b1.branch.example", b1.RemoteIdentity);
        Assert.Equal("fqdn b2.branch.example", b2.RemoteIdentity);
    }

    [Fact]
    public void A_restarted_branch_INITIAL_CONTACT_drops_only_its_own_SAs()
    {
        Assert.True(Reaches(0, 15_000));
        Assert.True(Reaches(1, 15_000));
        ChildSa b2 = Assert.Single(HqPairs("to-b2"));
        ChildSa oldB1 = Assert.Single(HqPairs("to-b1"));

        _branch[0].Board.PowerOff();
        PowerOn(0, 11);
        Assert.True(Reaches(0, 5_000));
        Assert.NotEqual(oldB1.InboundSpi, Assert.Single(HqPairs("to-b1")).InboundSpi);
        Assert.Same(b2, Assert.Single(HqPairs("to-b2")));
        Assert.True(HqReaches(1));
        Assert.Equal(2, HqIkeSas());
    }

    [Fact]
    public void A_dead_branch_is_cleared_by_DPD_and_the_other_stays()
    {
        Assert.True(Reaches(0, 15_000));
        Assert.True(Reaches(1, 15_000));
        ChildSa b2 = Assert.Single(HqPairs("to-b2"));

        // Branch 1 disappears; branch 2 keeps talking.
        _branch[0].Board.PowerOff();
        for (int i = 0; i < 10; i++)
        {
            Assert.True(Reaches(1, 2_000));
            Pump(1_500);
        }

        Assert.True(1UL == _ikeHq.Statistics.DpdTimeouts, "dpd sent " + _ikeHq.Statistics.DpdSent + " answered " + _ikeHq.Statistics.DpdAnswered + " at " + _clock.NowMs + ": "
            + string.Join(" | ", Enumerable.Range(0, _ikeHq.Daemon.Capacity).Select(_ikeHq.Daemon.GetSa).Where(s => s != null)
                .Select(s => s!.ToString() + " dpd=" + s.PeerSupportsDpd + " conf=" + s.PeerConfirmed + " heard=" + s.LastHeardMs + " probes=" + s.DpdProbes)));
        Assert.Empty(HqPairs("to-b1"));
        Assert.Same(b2, Assert.Single(HqPairs("to-b2")));
        Assert.Equal(1, HqIkeSas());
        Assert.True(HqReaches(1));
    }
}
