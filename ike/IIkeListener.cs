namespace NanoGate.Ike
{
    /// <summary>
    /// Events out of ike for the LEDs, the console and the logs. Called synchronously from
    /// <see cref="IkeDaemon.HandleDatagram"/>, <see cref="IkeDaemon.Poll"/> and
    /// <see cref="IkeDaemon.Initiate"/>; keep handlers short.
    /// </summary>
    public interface IIkeListener
    {
        /// <summary>A phase 1 negotiation started (we initiated, or a first message was accepted).</summary>
        void OnNegotiating(IkeSa sa);

        /// <summary>Phase 1 completed: keys, peer endpoint and NAT state in <paramref name="sa"/> are final.</summary>
        void OnEstablished(IkeSa sa);

        /// <summary>
        /// A negotiation failed. <paramref name="sa"/> is null when it failed before an SA existed
        /// (e.g. no peer for the sender's address); <paramref name="peerAddress"/> is always set.
        /// <paramref name="detail"/> says more (e.g. what each side offered).
        /// </summary>
        void OnFailed(IkeSa sa, uint peerAddress, Phase1FailureReason reason, string detail);

        /// <summary>An established SA was removed (lifetime, delete, shutdown).</summary>
        void OnDeleted(IkeSa sa);
    }
}
