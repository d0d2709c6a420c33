using NanoGate.Hal;

namespace NanoGate.Boards.Sim;

/// <summary>
/// The sim board's <see cref="IJobRunner"/>: deterministic. A job runs at once on the caller's
/// thread unless the test holds them (<see cref="Hold"/>); held jobs stay pending, so the gateway
/// goes on forwarding while its negotiation waits, until <see cref="Release"/> runs them.
/// </summary>
public sealed class SimJobRunner : IJobRunner
{
    private readonly List<BackgroundJob> _held = [];

    /// <summary>While true, jobs wait for <see cref="Release"/> instead of running at once.</summary>
    public bool Hold { get; set; }

    /// <summary>Jobs started so far.</summary>
    public int Started { get; private set; }

    /// <summary>The job started last (null before the first).</summary>
    public BackgroundJob? LastStarted { get; private set; }

    /// <summary>Jobs held now.</summary>
    public int Pending => _held.Count;

    /// <inheritdoc/>
    public void Start(BackgroundJob job)
    {
        Started++;
        LastStarted = job;
        if (Hold)
        {
            _held.Add(job);
            return;
        }

        job.Run();
    }

    /// <summary>Runs the held jobs (in the order they started); <see cref="Hold"/> stays as it is.</summary>
    public int Release()
    {
        BackgroundJob[] jobs = [.. _held];
        _held.Clear();
        foreach (BackgroundJob job in jobs)
        {
            job.Run();
        }

        return jobs.Length;
    }
}
