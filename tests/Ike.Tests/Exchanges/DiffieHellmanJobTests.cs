using NanoGate.Boards.Sim;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// Diffie-Hellman off the run loop (issue 15), with HQ's jobs held by the sim board's runner: a
/// peer's retransmission that arrives while its DH is pending starts no second DH and gets no
/// answer (one answer goes out once the DH is done), and an SA deleted while its DH is pending
/// drops the job, which wipes what it holds.
/// </summary>
public class DiffieHellmanJobTests
{
    private static SimJobRunner HoldHq(Rig rig)
    {
        var jobs = new SimJobRunner { Hold = true };
        rig.Hq.Daemon.Jobs = jobs;
        return jobs;
    }

    //  HDR, KE, Ni, NAT-D, NAT-D  -->  (MM3; AM1 in aggressive mode)  HQ computes, held
    //  the same again, twice      -->  dropped: no second DH, no answer
    //  (released)                 <--  HDR, KE, Nr ...  once; phase 1 completes
    [Theory]
    [InlineData(ExchangeMode.Main)]
    [InlineData(ExchangeMode.Aggressive)]
    public void A_retransmission_while_the_responder_computes_starts_no_second_DH_and_is_answered_once(ExchangeMode mode)
    {
        var rig = new Rig(NatCase.None, mode, DhGroup.Modp2048);
        SimJobRunner jobs = HoldHq(rig);
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => jobs.Pending > 0, 5000));
        int sent = rig.Hq.Daemon.Sent;
        int retransmissions = rig.Branch.Daemon.Retransmissions;

        Assert.True(rig.RunUntil(() => rig.Branch.Daemon.Retransmissions >= retransmissions + 2, 20_000));
        rig.RunUntil(() => false, 500);
        Assert.Equal(1, jobs.Started);
        Assert.Equal(sent, rig.Hq.Daemon.Sent);
        Assert.True(rig.Hq.Daemon.DroppedWhileComputing >= 2);

        jobs.Hold = false;
        jobs.Release();
        Assert.True(rig.RunUntil(rig.BothEstablished, 20_000), string.Join("\n", rig.Hq.Events.Concat(rig.Branch.Events)));
        Assert.Equal(1, jobs.Started);
        Assert.Equal(1, rig.Hq.Daemon.JobsResumed);
        Assert.Equal(0, rig.Hq.Daemon.DuplicatesAnswered);
    }

    [Fact]
    public void An_SA_deleted_while_its_DH_is_pending_drops_the_job_and_the_job_wipes_its_result()
    {
        var rig = new Rig(NatCase.None, ExchangeMode.Main, DhGroup.Modp2048);
        SimJobRunner jobs = HoldHq(rig);
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => jobs.Pending > 0, 5000));
        var job = (DhJob)jobs.LastStarted!;
        IkeSa sa = Enumerable.Range(0, rig.Hq.Daemon.Capacity).Select(rig.Hq.Daemon.GetSa).Single(s => s != null)!;
        Assert.Same(job, sa.Job);

        Assert.True(rig.Hq.Daemon.RemovePeer("branch", rig.Clock.NowMs));
        Assert.Null(sa.Job);
        Assert.True(job.Discarded);
        jobs.Release();
        Assert.False(job.IsDone); // cancelled before it ran: never computed
        Assert.Null(job.TakePair());
        Assert.Null(job.TakeSecret());
    }

    [Fact]
    public void An_SA_that_times_out_while_its_DH_computes_wipes_the_result_when_the_computation_ends()
    {
        var rig = new Rig(NatCase.None, ExchangeMode.Main, DhGroup.Modp2048);
        SimJobRunner jobs = HoldHq(rig);
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => jobs.Pending > 0, 5000));
        var job = (DhJob)jobs.LastStarted!;

        // The half-open timeout ends the negotiation while the job is still held.
        Assert.True(rig.RunUntil(() => rig.Hq.Failures.Count > 0, 60_000));
        Assert.Equal(Phase1FailureReason.ResourceLimit, rig.Hq.Failures[0].Reason);
        Assert.True(job.Discarded);
        jobs.Release();
        Assert.Null(job.TakeSecret());
        Assert.Equal(0, rig.Hq.Daemon.JobsResumed);
    }

    //  HDR*, HASH(1), SA, Ni, KE, IDci, IDcr  -->  HQ computes its PFS pair and g(qm)^xy, held
    //  the same again (QM1 retransmitted)     -->  no answer, no second DH
    //  (released)                             <--  QM2 once; the pair goes in
    [Fact]
    public void A_QM1_retransmitted_while_the_responder_computes_PFS_is_not_answered_twice()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.Modp2048);
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(rig.BothEstablished, 20_000));
        SimJobRunner jobs = HoldHq(rig);
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => jobs.Pending > 0, 5000));
        int sent = rig.Hq.Daemon.Sent;
        int retransmissions = rig.Branch.Quick.Retransmissions;

        Assert.True(rig.RunUntil(() => rig.Branch.Quick.Retransmissions >= retransmissions + 2, 20_000));
        Assert.Equal(1, jobs.Started);
        Assert.Equal(sent, rig.Hq.Daemon.Sent);

        jobs.Release();
        Assert.True(rig.RunUntil(() => QuickModeMatrixTests.BothInstalled(rig), 20_000));
        Assert.Equal(1, jobs.Started);
        Assert.Equal(1, rig.Hq.Quick!.JobsResumed);
        Assert.Single(rig.Hq.Ipsec!.Installed);
        Assert.Single(rig.Branch.Ipsec!.Installed);
    }

    [Fact]
    public void An_ISAKMP_SA_deleted_while_a_PFS_DH_is_pending_drops_the_quick_mode_and_wipes_the_job()
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.Modp2048);
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(rig.BothEstablished, 20_000));
        SimJobRunner jobs = HoldHq(rig);
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => jobs.Pending > 0, 5000));
        var job = (DhJob)jobs.LastStarted!;

        rig.Hq.Daemon.Delete(rig.Hq.Established!, true, true, rig.Clock.NowMs);
        Assert.True(job.Discarded);
        jobs.Release();
        Assert.False(job.IsDone);
        rig.RunUntil(() => false, 5000);
        Assert.Empty(rig.Hq.Ipsec!.Installed);
        Assert.Empty(rig.Hq.Ipsec.Reserved);
        Assert.Equal(0, rig.Hq.Quick!.JobsResumed);
    }
}
