using System.Collections;
using System.Threading;

namespace NanoGate.Hal
{
    /// <summary>
    /// Runs jobs one after the other on a worker thread below the run loop's priority. The thread
    /// lives only while there is work (started by the first job of a burst, gone when the queue is
    /// empty), so an idle gateway holds no thread and a host process can always exit. On
    /// nanoFramework the interpreter time-slices managed threads (System.Threading.Thread is in its
    /// mscorlib), so the run loop keeps its turns while a managed computation runs; a single native
    /// call is not preempted (docs/IKE.md, "Diffie-Hellman off the run loop").
    /// </summary>
    public sealed class ThreadJobRunner : IJobRunner
    {
        private readonly ArrayList _queue = new ArrayList();
        private readonly object _gate = new object();
        private bool _working;
        private int _completed;

        /// <summary>Jobs run so far.</summary>
        public int Completed
        {
            get { return Interlocked.CompareExchange(ref _completed, 0, 0); }
        }

        /// <inheritdoc/>
        public void Start(BackgroundJob job)
        {
            bool spawn;
            Monitor.Enter(_gate);
            try
            {
                _queue.Add(job);
                spawn = !_working;
                _working = true;
            }
            finally
            {
                Monitor.Exit(_gate);
            }

            if (spawn)
            {
                Thread worker = new Thread(Work);
                worker.Priority = ThreadPriority.BelowNormal;
                worker.Start();
            }
        }

        private void Work()
        {
            while (true)
            {
                BackgroundJob job;
                Monitor.Enter(_gate);
                try
                {
                    if (_queue.Count == 0)
                    {
                        _working = false;
                        return;
                    }

                    job = (BackgroundJob)_queue[0];
                    _queue.RemoveAt(0);
                }
                finally
                {
                    Monitor.Exit(_gate);
                }

                job.Run();
                Interlocked.Increment(ref _completed);
            }
        }
    }
}
