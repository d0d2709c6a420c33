using System;
using System.Threading;

namespace NanoGate.Hal
{
    /// <summary>
    /// A long computation (a Diffie-Hellman) that must not stall the run loop: the run loop hands
    /// it to the board's <see cref="IJobRunner"/>, goes on forwarding, and polls <see cref="IsDone"/>
    /// once per iteration; the runner calls <see cref="Run"/> on its own thread (or, on the sim
    /// board, when a test lets it). Who is last to know that nobody will take the result wipes it:
    /// <see cref="Cancel"/> on the run loop, or <see cref="Run"/> when the cancel came mid-computation.
    /// <para>
    /// The state word changes only through <see cref="Interlocked"/> (a full barrier on both
    /// targets), so what <see cref="Compute"/> wrote is visible once <see cref="IsDone"/> is true.
    /// <see cref="Compute"/> touches nothing the run loop uses (no shared buffers, no random source).
    /// </para>
    /// </summary>
    public abstract class BackgroundJob
    {
        private const int Queued = 0;
        private const int Running = 1;
        private const int Finished = 2;
        private const int Cancelled = 3;

        private int _state;

        /// <summary>The computation; runs on the runner's thread.</summary>
        protected abstract void Compute();

        /// <summary>Wipes whatever the job holds (inputs and results); may run on either thread, once the other is done with it.</summary>
        protected abstract void Discard();

        /// <summary>True once the computation ended (results readable on the run loop).</summary>
        public bool IsDone
        {
            get { return Interlocked.CompareExchange(ref _state, Finished, Finished) == Finished; }
        }

        /// <summary>True when <see cref="Compute"/> threw (a provider out of native slots, say): the results are not there.</summary>
        public bool Faulted { get; private set; }

        /// <summary>
        /// The runner's call: computes unless the job was cancelled first. Never throws (a failure
        /// is <see cref="Faulted"/>).
        /// </summary>
        public void Run()
        {
            if (Interlocked.CompareExchange(ref _state, Running, Queued) != Queued)
            {
                return; // cancelled while queued: Cancel wiped it
            }

            try
            {
                Compute();
            }
            catch (Exception)
            {
                Faulted = true;
            }

            if (Interlocked.CompareExchange(ref _state, Finished, Running) != Running)
            {
                Discard(); // cancelled while computing: the run loop has let go
            }
        }

        /// <summary>
        /// The run loop's call when nobody will take the result (its SA was deleted or expired):
        /// wiped now if the computation is not running, else by <see cref="Run"/> when it ends.
        /// </summary>
        public void Cancel()
        {
            int was = Interlocked.Exchange(ref _state, Cancelled);
            if (was == Queued || was == Finished)
            {
                Discard();
            }
        }
    }
}
