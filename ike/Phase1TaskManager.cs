using NanoGate.Ike.Config;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// Runs the phase 1 tasks and acts on what they return, as strongSwan's task_manager: it starts
    /// our initiations (after the peer's retry backoff), hands a message to its SA's task, takes
    /// the task up again when its Diffie-Hellman job is done, and turns each
    /// <see cref="Phase1Outcome"/> into sending (with retransmission), establishing or failing. The
    /// tasks only build and read messages (RFC 2409 §5); this is where they meet the wire and the
    /// SA table.
    /// </summary>
    internal sealed class Phase1TaskManager
    {
        private readonly IkeSaTable _sas;
        private readonly PeerTable _peers;
        private readonly Phase1TaskTable _tasks;
        private readonly IkeSaLifecycle _lifecycle;
        private readonly Retransmitter _sender;
        private readonly IIkeListener _listener;

        /// <summary>Tasks of <paramref name="tasks"/> for SAs of <paramref name="sas"/>; their messages go out through <paramref name="sender"/>.</summary>
        internal Phase1TaskManager(IkeSaTable sas, PeerTable peers, Phase1TaskTable tasks, IkeSaLifecycle lifecycle, Retransmitter sender,
            IIkeListener listener)
        {
            _sas = sas;
            _peers = peers;
            _tasks = tasks;
            _lifecycle = lifecycle;
            _sender = sender;
            _listener = listener;
            HalfOpenTimeoutMs = IkeDaemon.DefaultHalfOpenTimeoutMs;
        }

        /// <summary>How long a negotiation waits for the peer's next message (<see cref="IkeDaemon.HalfOpenTimeoutMs"/>).</summary>
        internal long HalfOpenTimeoutMs { get; set; }

        /// <summary>Initiations not started because the peer's retry backoff had not run out.</summary>
        internal int InitiationsDeferred { get; private set; }

        /// <summary>Diffie-Hellman jobs finished and taken up again by their negotiation.</summary>
        internal int JobsResumed { get; private set; }

        /// <summary>
        /// Starts phase 1 with <paramref name="peer"/> (its <see cref="PeerConfig.RemoteAddress"/>,
        /// port 500) in its configured mode. Returns the new SA, or null when the table is full.
        /// </summary>
        internal IkeSa Initiate(PeerConfig peer, long nowMs)
        {
            // After a failed attempt, wait before the next (2, 4, 8 ... 64 s): traffic to a peer that
            // rejects us used to start a full phase 1 with Diffie-Hellman every 2.3 s (issue 13).
            if (_peers.MustWait(peer, nowMs))
            {
                InitiationsDeferred++;
                return null;
            }

            // Only a full table stops our own initiation: responder half-opens are capped below it.
            IkeSa sa = _sas.Create(peer, true, peer.Mode, null, nowMs);
            if (sa == null)
            {
                _listener.OnFailed(null, peer.RemoteAddress, Phase1FailureReason.ResourceLimit, "SA table full");
                return null;
            }

            sa.PeerAddress = peer.RemoteAddress;
            sa.PeerPort = IkeDaemon.IkePort;
            sa.LocalPort = IkeDaemon.IkePort;
            Phase1Task task = _tasks.Begin(sa);
            _listener.OnNegotiating(sa);
            Act(sa, Settle(sa, task, task.Start()), sa.PeerAddress, sa.PeerPort, sa.LocalPort, nowMs);
            return sa;
        }

        /// <summary>
        /// A first message (MM1 or AM1) admitted as the new responder SA <paramref name="sa"/>: its
        /// task begins with it. Returns what the task made of it (a failure's notify is the caller's
        /// to remember, so that a retransmission is refused alike).
        /// </summary>
        internal Phase1Outcome Respond(IkeSa sa, IsakmpMessage m, byte[] b, int offset, int count, uint source, int sourcePort, int localPort,
            long nowMs)
        {
            _tasks.Begin(sa);
            _listener.OnNegotiating(sa);
            return Process(sa, m, b, offset, count, source, sourcePort, localPort, nowMs);
        }

        /// <summary>
        /// A message of <paramref name="sa"/>'s negotiation (header parsed) to its task, and the
        /// outcome acted on. An accepted message is kept to recognise its retransmission, with our
        /// answer to repeat then.
        /// </summary>
        internal Phase1Outcome Process(IkeSa sa, IsakmpMessage m, byte[] b, int offset, int count, uint source, int sourcePort, int localPort,
            long nowMs)
        {
            Phase1Task task = _tasks.Get(sa);
            Phase1Outcome outcome = Settle(sa, task, task.Process(m, source, sourcePort, localPort));
            if (Act(sa, outcome, source, sourcePort, localPort, nowMs))
            {
                sa.LastReceived = Phase1Payloads.Copy(b, offset, count);
                sa.Answer = outcome.Message;
            }

            return outcome;
        }

        /// <summary>The SA's Diffie-Hellman job is done: its task goes on, and we act on what it made.</summary>
        internal void Resume(IkeSa sa, long nowMs)
        {
            Phase1Task task = _tasks.Get(sa);
            JobsResumed++;
            Phase1Outcome outcome = Settle(sa, task, task.Resume());
            if (Act(sa, outcome, sa.PeerAddress, sa.PeerPort, sa.LocalPort, nowMs))
            {
                sa.Answer = outcome.Message;
            }
        }

        /// <summary>
        /// What a task's step asks for: send its message, establish the SA, or end it. True when the
        /// step accepted the peer's message (it is then kept to recognise a retransmission). An error
        /// notify goes back where the message came from (issue 20: an MM5 that came in on 4500 is
        /// answered on 4500, though the SA only floats once the peer authenticated).
        /// </summary>
        private bool Act(IkeSa sa, Phase1Outcome outcome, uint source, int sourcePort, int localPort, long nowMs)
        {
            switch (outcome.Kind)
            {
                case Phase1OutcomeKind.NeedsMore:
                    if (outcome.Message != null)
                    {
                        _sender.SendNew(sa, outcome.Message, outcome.AwaitReply, HalfOpenTimeoutMs, nowMs);
                    }

                    return true;
                case Phase1OutcomeKind.Done:
                    if (outcome.Message != null)
                    {
                        _sender.SendNew(sa, outcome.Message, false, HalfOpenTimeoutMs, nowMs);
                    }

                    _lifecycle.Establish(sa, nowMs);
                    return true;
                case Phase1OutcomeKind.Waiting:
                    // Nothing to retransmit while we compute: our last message was answered (or
                    // there is none yet); the half-open timeout bounds the wait.
                    sa.AwaitingReply = false;
                    sa.NextTimerMs = nowMs + HalfOpenTimeoutMs;
                    return true;
                case Phase1OutcomeKind.Failed:
                    if (outcome.Notify != 0)
                    {
                        _sender.SendNotify(sa.CookieI, sa.CookieR, source, sourcePort, localPort, outcome.Notify);
                    }

                    _lifecycle.Fail(sa, outcome.Reason, outcome.Detail, nowMs);
                    return false;
                default:
                    return false;
            }
        }

        /// <summary>
        /// A step that waits for its Diffie-Hellman job goes on at once when the job is done already
        /// (an inline runner, or a fast one): the same outcome as before the job existed.
        /// </summary>
        private static Phase1Outcome Settle(IkeSa sa, Phase1Task task, Phase1Outcome outcome)
        {
            while (outcome.Kind == Phase1OutcomeKind.Waiting && sa.Job != null && sa.Job.IsDone)
            {
                outcome = task.Resume();
            }

            return outcome;
        }
    }
}
