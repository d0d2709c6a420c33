using NanoGate.Hal.Crypto;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// Recovery from lost or refused quick mode messages: the responder resends QM2 until QM3 comes, and
/// a side whose data path refuses the SAs deletes the peer's half (two bugs the first version of
/// these tests found).
/// </summary>
public class QuickModeRecoveryTests
{
    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 20).Select(s => new object[] { (uint)s });

    /// <summary>
    /// 30 % loss: whenever phase 1 comes up, the tunnel must come up on BOTH sides (issue 6:
    /// "packet loss of 30% during negotiation still establishes the tunnel thanks to retransmission").
    /// A lost QM3 is recovered: HQ (responder) resends QM2, and the branch answers it with QM3 again.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void BothSidesInstallUnderThirtyPercentLoss(uint seed)
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.Change, "aes128-sha256", DhGroup.Ecp256, seed);
        rig.Network.Faults.LossPercent = 30;
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        rig.RunUntil(() => QuickModeMatrixTests.BothInstalled(rig) || rig.Branch.Failures.Count > 0, 600_000);
        if (rig.Branch.Established is null)
        {
            // Phase 1 itself gave up (its 5 retransmissions all lost): a timeout, nothing else.
            Assert.All(rig.Branch.Failures, f => Assert.Equal(Phase1FailureReason.PeerTimeout, f.Reason));
            Assert.Empty(rig.Branch.Ipsec!.Installed);
            return;
        }

        Assert.Single(rig.Branch.Ipsec!.Installed);
        Assert.Single(rig.Hq.Ipsec!.Installed);
    }

    /// <summary>
    /// The initiator's data path refuses the SAs after QM3 went out: HQ installed its pair and keeps
    /// it (ESP from HQ is black-holed). Expected: the refusing side deletes the peer's half with a
    /// protected informational DELETE of its SPIs (RFC 2408 §3.15, RFC 2409 §5.7).
    /// </summary>
    [Fact]
    public void InitiatorRefusalLeavesNoHalfTunnelAtTheResponder()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        rig.Branch.Ipsec!.RefuseInstall = true;
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => rig.Branch.Ipsec.Failures.Count > 0, 10_000));
        rig.RunUntil(() => false, 1000);
        Assert.Empty(rig.Hq.Ipsec!.Installed);
    }

    /// <summary>Same with HQ refusing after QM3: the branch keeps a pair HQ does not have.</summary>
    [Fact]
    public void ResponderRefusalLeavesNoHalfTunnelAtTheInitiator()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        rig.Hq.Ipsec!.RefuseInstall = true;
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => rig.Hq.Ipsec.Failures.Count > 0, 10_000));
        rig.RunUntil(() => false, 1000);
        Assert.Empty(rig.Branch.Ipsec!.Installed);
    }
}
