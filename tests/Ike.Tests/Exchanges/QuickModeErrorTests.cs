using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// Every quick mode failure between two gateways on the sim board: the reason each listener gets
/// (<see cref="Phase2FailureReason"/>), the notify on the wire inside a protected informational
/// exchange (RFC 2409 §5.7, decrypted here with .NET's AES, its HASH(1) recomputed), and that
/// afterwards no SA is installed and every reserved SPI is released. The branch initiates.
/// </summary>
public class QuickModeErrorTests
{
    private static Rig Run(Action<IpsecPolicy, IpsecPolicy>? configure = null, string branchEsp = "aes128-sha256", string hqEsp = "aes128-sha256",
        DhGroup pfs = DhGroup.None, Action<Rig>? before = null, long maxMs = 10_000)
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, branchEsp, pfs, configure: configure);
        if (hqEsp != branchEsp)
        {
            rig.Hq.Quick!.ClearPolicies();
            rig.Hq.Quick.AddPolicy(HqPolicy(pfs, configure), QuickModeMatrixTests.Esp(hqEsp));
        }

        before?.Invoke(rig);
        Assert.True(rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs));
        rig.RunUntil(() => rig.Branch.Ipsec!.Failures.Count > 0 && rig.Hq.Ipsec!.Failures.Count > 0, maxMs);
        rig.RunUntil(() => false, 100);
        return rig;
    }

    private static IpsecPolicy HqPolicy(DhGroup pfs, Action<IpsecPolicy, IpsecPolicy>? configure)
    {
        var branch = new IpsecPolicy("tun");
        var hq = new IpsecPolicy("tun") { PeerName = "branch", Pfs = pfs, LocalSubnet = QuickModeMatrixTests.HqLan, LocalPrefixLength = 16, RemoteSubnet = QuickModeMatrixTests.BranchLan, RemotePrefixLength = 16 };
        configure?.Invoke(branch, hq);
        return hq;
    }

    /// <summary>
    /// The notify types <paramref name="from"/> sent in protected informational exchanges
    /// (exchange 5, E flag set, HDR*, HASH(1), N), each HASH(1) = prf(SKEYID_a, M-ID | N) checked.
    /// </summary>
    public static List<int> ProtectedNotifies(Rig rig, uint from)
    {
        var wire = ProtectedWire.Of(rig, rig.Branch.Established ?? rig.Hq.Established!);
        var list = new List<int>();
        foreach (var d in wire.DecodeAll(rig.InternetIke()).Where(d => d.Exchange == 5 && d.Wire.Record.Source.Address == from))
        {
            Assert.NotEqual(0u, d.MessageId);
            Assert.Equal([8, 11], d.Types);
            Assert.Equal(wire.PrfA(ProtectedWire.Be32(d.MessageId), d.AfterHash), d.First(8).Body);
            list.Add(d.First(11).Notify().Type);
        }

        return list;
    }

    private static void AssertBothClean(Rig rig)
    {
        rig.Branch.Ipsec!.AssertClean();
        rig.Hq.Ipsec!.AssertClean();
    }

    // HDR*, HASH(1), SA(aes128-sha1), Ni, IDci, IDcr -->
    //                                              <-- HDR*, HASH(1), N(NO-PROPOSAL-CHOSEN)
    [Fact]
    public void ProposalMismatch()
    {
        Rig rig = Run(branchEsp: "aes128-sha1", hqEsp: "aes256-sha256");

        Assert.Equal([14], ProtectedNotifies(rig, Rig.HqAddress)); // NO-PROPOSAL-CHOSEN (RFC 2408 §3.14.1)
        Assert.Equal(Phase2FailureReason.ProposalMismatch, Assert.Single(rig.Hq.Ipsec!.Failures).Reason);
        Assert.Equal(Phase2FailureReason.ProposalMismatch, Assert.Single(rig.Branch.Ipsec!.Failures).Reason);
        AssertBothClean(rig);
    }

    /// <summary>AES-GCM offered, AES-CBC with the same key size accepted: GCM has no HMAC, CBC needs one.</summary>
    [Fact]
    public void GcmAgainstCbcIsAMismatch()
    {
        Rig rig = Run(branchEsp: "aesgcm128", hqEsp: "aes128-sha256");

        Assert.Equal([14], ProtectedNotifies(rig, Rig.HqAddress));
        Assert.Equal(Phase2FailureReason.ProposalMismatch, Assert.Single(rig.Hq.Ipsec!.Failures).Reason);
        Assert.Equal(Phase2FailureReason.ProposalMismatch, Assert.Single(rig.Branch.Ipsec!.Failures).Reason);
        AssertBothClean(rig);
    }

    /// <summary>PFS groups differ, or only one side wants PFS: "phase2 proposal or pfs mismatch", NO-PROPOSAL-CHOSEN.</summary>
    [Theory]
    [InlineData(DhGroup.Modp2048, DhGroup.Ecp256)]
    [InlineData(DhGroup.Ecp256, DhGroup.Modp2048)]
    [InlineData(DhGroup.Modp2048, DhGroup.None)]
    [InlineData(DhGroup.None, DhGroup.Ecp256)]
    public void PfsMismatch(DhGroup branchPfs, DhGroup hqPfs)
    {
        Rig rig = Run((b, h) =>
        {
            b.Pfs = branchPfs;
            h.Pfs = hqPfs;
        });

        Assert.Equal([14], ProtectedNotifies(rig, Rig.HqAddress));
        Assert.Equal(Phase2FailureReason.ProposalMismatch, Assert.Single(rig.Hq.Ipsec!.Failures).Reason);
        Assert.Equal(Phase2FailureReason.ProposalMismatch, Assert.Single(rig.Branch.Ipsec!.Failures).Reason);
        AssertBothClean(rig);
    }

    // HDR*, HASH(1), SA, Ni, IDci(10.1.0.0/16), IDcr(10.2.0.0/16) -->
    //                                      <-- HDR*, HASH(1), N(INVALID-ID-INFORMATION)
    /// <summary>Subnet IDs that are not HQ's policy: another network, a narrower or a wider prefix, the sides swapped.</summary>
    [Theory]
    [InlineData("10.9.0.0", 16, "10.2.0.0", 16)]
    [InlineData("10.1.0.0", 24, "10.2.0.0", 16)]
    [InlineData("10.1.0.0", 16, "10.2.0.0", 8)]
    [InlineData("10.2.0.0", 16, "10.1.0.0", 16)]
    public void FlowMismatch(string hqRemote, int hqRemotePrefix, string hqLocal, int hqLocalPrefix)
    {
        Rig rig = Run((b, h) =>
        {
            h.RemoteSubnet = Rig.Ip(hqRemote);
            h.RemotePrefixLength = hqRemotePrefix;
            h.LocalSubnet = Rig.Ip(hqLocal);
            h.LocalPrefixLength = hqLocalPrefix;
        });

        Assert.Equal([18], ProtectedNotifies(rig, Rig.HqAddress)); // INVALID-ID-INFORMATION (RFC 2408 §3.14.1)
        Assert.Equal(Phase2FailureReason.FlowMismatch, Assert.Single(rig.Hq.Ipsec!.Failures).Reason);
        Assert.Equal(Phase2FailureReason.FlowMismatch, Assert.Single(rig.Branch.Ipsec!.Failures).Reason);
        Assert.Empty(rig.Hq.Ipsec.Negotiating);
        AssertBothClean(rig);
    }

    /// <summary>
    /// HQ ignores quick mode (as strongSwan does with a QM1 that overtakes the end of its phase 1):
    /// the branch sends the same QM1 again, first after <see cref="QuickMode.FirstRetransmitMs"/>,
    /// each wait doubling, <see cref="QuickMode.MaxRetransmits"/> times, then gives up.
    /// </summary>
    [Fact]
    public void IgnoredQm1IsRetransmittedThenTimesOut()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        rig.Hq.Daemon.Phase2 = null; // HQ drops every quick mode message
        rig.Branch.Daemon.GetPeer(0).DpdIntervalSeconds = 0; // HQ could not answer DPD either; this is about QM1's own timer
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => rig.Branch.Ipsec!.Failures.Count > 0, 600_000));

        var qm1 = rig.InternetIke().Where(m => m.Exchange == 32).ToList();
        Assert.Equal(1 + QuickMode.MaxRetransmits, qm1.Count);
        Assert.All(qm1, m => Assert.Equal(qm1[0].Message, m.Message)); // a retransmission is the same message
        long[] gaps = qm1.Skip(1).Select((m, i) => m.Record.TimeMs - qm1[i].Record.TimeMs).ToArray();
        Assert.Equal(Enumerable.Range(0, QuickMode.MaxRetransmits).Select(i => QuickMode.FirstRetransmitMs << i).ToArray(), gaps);
        Assert.Equal(QuickMode.MaxRetransmits, rig.Branch.Quick.Retransmissions);

        var f = Assert.Single(rig.Branch.Ipsec!.Failures);
        Assert.Equal(Phase2FailureReason.PeerTimeout, f.Reason);
        Assert.True(rig.Clock.NowMs - qm1[^1].Record.TimeMs >= QuickMode.FirstRetransmitMs << QuickMode.MaxRetransmits);
        rig.Branch.Ipsec.AssertClean();
        Assert.Single(rig.Branch.Ipsec.Released); // the SPI reserved for QM1
    }

    /// <summary>The initiator's SPI table is full: nothing goes on the wire.</summary>
    [Fact]
    public void InitiatorSpiTableFull()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        rig.Branch.EnableQuickMode(77, spiCapacity: 0);
        rig.Branch.Quick!.AddPolicy(new IpsecPolicy("tun") { PeerName = "hq", LocalSubnet = QuickModeMatrixTests.BranchLan, LocalPrefixLength = 16, RemoteSubnet = QuickModeMatrixTests.HqLan, RemotePrefixLength = 16 },
            QuickModeMatrixTests.Esp("aes128-sha256"));
        rig.Branch.Quick.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => rig.Branch.Ipsec!.Failures.Count > 0, 10_000));

        Assert.Equal(Phase2FailureReason.ResourceLimit, Assert.Single(rig.Branch.Ipsec!.Failures).Reason);
        Assert.DoesNotContain(rig.InternetIke(), m => m.Exchange == 32);
        AssertBothClean(rig);
    }

    /// <summary>HQ's SPI table is full: it refuses each QM1 (no notify exists for this), the branch times out.</summary>
    [Fact]
    public void ResponderSpiTableFull()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        rig.Hq.EnableQuickMode(78, spiCapacity: 0);
        rig.Hq.Quick!.AddPolicy(HqPolicy(DhGroup.None, null), QuickModeMatrixTests.Esp("aes128-sha256"));
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => rig.Branch.Ipsec!.Failures.Count > 0, 600_000));

        Assert.NotEmpty(rig.Hq.Ipsec!.Failures);
        Assert.All(rig.Hq.Ipsec.Failures, f => Assert.Equal(Phase2FailureReason.ResourceLimit, f.Reason));
        Assert.Equal(Phase2FailureReason.PeerTimeout, Assert.Single(rig.Branch.Ipsec!.Failures).Reason);
        Assert.DoesNotContain(rig.InternetIke(), m => m.Exchange == 32 && m.Record.Source.Address == Rig.HqAddress);
        AssertBothClean(rig);
    }

    /// <summary>The responder's data path refuses the SAs after QM3: its reserved SPI is released, nothing stays installed there.</summary>
    [Fact]
    public void ResponderInstallerRefuses()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        rig.Hq.Ipsec!.RefuseInstall = true;
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => rig.Hq.Ipsec.Failures.Count > 0, 10_000));

        Assert.Equal(Phase2FailureReason.ResourceLimit, Assert.Single(rig.Hq.Ipsec.Failures).Reason);
        Assert.Equal(1, rig.Hq.Ipsec.InstallCalls);
        Assert.Empty(rig.Hq.Ipsec.Established);
        rig.Hq.Ipsec.AssertClean();
        Assert.Single(rig.Hq.Ipsec.Released);
    }

    /// <summary>The initiator's data path refuses the SAs (after QM3 went out): its reserved SPI is released, nothing installed there.</summary>
    [Fact]
    public void InitiatorInstallerRefuses()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        rig.Branch.Ipsec!.RefuseInstall = true;
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => rig.Branch.Ipsec.Failures.Count > 0, 10_000));

        Assert.Equal(Phase2FailureReason.ResourceLimit, Assert.Single(rig.Branch.Ipsec.Failures).Reason);
        Assert.Empty(rig.Branch.Ipsec.Established);
        rig.Branch.Ipsec.AssertClean();
        Assert.Single(rig.Branch.Ipsec.Released);
    }

    /// <summary>
    /// QM2 reaches the branch with a HASH(2) that does not verify (HQ's real QM2 is lost, the test
    /// re-encrypts it with one hash bit flipped): dropped and counted, nothing installed. Then either
    /// the genuine QM2 arrives and the exchange completes (the bad one left no state), or nothing
    /// more arrives: the branch times out and HQ's half-done exchange expires, both clean.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Qm2WithBadHashIsDropped(bool genuineFollows)
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => rig.InternetIke().Any(m => m.Exchange == 32), 10_000));
        rig.Network.Faults.LossPercent = 100; // QM1 is on its way; QM2 will be lost
        Assert.True(rig.RunUntil(() => rig.InternetIke().Any(m => m.Exchange == 32 && m.Record.Source.Address == Rig.HqAddress), 1000));

        var wire = ProtectedWire.Of(rig, rig.Branch.Established!);
        var qm = wire.DecodeAll(rig.InternetIke());
        var qm2 = qm.Single(d => d.Wire.Record.Source.Address == Rig.HqAddress);
        byte[] bad = ProtectedWire.Tamper(qm2, qm2.Iv, p => p[4 + 7] ^= 0x01);
        rig.Branch.Daemon.HandleDatagram(bad, 0, bad.Length, Rig.HqAddress, 500, 500, rig.Clock.NowMs);
        Assert.Equal(1, rig.Branch.Quick.Dropped);
        Assert.Empty(rig.Branch.Ipsec!.Installed);
        Assert.Empty(rig.Branch.Ipsec.Failures);

        if (genuineFollows)
        {
            rig.Network.Faults.LossPercent = 0;
            byte[] good = qm2.Wire.Message;
            rig.Branch.Daemon.HandleDatagram(good, 0, good.Length, Rig.HqAddress, 500, 500, rig.Clock.NowMs);
            Assert.True(rig.RunUntil(() => QuickModeMatrixTests.BothInstalled(rig), 1000));
            Assert.Equal(rig.Branch.Ipsec.Installed[0].Outbound.EncryptionKey, rig.Hq.Ipsec!.Installed[0].Inbound.EncryptionKey);
            return;
        }

        Assert.True(rig.RunUntil(() => rig.Branch.Ipsec.Failures.Count > 0, 600_000));
        Assert.Equal(Phase2FailureReason.PeerTimeout, Assert.Single(rig.Branch.Ipsec.Failures).Reason);
        rig.RunUntil(() => false, QuickMode.KeepMs);
        AssertBothClean(rig);
    }

    /// <summary>
    /// QM3 reaches HQ with a HASH(3) that does not verify: dropped and counted, no pair at HQ (only
    /// the inbound SA it put in with QM2). The genuine QM3 then completes it; without it HQ resends
    /// QM2 and finally removes its inbound SA and sends a Delete (the branch installed on QM2).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Qm3WithBadHashIsDropped(bool genuineFollows)
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None);
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => rig.InternetIke().Any(m => m.Exchange == 32 && m.Record.Source.Address == Rig.HqAddress), 10_000));
        rig.Network.Faults.LossPercent = 100; // QM2 is on its way; QM3 will be lost
        Assert.True(rig.RunUntil(() => rig.Branch.Ipsec!.Installed.Count > 0, 1000));

        var wire = ProtectedWire.Of(rig, rig.Branch.Established!);
        var qm = wire.DecodeAll(rig.InternetIke());
        Assert.Equal(3, qm.Count);
        var qm3 = qm[2];
        Assert.Equal([8], qm3.Types);
        byte[] bad = ProtectedWire.Tamper(qm3, qm3.Iv, p => p[4 + 7] ^= 0x01);
        rig.Hq.Daemon.HandleDatagram(bad, 0, bad.Length, Rig.BranchDirect, 500, 500, rig.Clock.NowMs);
        Assert.Equal(1, rig.Hq.Quick!.Dropped);
        Assert.Empty(rig.Hq.Ipsec!.Installed);
        Assert.Empty(rig.Hq.Ipsec.Failures);

        if (genuineFollows)
        {
            byte[] good = qm3.Wire.Message;
            rig.Hq.Daemon.HandleDatagram(good, 0, good.Length, Rig.BranchDirect, 500, 500, rig.Clock.NowMs);
            var (inbound, _) = Assert.Single(rig.Hq.Ipsec.Installed);
            Assert.Equal(rig.Branch.Ipsec!.Installed[0].Outbound.EncryptionKey, inbound.EncryptionKey);
            return;
        }

        rig.Hq.Daemon.GetPeer(0).DpdIntervalSeconds = 0; // else DPD (75 s) would declare the branch dead first

        // HQ resends QM2 (lost as well), then gives up: its inbound SA (in since QM2) goes, and a
        // Delete tells the branch to take its half down.
        Assert.True(rig.RunUntil(() => rig.Hq.Ipsec.Failures.Count > 0, 600_000));
        Assert.Equal(Phase2FailureReason.PeerTimeout, Assert.Single(rig.Hq.Ipsec.Failures).Reason);
        Assert.Equal(QuickMode.MaxRetransmits, rig.Hq.Quick.Retransmissions);
        Assert.Equal(1, rig.Hq.Quick.DeletesSent);
        rig.Hq.Ipsec.AssertClean();
    }
}
