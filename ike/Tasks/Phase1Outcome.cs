namespace NanoGate.Ike.Tasks
{
    /// <summary>
    /// The result of one step of a phase 1 task, acted on by the dispatcher (strongSwan's
    /// NEED_MORE / SUCCESS / FAILED): the task never sends, establishes or removes an SA itself,
    /// so it knows nothing of the daemon.
    /// </summary>
    internal sealed class Phase1Outcome
    {
        /// <summary>The message was not for this task now.</summary>
        public static readonly Phase1Outcome Ignored = new Phase1Outcome(Phase1OutcomeKind.Ignored, null, false, Phase1FailureReason.None, null, 0);

        /// <summary>The message was accepted; the answer waits for the SA's Diffie-Hellman job.</summary>
        public static readonly Phase1Outcome Waiting = new Phase1Outcome(Phase1OutcomeKind.Waiting, null, false, Phase1FailureReason.None, null, 0);

        private Phase1Outcome(Phase1OutcomeKind kind, byte[] message, bool awaitReply, Phase1FailureReason reason, string detail, int notify)
        {
            Kind = kind;
            Message = message;
            AwaitReply = awaitReply;
            Reason = reason;
            Detail = detail;
            Notify = notify;
        }

        /// <summary>What happened.</summary>
        public Phase1OutcomeKind Kind { get; private set; }

        /// <summary>Our next datagram (non-ESP marker included on 4500), or null.</summary>
        public byte[] Message { get; private set; }

        /// <summary>Whether <see cref="Message"/> expects an answer (retransmitted until it comes) or answers the peer's.</summary>
        public bool AwaitReply { get; private set; }

        /// <summary>Why it failed (<see cref="Phase1OutcomeKind.Failed"/>).</summary>
        public Phase1FailureReason Reason { get; private set; }

        /// <summary>What the operator reads about the failure.</summary>
        public string Detail { get; private set; }

        /// <summary>The error notify type for the peer (RFC 2408 §3.14.1), 0 for none.</summary>
        public int Notify { get; private set; }

        /// <summary>The exchange goes on with <paramref name="message"/> (null: nothing to send yet).</summary>
        public static Phase1Outcome Next(byte[] message, bool awaitReply)
        {
            return new Phase1Outcome(Phase1OutcomeKind.NeedsMore, message, awaitReply, Phase1FailureReason.None, null, 0);
        }

        /// <summary>Phase 1 is complete after <paramref name="lastMessage"/> (null: the peer's was the last).</summary>
        public static Phase1Outcome Done(byte[] lastMessage)
        {
            return new Phase1Outcome(Phase1OutcomeKind.Done, lastMessage, false, Phase1FailureReason.None, null, 0);
        }

        /// <summary>The negotiation fails; <paramref name="notify"/> (0: none) goes to the peer in the clear.</summary>
        public static Phase1Outcome Failed(Phase1FailureReason reason, string detail, int notify)
        {
            return new Phase1Outcome(Phase1OutcomeKind.Failed, null, false, reason, detail, notify);
        }
    }
}
