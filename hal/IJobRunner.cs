namespace NanoGate.Hal
{
    /// <summary>
    /// The board's place for long computations (<see cref="BackgroundJob"/>): a worker thread on
    /// the Linux and device boards (<see cref="ThreadJobRunner"/>), stepped by the test on the sim
    /// board, the caller's thread where nothing runs concurrently (<see cref="InlineJobRunner"/>).
    /// Completion is not signalled: the run loop polls <see cref="BackgroundJob.IsDone"/>.
    /// </summary>
    public interface IJobRunner
    {
        /// <summary>Queues <paramref name="job"/>; it may have run already when this returns.</summary>
        void Start(BackgroundJob job);
    }
}
