using NanoGate.Hal;
using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// A first message (MM1 or AM1, RFC 2409 §5) that no SA knows: checked against the payload
    /// rules, matched to a configured peer (main mode by source address, aggressive mode by its
    /// identity, RFC 2409 §5.4), held to the half-open caps (<see cref="FirstMessageAdmission"/>)
    /// and turned into a new responder SA. A message we refuse gets an error notify in the clear
    /// (rate-limited: anyone can send one with any source) and is remembered
    /// (<see cref="RefusedFirstMessages"/>), so the peer's retransmissions get the same notify and
    /// make one record, not one each. It creates no task and sends nothing else: the daemon runs
    /// the new SA's exchange.
    /// </summary>
    internal sealed class FirstMessageResponder
    {
        private static readonly byte[] s_noCookie = new byte[8];

        private readonly IkeSaTable _sas;
        private readonly PeerTable _peers;
        private readonly FirstMessageAdmission _admission;
        private readonly Retransmitter _sender;
        private readonly IIkeListener _listener;
        private readonly MessageRules _rules = new MessageRules();
        private readonly RefusedFirstMessages _refused = new RefusedFirstMessages(4);
        private readonly byte[] _cookie = new byte[8];

        /// <summary>New SAs in <paramref name="sas"/> for the peers of <paramref name="peers"/>; notifies go out through <paramref name="sender"/>.</summary>
        internal FirstMessageResponder(IkeSaTable sas, PeerTable peers, FirstMessageAdmission admission, Retransmitter sender, IIkeListener listener)
        {
            _sas = sas;
            _peers = peers;
            _admission = admission;
            _sender = sender;
            _listener = listener;
        }

        /// <summary>First messages dropped (malformed, over a cap or a rate budget).</summary>
        internal int Dropped { get; private set; }

        /// <summary>Retransmitted first messages answered with the notify that refused them.</summary>
        internal int RefusalsRepeated { get; private set; }

        /// <summary>
        /// The new responder SA for first message <paramref name="m"/> (the datagram
        /// <paramref name="b"/>), its peer, address and ports set; null when it was refused or
        /// dropped (reported here).
        /// </summary>
        internal IkeSa Admit(IsakmpMessage m, byte[] b, int offset, int count, uint source, int sourcePort, int localPort, long nowMs)
        {
            bool aggressive = m.ExchangeType == ExchangeType.Aggressive;
            if (!_rules.Check(m, aggressive ? MessageKind.Aggressive1 : MessageKind.MainMode1))
            {
                Dropped++;
                _listener.OnFailed(null, source, Phase1FailureReason.MalformedPayload, _rules.Error.Reason);
                return null;
            }

            BigEndian.WriteUInt64(_cookie, 0, m.InitiatorCookie);
            int refused = _refused.Find(b, offset, count, nowMs);
            if (refused >= 0)
            {
                // The peer retransmits a first message we refused: the same notify, nothing new.
                if (_admission.UnverifiedAnswers.TryTake(nowMs))
                {
                    _sender.SendNotify(_cookie, _refused.CookieROf(refused), source, sourcePort, localPort, _refused.NotifyOf(refused));
                    RefusalsRepeated++;
                }
                else
                {
                    Dropped++;
                }

                return null;
            }

            PeerConfig peer = aggressive ? FindAggressivePeer(m, b, offset, count, source, sourcePort, localPort, nowMs)
                : FindMainPeer(b, offset, count, source, sourcePort, localPort, nowMs);
            if (peer == null)
            {
                return null;
            }

            // The caps before any state or crypto (FirstMessageAdmission).
            string refusal = _admission.Admit(peer, source, aggressive, nowMs);
            if (refusal != null)
            {
                Dropped++;
                if (_admission.ShouldReport(nowMs))
                {
                    _listener.OnFailed(null, source, Phase1FailureReason.ResourceLimit, refusal);
                }

                return null;
            }

            IkeSa sa = _sas.Create(peer, false, aggressive ? ExchangeMode.Aggressive : ExchangeMode.Main, _cookie, nowMs);
            sa.PeerAddress = source;
            sa.PeerPort = sourcePort;
            sa.LocalPort = localPort;
            return sa;
        }

        /// <summary>The new SA's exchange refused the first message with <paramref name="notify"/> (sent already): remembered for its retransmissions.</summary>
        internal void Refused(IkeSa sa, byte[] b, int offset, int count, int notify, long nowMs)
        {
            _refused.Remember(b, offset, count, notify, sa.CookieR, nowMs);
        }

        /// <summary>Main mode: the peer configured for the source address; none is answered NO-PROPOSAL-CHOSEN, as strongSwan does.</summary>
        private PeerConfig FindMainPeer(byte[] b, int offset, int count, uint source, int sourcePort, int localPort, long nowMs)
        {
            PeerConfig peer = _peers.FindByAddress(source);
            if (peer != null)
            {
                return peer;
            }

            if (!Refuse(b, offset, count, source, sourcePort, localPort, NotifyType.NoProposalChosen, nowMs))
            {
                return null;
            }

            PeerConfig other = _peers.FindAggressiveByAddress(source);
            _listener.OnFailed(null, source, other != null ? Phase1FailureReason.ExchangeModeMismatch : Phase1FailureReason.PeerAddressMismatch,
                other != null ? "main mode from " + Ipv4.Format(source) + ": ike peer " + other.Name + " (this address) is configured for aggressive mode"
                : "no main mode peer is configured for " + Ipv4.Format(source));
            return null;
        }

        /// <summary>Aggressive mode: the peer with the identity AM1 carries; none is answered INVALID-ID-INFORMATION.</summary>
        private PeerConfig FindAggressivePeer(IsakmpMessage m, byte[] b, int offset, int count, uint source, int sourcePort, int localPort, long nowMs)
        {
            int id = m.PayloadOffsetAt(m.Find(PayloadType.Identification, 0));
            Phase1FailureReason reason;
            PeerConfig peer = _peers.FindById(m.PayloadBuffer, id, source, out reason);
            if (peer != null)
            {
                return peer;
            }

            if (!Refuse(b, offset, count, source, sourcePort, localPort, NotifyType.InvalidIdInformation, nowMs))
            {
                return null;
            }

            PeerConfig main = reason == Phase1FailureReason.ConfigIdMismatch ? _peers.FindByAddress(source) : null;
            if (main != null)
            {
                // Issue 16: not an ID problem, the peer for this address negotiates main mode.
                reason = Phase1FailureReason.ExchangeModeMismatch;
            }

            _listener.OnFailed(null, source, reason, "aggressive mode from " + Ipv4.Format(source) + " as "
                + PeerIdentity.Format(m.PayloadBuffer, id) + ": " + (main != null
                ? "ike peer " + main.Name + " (this address) is configured for main mode"
                : reason == Phase1FailureReason.PeerAddressMismatch
                ? "the peer with this ID is configured for another address" : "no aggressive mode peer has this remote ID"));
            return null;
        }

        /// <summary>Sends <paramref name="notify"/> for a first message with no peer and remembers it; false (dropped, no record) when over the rate budget.</summary>
        private bool Refuse(byte[] b, int offset, int count, uint source, int sourcePort, int localPort, int notify, long nowMs)
        {
            if (!_admission.UnverifiedAnswers.TryTake(nowMs))
            {
                Dropped++;
                return false;
            }

            _sender.SendNotify(_cookie, s_noCookie, source, sourcePort, localPort, notify);
            _refused.Remember(b, offset, count, notify, s_noCookie, nowMs);
            return true;
        }
    }
}
