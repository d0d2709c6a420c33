using NanoGate.Ike.Config;

namespace NanoGate.Ike
{
    /// <summary>
    /// Whether a first message (MM1 or AM1) from a source with no state may create a responder SA:
    /// the half-open caps and the Diffie-Hellman budget, checked before any state or crypto, so a
    /// flood of first messages (anyone can send them, with any source address) costs a count, not
    /// an answer, a record or a computation (issue 13).
    /// <para>
    /// The global cap holds only peers configured by address range (RemotePrefixLength below 32):
    /// spoofed first messages for a dynamic peer must not lock out a branch with a fixed address,
    /// which has the per-address cap alone. Our own initiations are never counted.
    /// </para>
    /// </summary>
    public sealed class FirstMessageAdmission
    {
        /// <summary>Default <see cref="ResponderDh"/> budget: Diffie-Hellman computations per second for peers not yet authenticated.</summary>
        public const int DefaultResponderDhPerSecond = 20;

        /// <summary>Default <see cref="UnverifiedAnswers"/> budget: error notifies per second to sources with no state.</summary>
        public const int DefaultUnverifiedAnswersPerSecond = 20;

        private readonly IkeSaTable _sas;
        private long _lastReportMs;
        private bool _reported;

        /// <summary>Admission into <paramref name="sas"/>; the caps default to half the table, and at most 5 per address.</summary>
        public FirstMessageAdmission(IkeSaTable sas)
        {
            _sas = sas;
            MaxHalfOpen = sas.Capacity / 2 < 1 ? 1 : sas.Capacity / 2;
            MaxHalfOpenPerPeer = MaxHalfOpen <= 2 ? 1 : MaxHalfOpen / 2 < 5 ? MaxHalfOpen / 2 : 5;
            ResponderDh = new RateBudget(DefaultResponderDhPerSecond);
            UnverifiedAnswers = new RateBudget(DefaultUnverifiedAnswersPerSecond);
        }

        /// <summary>
        /// Cap on responder SAs not yet established for peers configured by address range. Default:
        /// half the table, so the rest stays free for our initiations and re-authentication.
        /// </summary>
        public int MaxHalfOpen { get; set; }

        /// <summary>
        /// Cap on responder half-open SAs per source address, below <see cref="MaxHalfOpen"/> so one
        /// address cannot take them all (strongSwan's block_threshold, 5).
        /// </summary>
        public int MaxHalfOpenPerPeer { get; set; }

        /// <summary>
        /// Diffie-Hellman computations spent on peers that have not authenticated yet (AM1, MM3 as
        /// responder). Past the budget the message is dropped unanswered; the initiator's
        /// retransmission is served later.
        /// </summary>
        public RateBudget ResponderDh { get; private set; }

        /// <summary>Error notifies to sources we keep no state for (unknown peer, no proposal before state).</summary>
        public RateBudget UnverifiedAnswers { get; private set; }

        /// <summary>First messages refused by the half-open caps.</summary>
        public int HalfOpenRefused { get; private set; }

        /// <summary>
        /// Null when a first message of <paramref name="peer"/> from <paramref name="source"/> may
        /// create an SA (for AM1 a Diffie-Hellman computation is taken from the budget); otherwise
        /// why it is dropped.
        /// </summary>
        public string Admit(PeerConfig peer, uint source, bool aggressive, long nowMs)
        {
            bool byRange = peer.RemotePrefixLength < 32;
            if ((byRange && _sas.HalfOpenOfRangePeers() >= MaxHalfOpen) || _sas.HalfOpenFrom(source) >= MaxHalfOpenPerPeer)
            {
                HalfOpenRefused++;
                return "half-open SA limit reached (" + MaxHalfOpen.ToString() + " for peers by address range, "
                    + MaxHalfOpenPerPeer.ToString() + " per address), first message dropped";
            }

            if (!_sas.HasRoom)
            {
                return "SA table full, first message dropped";
            }

            // AM1 makes the responder compute Diffie-Hellman at once, for a peer nobody verified.
            if (aggressive && !ResponderDh.TryTake(nowMs))
            {
                return "responder Diffie-Hellman budget (" + ResponderDh.PerSecond.ToString()
                    + " per second) spent, aggressive mode message 1 dropped";
            }

            return null;
        }

        /// <summary>Whether a refusal gets an error record: at most one a second (a flood must not write thousands).</summary>
        public bool ShouldReport(long nowMs)
        {
            if (nowMs - _lastReportMs < 1000 && _reported)
            {
                return false;
            }

            _reported = true;
            _lastReportMs = nowMs;
            return true;
        }
    }
}
