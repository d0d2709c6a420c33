namespace NanoGate.Hal
{
    /// <summary>
    /// Runs each job at once on the caller's thread: the run loop stalls for the whole computation.
    /// For tools, benchmarks and tests that drive one exchange at a time; no board uses it.
    /// </summary>
    public sealed class InlineJobRunner : IJobRunner
    {
        /// <inheritdoc/>
        public void Start(BackgroundJob job)
        {
            job.Run();
        }
    }
}
