namespace NanoGate.Ike.Tasks
{
    /// <summary>What a phase 1 task made of a message (see <see cref="Phase1Outcome"/>).</summary>
    internal enum Phase1OutcomeKind
    {
        /// <summary>Not a message this task can use now (wrong state, failed the payload rules): dropped, nothing changed.</summary>
        Ignored,

        /// <summary>Accepted; the exchange goes on (usually with a message of ours to send).</summary>
        NeedsMore,

        /// <summary>
        /// Accepted; the next step waits for a Diffie-Hellman computation off the run loop
        /// (<see cref="IkeSa.Job"/>): nothing to send yet, the dispatcher calls
        /// <see cref="Phase1Task.Resume"/> once it is done.
        /// </summary>
        Waiting,

        /// <summary>Accepted and phase 1 is complete (with our last message to send, if any).</summary>
        Done,

        /// <summary>The negotiation ends with a reason (and an error notify for the peer, if any).</summary>
        Failed,
    }
}
