using NanoGate.Boards.Host;
using NanoGate.Hal.Crypto;

namespace NanoGate.Hal.Tests;

/// <summary>
/// The contract of a computation off the run loop (<see cref="BackgroundJob"/>): the result is
/// readable once done; whoever learns last that nobody takes it wipes it (the run loop's Cancel
/// before or after the computation, the runner when the cancel came mid-computation).
/// </summary>
public class BackgroundJobTests
{
    /// <summary>A job that waits inside Compute until the test lets it finish.</summary>
    private sealed class GatedJob : BackgroundJob
    {
        public readonly ManualResetEventSlim Entered = new();
        public readonly ManualResetEventSlim Go = new();
        public int Discards;

        protected override void Compute()
        {
            Entered.Set();
            Go.Wait(TimeSpan.FromSeconds(30));
        }

        protected override void Discard() => Interlocked.Increment(ref Discards);
    }

    [Fact]
    public void A_job_cancelled_while_it_computes_is_wiped_by_the_runner_when_it_ends()
    {
        var job = new GatedJob();
        var runner = new ThreadJobRunner();
        runner.Start(job);
        Assert.True(job.Entered.Wait(TimeSpan.FromSeconds(30)));
        job.Cancel();
        Assert.Equal(0, job.Discards); // still computing: not touched from the run loop
        job.Go.Set();
        SpinWait.SpinUntil(() => runner.Completed == 1, TimeSpan.FromSeconds(30));
        Assert.Equal(1, job.Discards);
        Assert.False(job.IsDone);
    }

    [Fact]
    public void A_job_cancelled_before_it_runs_is_wiped_at_once_and_never_computes()
    {
        var job = new GatedJob();
        job.Cancel();
        Assert.Equal(1, job.Discards);
        job.Run();
        Assert.False(job.Entered.IsSet);
        Assert.Equal(1, job.Discards);
    }

    [Fact]
    public void A_finished_Diffie_Hellman_on_the_worker_thread_agrees_with_the_peer_and_a_cancel_afterwards_wipes_it()
    {
        var crypto = new DotNetCryptoProvider();
        var random = new DeterministicRandom(7);
        var runner = new ThreadJobRunner();
        DhJob a = DhJob.NewPair(crypto, DhGroup.Ecp256, random);
        runner.Start(a);
        SpinWait.SpinUntil(() => a.IsDone, TimeSpan.FromSeconds(30));
        Assert.True(a.Succeeded);
        DhJob b = DhJob.NewPairAndSecret(crypto, DhGroup.Ecp256, random, a.PublicValue, 0, a.PublicValue.Length);
        runner.Start(b);
        SpinWait.SpinUntil(() => b.IsDone, TimeSpan.FromSeconds(30));
        Assert.True(b.Succeeded);
        DhJob a2 = DhJob.Secret(a.TakePair(), b.PublicValue, 0, b.PublicValue.Length);
        runner.Start(a2);
        SpinWait.SpinUntil(() => a2.IsDone, TimeSpan.FromSeconds(30));
        byte[] s1 = a2.TakeSecret();
        byte[] s2 = b.TakeSecret();
        Assert.Equal(s2, s1);

        b.Cancel(); // its pair was not taken: wiped now
        Assert.True(b.Discarded);
        Assert.Null(b.TakePair());
    }

    [Fact]
    public void A_peer_value_of_the_wrong_curve_point_fails_the_job_without_a_secret()
    {
        var crypto = new DotNetCryptoProvider();
        byte[] bad = new byte[64];
        bad[63] = 1;
        DhJob job = DhJob.NewPairAndSecret(crypto, DhGroup.Ecp256, new DeterministicRandom(3), bad, 0, bad.Length);
        new InlineJobRunner().Start(job);
        Assert.True(job.IsDone);
        Assert.False(job.Succeeded);
        Assert.Equal(DhResult.NotOnCurve, job.Result);
        Assert.Null(job.TakeSecret());
    }
}
