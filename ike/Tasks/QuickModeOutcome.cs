namespace NanoGate.Ike.Tasks
{
    /// <summary>
    /// The result of one step of a quick mode role (strongSwan's NEED_MORE / SUCCESS / FAILED), acted
    /// on by the <see cref="QuickModeDispatcher"/> as <see cref="Phase1Outcome"/> is by the daemon:
    /// the roles build and read messages, but never send, start a computation, install a pair or
    /// report a failure themselves.
    /// </summary>
    internal sealed class QuickModeOutcome
    {
        private static readonly QuickModeOutcome s_ignored = new QuickModeOutcome(QuickModeOutcomeKind.Ignored, null, Phase2FailureReason.None, null, 0);

        private QuickModeOutcome(QuickModeOutcomeKind kind, QuickModeExchange exchange, Phase2FailureReason reason, string detail, int notify)
        {
            Kind = kind;
            Exchange = exchange;
            Reason = reason;
            Detail = detail;
            Notify = notify;
        }

        /// <summary>What happened.</summary>
        public QuickModeOutcomeKind Kind { get; private set; }

        /// <summary>The exchange the step belongs to (null when <see cref="QuickModeOutcomeKind.Ignored"/>).</summary>
        public QuickModeExchange Exchange { get; private set; }

        /// <summary>Why it failed (<see cref="QuickModeOutcomeKind.Failed"/>).</summary>
        public Phase2FailureReason Reason { get; private set; }

        /// <summary>What the operator reads about the failure.</summary>
        public string Detail { get; private set; }

        /// <summary>The error notify type that refuses the peer's QM1 (RFC 2408 §3.14.1), 0 for none.</summary>
        public int Notify { get; private set; }

        /// <summary>The message was dropped; nothing changed.</summary>
        public static QuickModeOutcome Ignored
        {
            get { return s_ignored; }
        }

        /// <summary><paramref name="x"/> waits for its PFS Diffie-Hellman job.</summary>
        public static QuickModeOutcome Waiting(QuickModeExchange x)
        {
            return new QuickModeOutcome(QuickModeOutcomeKind.Waiting, x, Phase2FailureReason.None, null, 0);
        }

        /// <summary><paramref name="x"/>'s last built message goes out and waits for its answer.</summary>
        public static QuickModeOutcome Send(QuickModeExchange x)
        {
            return new QuickModeOutcome(QuickModeOutcomeKind.Send, x, Phase2FailureReason.None, null, 0);
        }

        /// <summary><paramref name="x"/> is complete (its last message, if any, still to send).</summary>
        public static QuickModeOutcome Done(QuickModeExchange x)
        {
            return new QuickModeOutcome(QuickModeOutcomeKind.Done, x, Phase2FailureReason.None, null, 0);
        }

        /// <summary><paramref name="x"/> fails.</summary>
        public static QuickModeOutcome Failed(QuickModeExchange x, Phase2FailureReason reason, string detail)
        {
            return new QuickModeOutcome(QuickModeOutcomeKind.Failed, x, reason, detail, 0);
        }

        /// <summary>The peer's QM1 of <paramref name="x"/> is refused with <paramref name="notify"/>, which also answers its retransmissions.</summary>
        public static QuickModeOutcome Refused(QuickModeExchange x, int notify, Phase2FailureReason reason, string detail)
        {
            return new QuickModeOutcome(QuickModeOutcomeKind.Failed, x, reason, detail, notify);
        }
    }
}
