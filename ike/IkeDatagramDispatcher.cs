using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// Where each received IKE datagram goes (RFC 2408 §3.1: the cookie pair names the ISAKMP SA):
    /// to the SA its cookies name (<see cref="IkeSaTable"/>), to a new responder SA when it is an
    /// admitted first message (<see cref="FirstMessageResponder"/>), to phase 2 once established,
    /// or dropped. Before a negotiation's task sees a message it weeds out what cannot be for it
    /// now: a retransmission of the peer's last message (answered from memory), IKE on port 500
    /// after floating (RFC 3947 §4), a clear notify (trusted only from the initiator's side), a
    /// message while the SA's Diffie-Hellman runs.
    /// </summary>
    internal sealed class IkeDatagramDispatcher
    {
        /// <summary>
        /// A repeat of the peer's message that comes sooner than this after ours (ms) is a copy made
        /// by the network or one that crossed ours, not the peer's retransmission timer (Libreswan's
        /// first comes after 500 ms): it is not taken as a sign that the peer lost or could not read ours.
        /// </summary>
        internal const long PeerRetransmitMinMs = 250;

        private readonly IsakmpMessage _rx = new IsakmpMessage();
        private readonly MessageRules _rules = new MessageRules();
        private readonly IkeSaTable _sas;
        private readonly FirstMessageResponder _firstMessages;
        private readonly FirstMessageAdmission _admission;
        private readonly Phase1TaskManager _negotiations;
        private readonly IkeSaLifecycle _lifecycle;
        private readonly Retransmitter _sender;
        private int _dropped;
        private int _duplicatesAnswered;

        /// <summary>Datagrams for the SAs of <paramref name="sas"/>; answers from memory go out through <paramref name="sender"/>.</summary>
        internal IkeDatagramDispatcher(IkeSaTable sas, FirstMessageResponder firstMessages, FirstMessageAdmission admission,
            Phase1TaskManager negotiations, IkeSaLifecycle lifecycle, Retransmitter sender)
        {
            _sas = sas;
            _firstMessages = firstMessages;
            _admission = admission;
            _negotiations = negotiations;
            _lifecycle = lifecycle;
            _sender = sender;
        }

        /// <summary>Quick mode and protected informational messages of established SAs go here; may be null.</summary>
        internal IIkeExchangeHandler Phase2 { get; set; }

        /// <summary>Datagrams dropped: unparsable, unknown cookies, stale, on port 500 after floating, or refused first messages over a cap.</summary>
        internal int Dropped
        {
            get { return _dropped + _firstMessages.Dropped; }
        }

        /// <summary>Retransmitted requests answered with the stored response (or the notify that refused them).</summary>
        internal int DuplicatesAnswered
        {
            get { return _duplicatesAnswered + _firstMessages.RefusalsRepeated; }
        }

        /// <summary>Messages dropped because their SA was waiting for its Diffie-Hellman job.</summary>
        internal int DroppedWhileComputing { get; private set; }

        /// <summary>AM2 sent again because the initiator's protected message showed AM3 was lost.</summary>
        internal int AnswersRepeatedForLostAm3 { get; private set; }

        /// <summary>Unprotected notifies that named a responder half-open SA and were ignored (anyone can send them).</summary>
        internal int UnauthenticatedNotifiesIgnored { get; private set; }

        /// <summary>
        /// One received IKE datagram (without the non-ESP marker) from
        /// <paramref name="source"/>:<paramref name="sourcePort"/> on our <paramref name="localPort"/>
        /// (500 or 4500). Never throws on content; drops what it cannot use.
        /// </summary>
        internal void Handle(byte[] b, int offset, int count, uint source, int sourcePort, int localPort, long nowMs)
        {
            if (!_rx.TryParse(b, offset, count))
            {
                _dropped++;
                return;
            }

            int exchange = _rx.ExchangeType;
            IkeSa sa = _sas.Lookup(_rx.InitiatorCookie, _rx.ResponderCookie, exchange, source);
            if (sa == null)
            {
                if (_rx.ResponderCookie == 0 && !_rx.IsEncrypted
                    && (exchange == ExchangeType.IdentityProtection || exchange == ExchangeType.Aggressive))
                {
                    Respond(b, offset, count, source, sourcePort, localPort, nowMs);
                    return;
                }

                _dropped++;
                return;
            }

            // A retransmitted request gets the stored answer; a duplicate answer to a message we
            // still retransmit ourselves is ignored (our timer covers it, and answering would amplify).
            if (IsDuplicate(sa, b, offset, count))
            {
                HandleRepeat(sa, source, nowMs);
                return;
            }

            // Main mode, MM5 sent: an encrypted notify in place of MM6 means the peer could not
            // authenticate MM5. strongSwan answers "INFORMATIONAL [HASH N(PAYLOAD-MALFORMED)]" under
            // its own keys, still on port 500 (it never saw MM5 decrypt, so it did not float). Same
            // DH exchange, different keys: the pre-shared keys differ (or it refused our identity).
            // Checked before the port-500 rule below, which would otherwise hide the answer and leave
            // the operator with a retransmit timeout minutes later.
            if (exchange == ExchangeType.Informational && _rx.IsEncrypted && sa.IsInitiator
                && sa.State == IkeSaState.MainAuth && source == sa.PeerAddress)
            {
                _lifecycle.Fail(sa, Phase1FailureReason.AuthenticationFailed,
                    "the peer answered our MM5 (identity and HASH_I) with an encrypted notify instead of MM6: "
                    + "it could not decrypt or verify it", nowMs);
                return;
            }

            // RFC 3947 §4: once floated, IKE on port 500 for this SA is discarded (a duplicate was
            // answered above: the peer may retransmit its last message to 500 before it saw ours on 4500).
            if (sa.LocalPort == IkeDaemon.NatTPort && localPort == IkeDaemon.IkePort)
            {
                _dropped++;
                return;
            }

            if (exchange == ExchangeType.Informational && !_rx.IsEncrypted)
            {
                HandlePlainNotify(sa, source, nowMs);
                return;
            }

            if (sa.State == IkeSaState.Established)
            {
                if (Phase2 != null && _rx.IsEncrypted && (exchange == ExchangeType.QuickMode || exchange == ExchangeType.Informational))
                {
                    Phase2.HandleMessage(sa, _rx, source, sourcePort, localPort, nowMs);
                    return;
                }

                _dropped++;
                return;
            }

            HandlePhase1(sa, b, offset, count, source, sourcePort, localPort, nowMs);
        }

        /// <summary>A first message (MM1 or AM1) without state: a new responder SA (<see cref="FirstMessageResponder"/>) whose task answers it.</summary>
        private void Respond(byte[] b, int offset, int count, uint source, int sourcePort, int localPort, long nowMs)
        {
            IkeSa sa = _firstMessages.Admit(_rx, b, offset, count, source, sourcePort, localPort, nowMs);
            if (sa == null)
            {
                return;
            }

            Phase1Outcome outcome = _negotiations.Respond(sa, _rx, b, offset, count, source, sourcePort, localPort, nowMs);
            if (outcome.Kind == Phase1OutcomeKind.Failed && outcome.Notify != 0)
            {
                _firstMessages.Refused(sa, b, offset, count, outcome.Notify, nowMs);
            }
        }

        /// <summary>A message of a phase 1 negotiation under way: to its task, unless it cannot be for it now.</summary>
        private void HandlePhase1(IkeSa sa, byte[] b, int offset, int count, uint source, int sourcePort, int localPort, long nowMs)
        {
            int exchange = _rx.ExchangeType;
            int expected = sa.Mode == ExchangeMode.Aggressive ? ExchangeType.Aggressive : ExchangeType.IdentityProtection;

            // Aggressive mode responder, AM3 lost: the initiator believes phase 1 is up and sends a
            // protected quick mode or informational. Carrying our responder cookie, it proves the
            // source got AM2, so AM2 may go again: the initiator answers a repeated AM2 with AM3.
            if (!sa.IsInitiator && sa.State == IkeSaState.AggressiveSent && exchange != expected && _rx.IsEncrypted
                && source == sa.PeerAddress && _rx.ResponderCookie == sa.ResponderCookie && sa.LastSent != null)
            {
                _sender.Transmit(sa, sa.LastSent, nowMs);
                AnswersRepeatedForLostAm3++;
                return;
            }

            if (exchange != expected || source != sa.PeerAddress)
            {
                _dropped++;
                return;
            }

            // Waiting for its Diffie-Hellman: the message that started it was taken (a copy of it
            // was dropped as a duplicate above); anything else would start a second computation.
            if (sa.Job != null)
            {
                _dropped++;
                DroppedWhileComputing++;
                return;
            }

            // MM3 makes the responder compute Diffie-Hellman for a peer that has not authenticated.
            if (!sa.IsInitiator && sa.State == IkeSaState.MainSa && !_admission.ResponderDh.TryTake(nowMs))
            {
                _dropped++;
                return;
            }

            Phase1Outcome outcome = _negotiations.Process(sa, _rx, b, offset, count, source, sourcePort, localPort, nowMs);
            if (outcome.Kind == Phase1OutcomeKind.Ignored)
            {
                _dropped++;
            }
        }

        private static bool IsDuplicate(IkeSa sa, byte[] b, int offset, int count)
        {
            byte[] last = sa.LastReceived;
            return last != null && last.Length == count && FixedTime.AreEqual(last, 0, b, offset, count);
        }

        /// <summary>A copy of the peer's last message: our stored answer again, or dropped (see <see cref="Handle"/>).</summary>
        private void HandleRepeat(IkeSa sa, uint source, long nowMs)
        {
            if (sa.IsInitiator && sa.State == IkeSaState.MainAuth && source == sa.PeerAddress
                && nowMs - sa.LastSentMs >= PeerRetransmitMinMs)
            {
                RepeatedMm4(sa, nowMs);
                return;
            }

            if (sa.Job != null)
            {
                // The request being computed: its answer is not made yet, and one is enough.
                _dropped++;
                DroppedWhileComputing++;
                return;
            }

            if (sa.Answer != null && !sa.AwaitingReply)
            {
                _sender.Transmit(sa, sa.Answer, nowMs);
                _duplicatesAnswered++;

                // A copy of an old message is no proof that the peer is alive now (anyone can
                // send it again), so DPD does not count it once the SA is up.
                if (sa.State != IkeSaState.Established)
                {
                    sa.LastHeardMs = nowMs;
                    sa.NextTimerMs = nowMs + _negotiations.HalfOpenTimeoutMs;
                }
            }
            else
            {
                _dropped++;
            }
        }

        /// <summary>
        /// Main mode initiator waiting for MM6, and the peer sends its MM4 again (on 500 or 4500,
        /// before the port rule: a peer that could not decrypt MM5 never floated). Libreswan answers
        /// an MM5 it cannot decrypt this way, without a notify (issue 20): the first repeat may
        /// mean MM5 was lost, so it goes again at once; the second means the peer cannot read it,
        /// the pre-shared keys differ. Named now rather than after the whole retransmission budget.
        /// </summary>
        private void RepeatedMm4(IkeSa sa, long nowMs)
        {
            sa.PeerRepeats++;
            sa.LastHeardMs = nowMs;
            if (sa.PeerRepeats == 1)
            {
                sa.LastSentMs = nowMs;
                _sender.Transmit(sa, sa.LastSent, nowMs);
                _duplicatesAnswered++;
                return;
            }

            _lifecycle.Fail(sa, Phase1FailureReason.AuthenticationFailed, "authentication failed (probable pre-shared key mismatch): the peer sent "
                + "message 4 again twice after our message 5, so it could not decrypt it", nowMs);
        }

        /// <summary>
        /// An unprotected notify for a negotiation in progress: the responder's error ends ours.
        /// A responder SA only remembers it for its half-open timeout's record: anyone who saw or
        /// guessed the initiator cookie could send one, and freeing the slot let notifies buy
        /// unlimited Diffie-Hellman (issue 13).
        /// </summary>
        private void HandlePlainNotify(IkeSa sa, uint source, long nowMs)
        {
            if (sa.State == IkeSaState.Established || source != sa.PeerAddress || !_rules.Check(_rx, MessageKind.InformationalPlain))
            {
                _dropped++;
                return;
            }

            int n = _rx.PayloadOffsetAt(_rx.Find(PayloadType.Notification, 0));
            int type = NotifyPayload.GetNotifyType(_rx.PayloadBuffer, n);
            string detail;
            Phase1FailureReason reason = Phase1Notifies.ReasonOf(sa, type, out detail);
            if (reason == Phase1FailureReason.None)
            {
                _dropped++;
                return;
            }

            if (!sa.IsInitiator)
            {
                UnauthenticatedNotifiesIgnored++;
                sa.NotifiedReason = reason;
                sa.NotifiedDetail = detail;
                return;
            }

            _lifecycle.Fail(sa, reason, detail, nowMs);
        }
    }
}
