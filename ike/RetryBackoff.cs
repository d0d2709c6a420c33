namespace NanoGate.Ike
{
    /// <summary>
    /// How long our next phase 1 to one peer must wait after failed attempts: the first wait, then
    /// twice as long per further failure, up to a cap; forgotten when a phase 1 with the peer is up.
    /// </summary>
    public sealed class RetryBackoff
    {
        /// <summary>Failed attempts in a row.</summary>
        public int Failures { get; private set; }

        /// <summary>The earliest time of the next attempt (ms).</summary>
        public long NotBeforeMs { get; private set; }

        /// <summary>One more failure at <paramref name="nowMs"/>.</summary>
        public void OnFailure(long nowMs, long firstMs, long maxMs)
        {
            long wait = firstMs;
            for (int i = 0; i < Failures && wait < maxMs; i++)
            {
                wait *= 2;
            }

            Failures++;
            NotBeforeMs = nowMs + (wait < maxMs ? wait : maxMs);
        }
    }
}
