namespace NanoGate.Ike
{
    /// <summary>
    /// Retransmission timing (our choice, as strongSwan's defaults: timeout 4 s, base 1.8,
    /// 5 retransmits): the n-th wait is InitialMs x Factor^n; after <see cref="Tries"/>
    /// retransmissions and one more wait the peer is declared dead.
    /// </summary>
    public sealed class RetransmitPolicy
    {
        /// <summary>strongSwan's defaults.</summary>
        public RetransmitPolicy()
        {
            InitialMs = 4000;
            FactorPercent = 180;
            Tries = 5;
        }

        /// <summary>First wait in ms.</summary>
        public long InitialMs { get; set; }

        /// <summary>Growth per retransmission in percent (180 = x1.8).</summary>
        public int FactorPercent { get; set; }

        /// <summary>Number of retransmissions.</summary>
        public int Tries { get; set; }

        /// <summary>From the first transmission to giving up (ms): all waits summed.</summary>
        public long TotalMs()
        {
            long total = 0;
            for (int i = 0; i <= Tries; i++)
            {
                total += WaitMs(i);
            }

            return total;
        }

        /// <summary>Wait in ms after the send numbered <paramref name="sent"/> (0 = first transmission).</summary>
        public long WaitMs(int sent)
        {
            long wait = InitialMs;
            for (int i = 0; i < sent; i++)
            {
                wait = wait * FactorPercent / 100;
            }

            return wait;
        }
    }
}
