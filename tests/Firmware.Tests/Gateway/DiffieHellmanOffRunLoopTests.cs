using NanoGate.Boards.Sim;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Ike;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Issue 15: no Diffie-Hellman stalls ESP forwarding. The sim board holds every DH job pending
/// (<see cref="SimJobRunner.Hold"/>) while a phase 1 re-authentication or a PFS rekey (MODP-2048,
/// the default group) waits for it: traffic through the existing pair goes on untouched, the
/// negotiation stands still, and it completes once the jobs are released. gwA (branch) sits
/// behind a port-changing NAPT, gwB (head office) is public, as in <see cref="TunnelLifeTests"/>.
/// </summary>
public sealed class DiffieHellmanOffRunLoopTests
{
    private const int Step = 10;
    private readonly ManualClock _clock = new();
    private readonly SimNetwork _net;
    private readonly StringWriter _warnings = new();
    private readonly SimGateway _a;
    private readonly SimGateway _b;
    private readonly IkeKeyExchange _ikeA;
    private readonly IkeKeyExchange _ikeB;
    private readonly SimLanHost _hostA;
    private readonly SimLanHost _hostB;

    public DiffieHellmanOffRunLoopTests()
    {
        _net = new SimNetwork(_clock, new DeterministicRandom(15));
        _net.AddNat("branch", Ip("198.51.100.1"), Ip("192.168.1.0"), 24, NatPortMode.Change);
        _a = new SimGateway(_net, "gwA", Ip("192.168.1.2"), 1,
            Config("gwA", "192.168.1.2/24", "192.168.1.1", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24"), _warnings);
        _b = new SimGateway(_net, "gwB", Ip("203.0.113.2"), 2,
            Config("gwB", "203.0.113.2/24", "203.0.113.1", "10.2.0.1/24", "198.51.100.1", "10.2.0.0/24", "10.1.0.0/24"), _warnings);
        _ikeA = new IkeKeyExchange(_a.Node);
        _a.Node.KeyExchange = _ikeA;
        _ikeB = new IkeKeyExchange(_b.Node);
        _b.Node.KeyExchange = _ikeB;
        _hostA = _a.Board.Lan.AddHost(Ip("10.1.0.10"));
        _hostB = _b.Board.Lan.AddHost(Ip("10.2.0.20"));
    }

    private static uint Ip(string s) => ManualKeys.Ip(s);

    // Phase 1 lives 300 s (re-authenticated at 270 s), phase 2 an hour, PFS with MODP-2048.
    private static string Config(string sysname, string wan, string gateway, string lan, string peer, string localNet, string remoteNet) =>
        $"""
        sysname {sysname}
        interface wan address {wan} gateway {gateway}
        interface lan address {lan}
        ike proposal 10
         sa duration 300
        ike peer peer
         pre-shared-key simple fake-test-key
         remote-address {peer}
         ike-proposal 10
        ipsec proposal p1
        ipsec policy to-peer
         ike-peer peer
         proposal p1
         local-subnet {localNet}
         remote-subnet {remoteNet}
         pfs dh-group14
         sa duration time-based 3600
        """;

    private void Pump(long ms)
    {
        for (long t = 0; t < ms; t += Step)
        {
            _a.Node.RunOnce(_clock.NowMs);
            _b.Node.RunOnce(_clock.NowMs);
            _net.Poll();
            _clock.Advance(Step);
        }
    }

    /// <summary>A pings B and B pings A every 200 ms for <paramref name="ms"/>; (sent, answered).</summary>
    private (int Sent, int Answered) Traffic(long ms)
    {
        int repliesA = _hostA.Replies.Count, repliesB = _hostB.Replies.Count, sent = 0;
        ushort seq = 1;
        for (long t = 0; t < ms; t += 200)
        {
            _hostA.Ping(_hostB.Address, seq);
            Pump(100);
            _hostB.Ping(_hostA.Address, seq);
            Pump(100);
            sent += 2;
            seq++;
        }

        Pump(200);
        return (sent, _hostA.Replies.Count - repliesA + _hostB.Replies.Count - repliesB);
    }

    private void BringUp()
    {
        int before = _hostA.Replies.Count;
        for (int i = 0; i < 30 && _hostA.Replies.Count == before; i++)
        {
            _hostA.Ping(_hostB.Address, (ushort)(i + 1));
            Pump(500);
        }

        Assert.True(_hostA.Replies.Count > before, "no tunnel");
        Pump(1000);
    }

    private void Hold(bool hold)
    {
        _a.Board.Jobs.Hold = hold;
        _b.Board.Jobs.Hold = hold;
    }

    private int Pending => _a.Board.Jobs.Pending + _b.Board.Jobs.Pending;

    /// <summary>Releases the held jobs step by step (each side computes in turn) until <paramref name="done"/>.</summary>
    private void ReleaseUntil(Func<bool> done, string what)
    {
        for (int i = 0; i < 40 && !done(); i++)
        {
            _a.Board.Jobs.Release();
            _b.Board.Jobs.Release();
            (int sent, int answered) = Traffic(400);
            Assert.Equal(sent, answered);
        }

        Assert.True(done(), what);
    }

    private static List<ChildSa> Live(IkeKeyExchange ike) =>
        Enumerable.Range(0, ike.Quick.ChildCount).Select(ike.Quick.GetChild).Where(c => c.State != ChildSaState.Retired).ToList();

    [Fact]
    public void Esp_flows_while_the_phase1_Diffie_Hellman_of_a_reauthentication_is_held_and_it_completes_after_release()
    {
        BringUp();
        ulong established = _ikeA.Statistics.Phase1Established;
        Hold(true);

        // Up to the re-authentication (90 % of 300 s): the new main mode stops at its first DH.
        for (int i = 0; i < 40 && Pending == 0; i++)
        {
            (int s, int n) = Traffic(10_000);
            Assert.Equal(s, n);
        }

        Assert.True(Pending > 0, "no Diffie-Hellman was started");

        // 20 s with the DH held (below the 30 s half-open timeout): every packet crosses.
        (int sent, int answered) = Traffic(20_000);
        Assert.True(sent >= 100);
        Assert.Equal(sent, answered);
        Assert.True(Pending > 0);
        Assert.Equal(established, _ikeA.Statistics.Phase1Established);

        ReleaseUntil(() => _ikeA.Statistics.Phase1Established > established && _ikeB.Statistics.Phase1Established > established,
            "the re-authentication did not complete after its jobs were released");
        Assert.True(_ikeA.Daemon.JobsResumed >= 2); // key pair after MM2, g^xy after MM4
        Assert.True(_ikeB.Daemon.JobsResumed >= 1); // key pair and g^xy after MM3
        Hold(false);
        (sent, answered) = Traffic(5_000);
        Assert.Equal(sent, answered);
    }

    [Fact]
    public void Esp_flows_while_a_PFS_Diffie_Hellman_of_a_rekey_is_held_and_the_new_pair_takes_over_after_release()
    {
        BringUp();
        ChildSa old = Live(_ikeA).Single();
        Hold(true);
        Assert.True(_ikeA.Quick.Rekey(old.OutboundSpi, _clock.NowMs));
        Assert.Equal(1, _a.Board.Jobs.Pending); // our PFS key pair, before QM1

        (int sent, int answered) = Traffic(10_000);
        Assert.True(sent >= 50);
        Assert.Equal(sent, answered);
        Assert.Same(old, Live(_ikeA).Single());

        ReleaseUntil(() => Live(_ikeA).Count == 1 && Live(_ikeA)[0] != old && Live(_ikeB).Count == 1 && Live(_ikeB)[0].InboundSpi != old.OutboundSpi,
            "the rekey did not complete after its jobs were released");
        Assert.True(_ikeA.Quick.JobsResumed >= 2); // key pair before QM1, g(qm)^xy after QM2
        Assert.True(_ikeB.Quick.JobsResumed >= 1); // key pair and g(qm)^xy after QM1
        ChildSa renewed = Live(_ikeA).Single();
        Assert.Equal(renewed.InboundSpi, Live(_ikeB).Single().OutboundSpi);
        (sent, answered) = Traffic(5_000);
        Assert.Equal(sent, answered);
    }
}
