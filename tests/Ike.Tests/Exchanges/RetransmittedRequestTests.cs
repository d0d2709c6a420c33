using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// Issue 20 (3): a peer that does not act on our error notify (Libreswan) retransmits its
/// request; each repeat must get the stored answer and count once, not start a new negotiation
/// with a new error record.
/// </summary>
public class RetransmittedRequestTests
{
    /// <summary>Drops every informational message from HQ, so the branch keeps retransmitting.</summary>
    private static void DeafToHqNotifies(Rig rig) => rig.Network.Tamper = (from, to, d) =>
    {
        if (from.Address != Rig.HqAddress)
        {
            return d;
        }

        int at = d.Length > 4 && d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == 0 ? 4 : 0;
        var m = new IsakmpMessage();
        return m.TryParse(d, at, d.Length - at) && m.ExchangeType == ExchangeType.Informational ? null : d;
    };

    // HDR, SA(aes128-sha1) -->  (x 6: MM1 and its 5 retransmissions)
    //                      <-- HDR, N(NO-PROPOSAL-CHOSEN) each time, one record at HQ
    [Theory]
    [InlineData(ExchangeMode.Main)]
    [InlineData(ExchangeMode.Aggressive)]
    public void RetransmittedFirstMessageIsRefusedOnce(ExchangeMode mode)
    {
        var rig = new Rig(NatCase.None, mode, DhGroup.Modp2048);
        rig.BranchPeer.ClearProposals();
        rig.BranchPeer.AddProposal(new IkeProposal(1) { KeySize = 16, Hash = HashAlgorithm.Sha1, Group = DhGroup.Modp2048 });
        DeafToHqNotifies(rig);
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => rig.Branch.Failures.Count > 0, 300_000));
        rig.RunUntil(() => false, 100);

        int retransmits = rig.Branch.Daemon.Retransmissions;
        Assert.Equal(rig.Branch.Daemon.Retransmit.Tries, retransmits);
        var hq = Assert.Single(rig.Hq.Failures);
        Assert.Equal(Phase1FailureReason.ProposalMismatch, hq.Reason);
        Assert.Single(rig.Hq.Events, e => e.StartsWith("negotiating", StringComparison.Ordinal));
        Assert.Equal(retransmits, rig.Hq.Daemon.DuplicatesAnswered);
        Assert.Equal(1 + retransmits, rig.Hq.Daemon.Sent);
    }

    // HDR*, HASH(1), SA, Ni, IDci, IDcr -->  (x 6)
    //                                   <-- HDR*, HASH(1), N(NO-PROPOSAL-CHOSEN) each time, one record
    [Fact]
    public void RetransmittedQuickMode1IsRefusedOnce()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        rig.Hq.Quick!.ClearPolicies();
        rig.Hq.Quick.AddPolicy(new IpsecPolicy("tun")
        {
            PeerName = "branch",
            LocalSubnet = QuickModeMatrixTests.HqLan,
            LocalPrefixLength = 16,
            RemoteSubnet = QuickModeMatrixTests.BranchLan,
            RemotePrefixLength = 16,
        }, QuickModeMatrixTests.Esp("aes256-sha256"));
        Assert.True(rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs));
        Assert.True(rig.RunUntil(rig.BothEstablished, 10_000));
        DeafToHqNotifies(rig);
        Assert.True(rig.RunUntil(() => rig.Branch.Ipsec!.Failures.Count > 0, 300_000));
        rig.RunUntil(() => false, 100);

        Assert.Equal(QuickMode.MaxRetransmits, rig.Branch.Quick.Retransmissions);
        var f = Assert.Single(rig.Hq.Ipsec!.Failures);
        Assert.Equal(Phase2FailureReason.ProposalMismatch, f.Reason);
        Assert.Single(rig.Hq.Ipsec.Negotiating);
        Assert.Equal(1, rig.Hq.Quick.Started);
        int informational = rig.InternetIke().Count(m => m.Record.Source.Address == Rig.HqAddress && m.Exchange == ExchangeType.Informational);
        int answers = informational - rig.Hq.Quick.DpdSent - rig.Hq.Quick.DpdAnswered - rig.Hq.Quick.DeletesSent;
        Assert.Equal(1 + QuickMode.MaxRetransmits, answers);
    }

    // HDR*, HASH(1), SA, Ni, IDci, IDcr -->
    //        <-- HDR*, HASH(2), SA, Nr, IDci, IDcr   (and again: the responder did not see QM3)
    // HDR*, HASH(3) -->                               (the stored QM3, the same bytes, once per copy)
    [Fact]
    public void RetransmittedQuickMode2GetsTheStoredQm3()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        Assert.True(rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs));
        Assert.True(rig.RunUntil(() => QuickModeMatrixTests.BothInstalled(rig), 10_000));
        var quick = rig.InternetIke().Where(m => m.Exchange == ExchangeType.QuickMode).ToList();
        Assert.Equal(3, quick.Count);
        byte[] qm2 = quick[1].Message;
        byte[] qm3 = quick[2].Message;

        int before = rig.InternetIke().Count;
        rig.Branch.Daemon.HandleDatagram((byte[])qm2.Clone(), 0, qm2.Length, Rig.HqAddress, 500, 500, rig.Clock.NowMs);
        var answer = Assert.Single(rig.InternetIke().Skip(before));
        Assert.Equal(qm3, answer.Message);

        byte[] changed = (byte[])qm2.Clone();
        changed[^1] ^= 0x01;
        before = rig.InternetIke().Count;
        rig.Branch.Daemon.HandleDatagram(changed, 0, changed.Length, Rig.HqAddress, 500, 500, rig.Clock.NowMs);
        Assert.Equal(before, rig.InternetIke().Count);
        Assert.Single(rig.Branch.Ipsec!.Installed);
        Assert.Equal(1, rig.Branch.Quick.Started);
    }
}
