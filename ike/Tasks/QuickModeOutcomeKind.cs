namespace NanoGate.Ike.Tasks
{
    /// <summary>What a quick mode role made of a step (see <see cref="QuickModeOutcome"/>).</summary>
    internal enum QuickModeOutcomeKind
    {
        /// <summary>Not a message the exchange can use (undecryptable, bad hash, a replay): dropped and counted by the role.</summary>
        Ignored,

        /// <summary>
        /// The next step waits for the exchange's PFS Diffie-Hellman (<see cref="QuickModeExchange.Job"/>):
        /// the dispatcher starts it off the run loop and resumes the role once it is done.
        /// </summary>
        Waiting,

        /// <summary>The exchange's <see cref="QuickModeExchange.LastSent"/> goes out; the peer's answer is awaited (retransmitted until it comes).</summary>
        Send,

        /// <summary>The exchange is complete: its <see cref="QuickModeExchange.LastSent"/> (if any) goes out and both SAs go in.</summary>
        Done,

        /// <summary>The negotiation ends with a reason (and, when refused, an error notify for the peer).</summary>
        Failed,
    }
}
