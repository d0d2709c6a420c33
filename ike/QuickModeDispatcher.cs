using NanoGate.Hal;
using NanoGate.Ike.Config;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// The quick mode exchanges of every ISAKMP SA (RFC 2409 §5.5), as the daemon is for phase 1:
    /// a message goes to its exchange by message ID (a new one to <see cref="QuickModeResponder"/>),
    /// the roles return a <see cref="QuickModeOutcome"/> and this acts on it: sends
    /// (<see cref="IkeDaemon.Send"/>), starts the PFS Diffie-Hellman off the run loop and resumes the
    /// role once it is done, installs the pair (<see cref="PairInstaller"/>), refuses with a notify or
    /// reports the failure. Its timers retransmit the last message until the answer comes
    /// (<see cref="FirstRetransmitMs"/> doubling, <see cref="MaxRetransmits"/>) and forget finished
    /// exchanges after <see cref="KeepMs"/>.
    /// </summary>
    internal sealed class QuickModeDispatcher
    {
        /// <summary>
        /// First retransmission (ms): short, because strongSwan drops a QM1 that overtakes the end of
        /// its phase 1; then doubling.
        /// </summary>
        internal const long FirstRetransmitMs = 1500;

        /// <summary>Retransmissions before giving up.</summary>
        internal const int MaxRetransmits = 5;

        /// <summary>How long a finished or half-done exchange is kept (answers duplicates), ms.</summary>
        internal const long KeepMs = 60000;

        private readonly IkeDaemon _daemon;
        private readonly IQuickModeListener _listener;
        private readonly QuickModeExchangeTable _exchanges;
        private readonly ProtectedMessage _msg;
        private readonly InformationalSender _sender;
        private readonly PairInstaller _install;
        private readonly QuickModeInitiator _initiator;
        private readonly QuickModeResponder _responder;
        private readonly byte[] _spi = new byte[4];

        /// <summary>Exchanges of <paramref name="daemon"/>'s SAs in <paramref name="exchanges"/>, played by the two roles.</summary>
        internal QuickModeDispatcher(IkeDaemon daemon, IQuickModeListener listener, QuickModeExchangeTable exchanges, ProtectedMessage msg,
            InformationalSender sender, PairInstaller install, QuickModeInitiator initiator, QuickModeResponder responder)
        {
            _daemon = daemon;
            _listener = listener;
            _exchanges = exchanges;
            _msg = msg;
            _sender = sender;
            _install = install;
            _initiator = initiator;
            _responder = responder;
        }

        /// <summary>Retransmissions of QM1 (initiator) and QM2 (responder).</summary>
        internal int Retransmissions { get; private set; }

        /// <summary>Exchanges resumed after their PFS Diffie-Hellman.</summary>
        internal int JobsResumed { get; private set; }

        /// <summary>Messages of an exchange that were not what it waited for.</summary>
        internal int Dropped { get; private set; }

        /// <summary>Whether a quick mode for <paramref name="policy"/> is under way.</summary>
        internal bool IsRunning(IpsecPolicy policy)
        {
            return _exchanges.IsRunning(policy);
        }

        /// <summary>Starts quick mode for <paramref name="policy"/> under <paramref name="sa"/>; <paramref name="replaces"/>: the pair a rekey renews.</summary>
        internal void Start(IkeSa sa, IpsecPolicy policy, IpsecProposal proposal, ChildSa replaces, long nowMs)
        {
            Act(_initiator.Start(sa, policy, proposal, replaces, nowMs), nowMs);
        }

        /// <summary>A quick mode message of established <paramref name="sa"/> (decrypted by the role).</summary>
        internal void Handle(IkeSa sa, IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            QuickModeExchange x = _exchanges.Find(sa, m.MessageId);
            if (x == null)
            {
                Act(_responder.HandleQm1(sa, m, source, sourcePort, localPort, nowMs), nowMs);
                return;
            }

            // A retransmitted request gets our stored answer (RFC 2408 §5: the peer lost it).
            if (_msg.IsSame(x.LastReceivedHash, m))
            {
                if (x.State != QuickModeExchange.WaitingQm2 && x.LastSent != null)
                {
                    SendLast(x, nowMs);
                }

                return;
            }

            QuickModeOutcome outcome;
            if (x.Initiator && x.State == QuickModeExchange.WaitingQm2)
            {
                outcome = _initiator.HandleQm2(x, m, nowMs);
            }
            else if (!x.Initiator && x.State == QuickModeExchange.WaitingQm3)
            {
                outcome = _responder.HandleQm3(x, m, nowMs);
            }
            else
            {
                Dropped++;
                return;
            }

            if (outcome.Kind != QuickModeOutcomeKind.Ignored)
            {
                // QM2 and QM3 prove freshness (their HASH covers our nonce): the SA follows their source.
                _daemon.NoteAuthenticated(sa, source, sourcePort, localPort);
            }

            Act(outcome, nowMs);
        }

        /// <summary>PFS computations done, retransmissions, timeouts.</summary>
        internal void Poll(long nowMs)
        {
            for (int i = _exchanges.Count - 1; i >= 0; i--)
            {
                QuickModeExchange x = _exchanges.Get(i);
                if (x.Sa.State != IkeSaState.Established)
                {
                    _exchanges.Forget(i);
                    continue;
                }

                if (x.State >= QuickModeExchange.ComputingQm1)
                {
                    ResumeIfComputed(x, nowMs);
                    continue;
                }

                // QM1 until QM2 comes; as responder QM2 until QM3 comes (a lost QM3 would leave us
                // without the outbound SA while the initiator already sends on the new pair).
                bool waiting = x.State == QuickModeExchange.WaitingQm2 || x.State == QuickModeExchange.WaitingQm3;
                if (waiting && nowMs >= x.NextTimerMs)
                {
                    Retransmit(i, x, nowMs);
                    continue;
                }

                if (nowMs >= x.ExpiresMs)
                {
                    _exchanges.Forget(i);
                }
            }
        }

        /// <summary>The earliest time <see cref="Poll"/> has work (ms), or long.MaxValue.</summary>
        internal long NextDeadlineMs
        {
            get
            {
                long next = long.MaxValue;
                for (int i = 0; i < _exchanges.Count; i++)
                {
                    QuickModeExchange x = _exchanges.Get(i);
                    long t = x.State == QuickModeExchange.WaitingQm2 || x.State == QuickModeExchange.WaitingQm3 ? x.NextTimerMs : x.ExpiresMs;
                    next = t < next ? t : next;
                }

                return next;
            }
        }

        /// <summary>The exchanges of <paramref name="sa"/> end with it; unfinished ones are reported.</summary>
        internal void OnPhase1Deleting(IkeSa sa)
        {
            for (int i = _exchanges.Count - 1; i >= 0; i--)
            {
                QuickModeExchange x = _exchanges.Get(i);
                if (x.Sa == sa)
                {
                    bool unfinished = x.State != QuickModeExchange.Done;
                    _exchanges.Forget(i);
                    if (unfinished && x.Policy != null)
                    {
                        _listener.OnPhase2Failed(sa, sa.PeerAddress, Phase2FailureReason.PeerTimeout, "quick mode for " + x.Policy.Name
                            + " abandoned: its ISAKMP SA was deleted");
                    }
                }
            }
        }

        /// <summary>The exchanges with <paramref name="peer"/> end without a word (it left the configuration).</summary>
        internal void OnPeerRemoved(PeerConfig peer)
        {
            for (int i = _exchanges.Count - 1; i >= 0; i--)
            {
                if (_exchanges.Get(i).Sa.Peer == peer)
                {
                    _exchanges.Forget(i);
                }
            }
        }

        /// <summary>
        /// Does what a role's step asks. A step waiting for its Diffie-Hellman goes on at once when
        /// the job is done already (an inline runner), else <see cref="Poll"/> resumes it.
        /// </summary>
        private void Act(QuickModeOutcome outcome, long nowMs)
        {
            while (outcome.Kind == QuickModeOutcomeKind.Waiting)
            {
                QuickModeExchange waiting = outcome.Exchange;
                _daemon.Jobs.Start(waiting.Job);
                if (!waiting.Job.IsDone)
                {
                    return;
                }

                outcome = Resume(waiting, nowMs);
            }

            QuickModeExchange x = outcome.Exchange;
            switch (outcome.Kind)
            {
                case QuickModeOutcomeKind.Send:
                    SendLast(x, nowMs);
                    break;
                case QuickModeOutcomeKind.Done:
                    if (x.LastSent != null)
                    {
                        SendLast(x, nowMs);
                    }

                    _install.Install(x, nowMs);
                    break;
                case QuickModeOutcomeKind.Failed:
                    if (outcome.Notify != 0)
                    {
                        Refuse(x, outcome.Notify, outcome.Reason, outcome.Detail, nowMs);
                    }
                    else
                    {
                        _exchanges.Fail(x, outcome.Reason, outcome.Detail);
                    }

                    break;
            }
        }

        /// <summary>The role's step after the exchange's Diffie-Hellman job.</summary>
        private QuickModeOutcome Resume(QuickModeExchange x, long nowMs)
        {
            return x.Initiator ? _initiator.Resume(x, nowMs) : _responder.Resume(x, nowMs);
        }

        /// <summary>An exchange waiting for its PFS Diffie-Hellman goes on once it is done (bounded by <see cref="KeepMs"/>).</summary>
        private void ResumeIfComputed(QuickModeExchange x, long nowMs)
        {
            if (x.Job != null && !x.Job.IsDone)
            {
                if (nowMs >= x.NextTimerMs)
                {
                    _exchanges.Fail(x, Phase2FailureReason.ResourceLimit, "the PFS Diffie-Hellman computation for " + x.Policy.Name + " did not finish");
                }

                return;
            }

            JobsResumed++;
            Act(Resume(x, nowMs), nowMs);
        }

        /// <summary>The last message of <paramref name="x"/> again, or the end of it when the peer never answered.</summary>
        private void Retransmit(int index, QuickModeExchange x, long nowMs)
        {
            if (x.Retransmits < MaxRetransmits)
            {
                x.Retransmits++;
                x.NextTimerMs = nowMs + (FirstRetransmitMs << x.Retransmits);
                Retransmissions++;
                SendLast(x, nowMs);
                return;
            }

            if (x.InboundInstalled)
            {
                // The initiator may have installed its pair on our QM2: take it down.
                BigEndian.WriteUInt32(_spi, 0, x.OurSpi);
                _sender.SendDelete(x.Sa, ProtocolId.IpsecEsp, _spi, 4, nowMs);
            }

            _exchanges.Forget(index);
            _listener.OnPhase2Failed(x.Sa, x.Sa.PeerAddress, Phase2FailureReason.PeerTimeout, "no "
                + (x.Initiator ? "QM2" : "QM3") + " for " + x.Policy.Name + " after " + x.Retransmits.ToString() + " retransmissions");
        }

        /// <summary>The exchange's last message: a responder's to where the QM1 came from, an initiator's to the SA's peer.</summary>
        private void SendLast(QuickModeExchange x, long nowMs)
        {
            if (x.ReplyAddress != 0)
            {
                _daemon.SendTo(x.Sa, x.LastSent, 0, x.LastSent.Length, x.ReplyAddress, x.ReplyPort, x.ReplyLocalPort, nowMs);
            }
            else
            {
                _daemon.Send(x.Sa, x.LastSent, 0, x.LastSent.Length, nowMs);
            }
        }

        /// <summary>
        /// A QM1 we cannot accept: the error notify goes out and the failure is recorded once; the
        /// exchange is kept (finished) with the notify as its answer, so the peer's retransmissions
        /// of the same QM1 get the same notify again, not a new negotiation and record (issue 20).
        /// </summary>
        private void Refuse(QuickModeExchange x, int notify, Phase2FailureReason reason, string detail, long nowMs)
        {
            _exchanges.Abandon(x);
            x.LastSent = _sender.SendNotify(x.Sa, notify, nowMs);
            x.State = QuickModeExchange.Done;
            x.ExpiresMs = nowMs + KeepMs;
            _exchanges.Add(x);
            _listener.OnPhase2Failed(x.Sa, x.Sa.PeerAddress, reason, detail);
        }
    }
}
