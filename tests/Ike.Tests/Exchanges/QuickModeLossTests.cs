using NanoGate.Hal.Crypto;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// Phase 1 and quick mode through a faulty network on the sim board (port-changing NAPT, branch
/// initiates, seeded): loss, duplication, reordering. The tunnel must come up with exactly one SA
/// pair on each side whose SPIs and keys cross over (no duplicate tunnels), in bounded time.
/// </summary>
public class QuickModeLossTests
{
    private static void AssertOnePair(Rig rig)
    {
        var (bIn, bOut) = Assert.Single(rig.Branch.Ipsec!.Installed);
        var (hIn, hOut) = Assert.Single(rig.Hq.Ipsec!.Installed);
        Assert.Equal(bOut.Spi, hIn.Spi);
        Assert.Equal(hOut.Spi, bIn.Spi);
        Assert.Equal(bOut.EncryptionKey, hIn.EncryptionKey);
        Assert.Equal(hOut.EncryptionKey, bIn.EncryptionKey);
        Assert.Empty(rig.Branch.Ipsec.Reserved);
        Assert.Empty(rig.Hq.Ipsec.Reserved);
        Assert.Empty(rig.Branch.Ipsec.Errors);
        Assert.Empty(rig.Hq.Ipsec.Errors);
    }

    private static Rig Start(uint seed, Action<Rig> faults)
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.Change, "aes128-sha256", DhGroup.Ecp256, seed);
        faults(rig);
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        return rig;
    }

    /// <summary>
    /// 30 % loss each way, 20 seeds, ten minutes of simulated time at most. Phase 1 may still time
    /// out (all six transmissions of one step lost, as in <see cref="Phase1ErrorTests"/>); whenever it
    /// comes up, the branch installs exactly one pair: a lost QM1 or QM2 is recovered by the QM1
    /// retransmission, answered from HQ's stored QM2. HQ never holds a pair the branch lacks, and
    /// nothing but timeouts fails. (That HQ installs too is <see cref="QuickModeRecoveryTests"/>.)
    /// </summary>
    [Fact]
    public void InitiatorEstablishesUnderThirtyPercentLoss()
    {
        int phase1Up = 0, installed = 0, retransmitted = 0;
        foreach (uint seed in Enumerable.Range(1, 20).Select(s => (uint)s))
        {
            Rig rig = Start(seed, r => r.Network.Faults.LossPercent = 30);
            bool done = rig.RunUntil(() => rig.Branch.Ipsec!.Installed.Count > 0 || rig.Branch.Ipsec.Failures.Count > 0 || rig.Branch.Failures.Count > 0, 600_000);
            Assert.True(done, "seed " + seed + ": neither up nor failed after 10 minutes");
            rig.Network.Faults.LossPercent = 0;
            rig.RunUntil(() => false, QuickMode.KeepMs + 1000);

            Assert.All(rig.Branch.Failures.Concat(rig.Hq.Failures), f => Assert.True(Phase1FailureReason.PeerTimeout == f.Reason, "seed " + seed + ": " + f.Reason + " " + f.Detail));
            Assert.All(rig.Branch.Ipsec!.Failures.Concat(rig.Hq.Ipsec!.Failures), f => Assert.True(Phase2FailureReason.PeerTimeout == f.Reason, "seed " + seed + ": " + f.Reason + " " + f.Detail));
            Assert.Empty(rig.Branch.Ipsec.Errors);
            Assert.Empty(rig.Hq.Ipsec.Errors);
            Assert.Empty(rig.Branch.Ipsec.Reserved);
            Assert.Empty(rig.Hq.Ipsec.Reserved);
            Assert.InRange(rig.Branch.Ipsec.Installed.Count, 0, 1);
            Assert.InRange(rig.Hq.Ipsec.Installed.Count, 0, rig.Branch.Ipsec.Installed.Count);
            if (rig.Branch.Established is not null)
            {
                phase1Up++;
                Assert.Single(rig.Branch.Ipsec.Installed);
                installed++;
                var (bIn, bOut) = rig.Branch.Ipsec.Installed[0];
                if (rig.Hq.Ipsec.Installed.Count == 1)
                {
                    Assert.Equal(bOut.Spi, rig.Hq.Ipsec.Installed[0].Inbound.Spi);
                    Assert.Equal(bIn.Spi, rig.Hq.Ipsec.Installed[0].Outbound.Spi);
                }
            }

            retransmitted += rig.Branch.Quick!.Retransmissions;
        }

        Assert.True(phase1Up >= 17, phase1Up + " of 20 phase 1 up");
        Assert.Equal(phase1Up, installed);
        Assert.True(retransmitted > 0);
    }

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 20).Select(s => new object[] { (uint)s });

    /// <summary>Every datagram delivered twice: duplicates are answered or ignored, never a second tunnel.</summary>
    [Theory]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(3u)]
    public void DuplicatesMakeNoSecondTunnel(uint seed)
    {
        Rig rig = Start(seed, r => r.Network.Faults.DuplicatePercent = 100);
        Assert.True(rig.RunUntil(() => QuickModeMatrixTests.BothInstalled(rig), 10_000));
        rig.RunUntil(() => false, QuickMode.KeepMs + 1000);
        AssertOnePair(rig);
        Assert.Single(rig.Branch.Ipsec!.Established);
        Assert.Single(rig.Hq.Ipsec!.Established);
        Assert.Empty(rig.Branch.Ipsec.Failures);
        Assert.Empty(rig.Hq.Ipsec.Failures);
    }

    /// <summary>Half of the datagrams held back 30 ms (some also duplicated): the tunnel still comes up once.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void ReorderingAndDuplicationMakeOneTunnel(uint seed)
    {
        Rig rig = Start(seed, r =>
        {
            r.Network.Faults.ReorderPercent = 50;
            r.Network.Faults.DuplicatePercent = 30;
        });
        Assert.True(rig.RunUntil(() => QuickModeMatrixTests.BothInstalled(rig), 60_000));
        rig.RunUntil(() => false, QuickMode.KeepMs + 1000);
        AssertOnePair(rig);
        Assert.Empty(rig.Branch.Ipsec!.Failures);
        Assert.Empty(rig.Hq.Ipsec!.Failures);
    }
}
