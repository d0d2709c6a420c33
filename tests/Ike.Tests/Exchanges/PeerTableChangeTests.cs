using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// Peers added and removed while the daemon runs (a configuration applied as a difference, issue
/// 14): a removed peer's SAs go with Delete payloads and nothing of the other peers changes; a peer
/// added later initiates and answers like one configured from the start.
/// </summary>
public class PeerTableChangeTests
{
    public static readonly uint EastAddress = Rig.Ip("198.51.100.9");
    public static readonly uint EastLan = Rig.Ip("10.3.0.0");

    [Fact]
    public void RemovingAnUnknownPeerReturnsFalse()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        Assert.False(rig.Hq.Daemon.RemovePeer("nobody", rig.Clock.NowMs));
        Assert.Equal(1, rig.Hq.Daemon.PeerCount);
        Assert.Equal(1, rig.Hq.Quick!.PolicyCount);
    }

    /// <summary>
    /// HQ removes the branch with a tunnel up: the branch hears a protected Delete for the IPsec SA
    /// and one for the ISAKMP SA (RFC 2408 §3.15), HQ keeps no SA, policy or peer of it.
    /// </summary>
    [Fact]
    public void RemovingAnEstablishedPeerDeletesItsSasAtBothEnds()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => QuickModeMatrixTests.BothInstalled(rig), 10_000));
        rig.RunUntil(() => false, 100);
        int wireBefore = rig.InternetIke().Count;

        Assert.True(rig.Hq.Daemon.RemovePeer("branch", rig.Clock.NowMs));
        rig.RunUntil(() => false, 1000);

        Assert.Equal(0, rig.Hq.Daemon.PeerCount);
        Assert.Equal(0, rig.Hq.Quick!.PolicyCount);
        Assert.Equal(0, rig.Hq.Quick.ChildCount);
        Assert.Empty(rig.Hq.Ipsec!.Installed);
        Assert.Empty(rig.Hq.Ipsec.Reserved);
        for (int i = 0; i < rig.Hq.Daemon.Capacity; i++)
        {
            Assert.Null(rig.Hq.Daemon.GetSa(i));
        }

        // Two protected informational Deletes from HQ: ESP then ISAKMP.
        var deletes = rig.InternetIke().Skip(wireBefore)
            .Where(m => m.Record.Source.Address == Rig.HqAddress && m.Exchange == ExchangeType.Informational && m.Encrypted).ToList();
        Assert.Equal(2, deletes.Count);
        Assert.Equal(2, rig.Branch.Quick.DeletesReceived + rig.Branch.Events.Count(e => e.StartsWith("deleted", StringComparison.Ordinal)));
        Assert.Empty(rig.Branch.Ipsec!.Installed);
        Assert.Null(rig.Branch.Daemon.FindEstablished(rig.BranchPeer));
    }

    /// <summary>A peer still negotiating is dropped without a message; its retransmissions then find no state.</summary>
    [Fact]
    public void RemovingANegotiatingPeerLeavesNoState()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        rig.Network.Faults.LossPercent = 100;
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.NotNull(rig.Branch.Daemon.GetSa(0));

        Assert.True(rig.Branch.Daemon.RemovePeer("hq", rig.Clock.NowMs));
        Assert.Null(rig.Branch.Daemon.GetSa(0));
        Assert.Equal(long.MaxValue, rig.Branch.Daemon.NextDeadlineMs);
        rig.Network.Faults.LossPercent = 0;
        rig.RunUntil(() => false, 60_000);
        Assert.Empty(rig.Branch.Failures);
        Assert.Empty(rig.Branch.Ipsec!.Reserved);
        Assert.Equal(0, rig.Branch.Quick.PolicyCount);
    }

    /// <summary>
    /// A third gateway, east, is added to HQ while HQ's tunnel with the branch is up: east's phase 1
    /// and quick mode are answered, HQ can initiate to east as well, and removing east afterwards
    /// leaves the branch tunnel exactly as it was.
    /// </summary>
    [Fact]
    public void APeerAddedAtRunTimeRespondsAndInitiatesAndItsRemovalSparesTheOthers()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => QuickModeMatrixTests.BothInstalled(rig), 10_000));
        var branchPair = rig.Hq.Ipsec!.Installed.Single();
        int hqSas = CountSas(rig.Hq.Daemon);

        var east = new Gateway(rig.Network, "east", EastAddress, 700);
        east.EnableQuickMode(701);
        east.Daemon.AddPeer(Gateway.Peer("hq", Rig.HqAddress, ExchangeMode.Main, DhGroup.Ecp256, "east-psk", "east.example.net", "hq.example.net"));
        east.Quick!.AddPolicy(new IpsecPolicy("e") { PeerName = "hq", LocalSubnet = EastLan, LocalPrefixLength = 16, RemoteSubnet = QuickModeMatrixTests.HqLan, RemotePrefixLength = 16 },
            QuickModeMatrixTests.Esp("aes128-sha256"));
        rig.Hq.Daemon.AddPeer(Gateway.Peer("east", EastAddress, ExchangeMode.Main, DhGroup.Ecp256, "east-psk", "hq.example.net", "east.example.net"));
        rig.Hq.Quick!.AddPolicy(new IpsecPolicy("e") { PeerName = "east", LocalSubnet = QuickModeMatrixTests.HqLan, LocalPrefixLength = 16, RemoteSubnet = EastLan, RemotePrefixLength = 16 },
            QuickModeMatrixTests.Esp("aes128-sha256"));

        // East initiates: HQ answers.
        Assert.True(east.Quick.Initiate("e", rig.Clock.NowMs));
        Assert.True(Run(rig, east, () => east.Ipsec!.Installed.Count == 1 && rig.Hq.Ipsec.Installed.Count == 2, 10_000),
            string.Join("\n", east.Events.Concat(rig.Hq.Events)));

        // HQ initiates to east (a rekey of the pair on its own initiative).
        uint hqEastSpi = rig.Hq.Ipsec.Installed.Single(p => p.Inbound.PolicyName == "e").Inbound.Spi;
        Assert.True(rig.Hq.Quick.Rekey(hqEastSpi, rig.Clock.NowMs));
        Assert.True(Run(rig, east, () => rig.Hq.Quick.Rekeys == 1 && rig.Hq.Ipsec.Established.Count == 3, 10_000));

        // East goes: the branch's pair and ISAKMP SA stay as they were.
        Assert.True(rig.Hq.Daemon.RemovePeer("east", rig.Clock.NowMs));
        Run(rig, east, () => false, 1000);
        Assert.Equal(branchPair, rig.Hq.Ipsec.Installed.Single());
        Assert.Equal(hqSas, CountSas(rig.Hq.Daemon));
        Assert.NotNull(rig.Hq.Daemon.FindEstablished(rig.HqPeer));
        Assert.Single(rig.Branch.Ipsec!.Installed);
        Assert.Empty(east.Ipsec!.Installed);
        Assert.Equal(1, rig.Hq.Quick.PolicyCount);
        Assert.Equal("tun", rig.Hq.Quick.GetPolicy(0).Name);
    }

    private static int CountSas(IkeDaemon d)
    {
        int n = 0;
        for (int i = 0; i < d.Capacity; i++)
        {
            n += d.GetSa(i) is null ? 0 : 1;
        }

        return n;
    }

    /// <summary><see cref="Rig.RunUntil"/> with a third gateway pumped beside the rig's two.</summary>
    private static bool Run(Rig rig, Gateway third, Func<bool> done, long maxMs)
    {
        long end = rig.Clock.NowMs + maxMs;
        while (true)
        {
            rig.Network.Poll();
            third.Pump(rig.Clock.NowMs);
            third.Daemon.Poll(rig.Clock.NowMs);
            third.Quick!.Poll(rig.Clock.NowMs);
            if (rig.RunUntil(done, 0) || done())
            {
                return true;
            }

            long next = Math.Min(rig.Network.NextDeliveryMs ?? long.MaxValue, third.Daemon.NextDeadlineMs);
            next = Math.Min(next, Math.Min(rig.Branch.Daemon.NextDeadlineMs, rig.Hq.Daemon.NextDeadlineMs));
            foreach (QuickMode q in new[] { third.Quick, rig.Branch.Quick!, rig.Hq.Quick! })
            {
                long t = q.NextDeadlineMs;
                next = t <= rig.Clock.NowMs ? next : Math.Min(next, t);
            }

            if (next > end)
            {
                if (rig.Clock.NowMs >= end)
                {
                    return done();
                }

                next = end;
            }

            rig.Clock.Advance(Math.Max(0, next - rig.Clock.NowMs));
        }
    }
}
