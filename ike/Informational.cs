using System;
using NanoGate.Hal;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Wire;
using NanoGate.Nat;

namespace NanoGate.Ike
{
    /// <summary>
    /// A received protected informational message (RFC 2409 §5.7; sending is
    /// <see cref="InformationalSender"/>'s): answers R-U-THERE, hands an ACK to
    /// <see cref="DeadPeerDetection"/>, fails our waiting quick mode on an error notify, deletes the
    /// IPsec SA pairs or the ISAKMP SA the peer deleted.
    /// </summary>
    internal sealed class Informational
    {
        private readonly IkeDaemon _daemon;
        private readonly DeadPeerDetection _dpd;
        private readonly ProtectedMessage _msg;
        private readonly InformationalSender _sender;
        private readonly ChildSaTable _pairs;
        private readonly QuickModeExchangeTable _exchanges;

        /// <summary>
        /// Handles messages opened with <paramref name="msg"/>, answers through <paramref name="sender"/>,
        /// acts on <paramref name="pairs"/>, <paramref name="exchanges"/> and the ISAKMP SAs of <paramref name="daemon"/>.
        /// </summary>
        internal Informational(IkeDaemon daemon, DeadPeerDetection dpd, ProtectedMessage msg, InformationalSender sender, ChildSaTable pairs,
            QuickModeExchangeTable exchanges)
        {
            _daemon = daemon;
            _dpd = dpd;
            _msg = msg;
            _sender = sender;
            _pairs = pairs;
            _exchanges = exchanges;
        }

        /// <summary>Messages dropped (undecryptable, bad hash).</summary>
        internal int Dropped { get; private set; }

        /// <summary>DPD R-U-THERE answered (RFC 3706 §5).</summary>
        internal int DpdAnswered { get; private set; }

        /// <summary>Protected informational messages dropped as replays (a message ID seen before under the SA).</summary>
        internal int ReplaysDropped { get; private set; }

        /// <summary>Our own informational messages sent back to us, dropped.</summary>
        internal int ReflectionsDropped { get; private set; }

        /// <summary>IPsec SA pairs deleted on the peer's Delete.</summary>
        internal int DeletesReceived { get; private set; }

        /// <summary>
        /// RFC 3706 §7: the peer's R-U-THERE sequence numbers grow, so one that does not is an old
        /// probe sent again, answered by nobody. Serial-number arithmetic (RFC 1982) lets it wrap.
        /// </summary>
        private static bool NewPeerSequence(IkeSa sa, uint sequence)
        {
            if (sa.PeerDpdSeen && (int)(sequence - sa.PeerDpdSequence) <= 0)
            {
                return false;
            }

            // One of our own probes, sent back after its ID left the window: taking its number as
            // the peer's would make us refuse the peer's real probes, and the peer would declare us dead.
            uint ours = sequence - sa.DpdFirstSequence;
            if (ours >= 1 && ours <= sa.DpdSequence - sa.DpdFirstSequence)
            {
                return false;
            }

            sa.PeerDpdSeen = true;
            sa.PeerDpdSequence = sequence;
            return true;
        }

        /// <summary>Protected informational (RFC 2409 §5.7): errors for our quick modes, DPD (RFC 3706), deletes.</summary>
        internal void Handle(IkeSa sa, IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs)
        {
            IvChain iv = _msg.NewIv(sa, m.MessageId);
            if (!_msg.Open(iv, m, MessageKind.Informational) || !_msg.VerifyHash(sa, m, null, null, false))
            {
                Dropped++;
                return;
            }

            // One of our own messages sent back to us (its ID is one we chose), or a replay (a
            // captured R-U-THERE sent again kept a dead peer's SAs up for minutes): neither proves
            // anything, and neither changes anything.
            if (sa.OwnMessageIds.Contains(m.MessageId))
            {
                ReflectionsDropped++;
                Dropped++;
                return;
            }

            if (!sa.InformationalIds.TryAdd(m.MessageId))
            {
                ReplaysDropped++;
                Dropped++;
                return;
            }

            sa.NoteHeard(nowMs);
            byte[] b = m.PayloadBuffer;
            for (int i = m.Find(PayloadType.Notification, 0); i >= 0; i = m.Find(PayloadType.Notification, i + 1))
            {
                int n = m.PayloadOffsetAt(i);
                int type = NotifyPayload.GetNotifyType(b, n);
                if (type == NotifyType.DpdRUThere)
                {
                    int data = NotifyPayload.GetDataOffset(b, n);
                    if (NotifyPayload.GetDataLength(b, n) == 4 && NewPeerSequence(sa, BigEndian.ReadUInt32(b, data)))
                    {
                        DpdAnswered++;
                        _sender.SendInformational(sa, NotifyType.DpdRUThereAck, b, data, 4, nowMs);
                    }

                    continue;
                }

                if (type == NotifyType.DpdRUThereAck)
                {
                    if (NotifyPayload.GetDataLength(b, n) == 4)
                    {
                        _dpd.OnAck(sa, BigEndian.ReadUInt32(b, NotifyPayload.GetDataOffset(b, n)), nowMs);
                    }

                    continue;
                }

                if (type == NotifyType.NoProposalChosen || type == NotifyType.InvalidIdInformation || type == NotifyType.InvalidKeyInformation)
                {
                    QuickModeExchange x = _exchanges.NewestWaiting(sa);
                    if (x != null)
                    {
                        if (type == NotifyType.NoProposalChosen)
                        {
                            _exchanges.Fail(x, Phase2FailureReason.ProposalMismatch, "peer sent NO-PROPOSAL-CHOSEN for " + x.Policy.Name
                                + "; we offered " + QuickModePayloads.Describe(x.Proposal, x.Policy));
                        }
                        else if (type == NotifyType.InvalidIdInformation)
                        {
                            _exchanges.Fail(x, Phase2FailureReason.FlowMismatch, "peer sent INVALID-ID-INFORMATION for " + x.Policy.Name + " ("
                                + Ipv4.Format(x.Policy.LocalSubnet) + "/" + x.Policy.LocalPrefixLength.ToString() + " -> "
                                + Ipv4.Format(x.Policy.RemoteSubnet) + "/" + x.Policy.RemotePrefixLength.ToString() + ")");
                        }
                        else
                        {
                            _exchanges.Fail(x, Phase2FailureReason.MalformedPayload, "peer sent INVALID-KEY-INFORMATION");
                        }
                    }
                }
            }

            for (int i = m.Find(PayloadType.Delete, 0); i >= 0; i = m.Find(PayloadType.Delete, i + 1))
            {
                int d = m.PayloadOffsetAt(i);
                int protocol = DeletePayload.GetProtocolId(b, d);
                if (protocol == ProtocolId.IpsecEsp && DeletePayload.GetSpiSize(b, d) == 4)
                {
                    // The peer names its inbound SPIs: our outbound ones (RFC 2408 §3.15).
                    for (int k = 0; k < DeletePayload.GetSpiCount(b, d); k++)
                    {
                        ChildSa c = _pairs.FindByOutbound(BigEndian.ReadUInt32(b, DeletePayload.GetSpiOffset(b, d, k)));
                        if (c != null && c.BelongsTo(sa))
                        {
                            DeletesReceived++;
                            _pairs.DeleteChild(c, false, "peer sent Delete", nowMs);
                        }
                    }
                }
            }

            for (int i = m.Find(PayloadType.Delete, 0); i >= 0; i = m.Find(PayloadType.Delete, i + 1))
            {
                if (DeletePayload.GetProtocolId(b, m.PayloadOffsetAt(i)) == ProtocolId.Isakmp)
                {
                    _daemon.Delete(sa, false, false, nowMs);
                    return;
                }
            }
        }
    }
}
