using System;
using NanoGate.Hal;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Wire;
using NanoGate.Nat;

namespace NanoGate.Ike
{
    /// <summary>
    /// The protected informational exchange (RFC 2409 §5.7) of a <see cref="QuickMode"/>:
    /// <code>
    ///  HDR*, HASH(1), N/D -->
    /// </code>
    /// Sends notifies with SPI = CKY-I | CKY-R (quick mode errors, DPD R-U-THERE and R-U-THERE-ACK,
    /// RFC 3706 §5, §7) and Delete payloads (RFC 2408 §3.15), each on a fresh message ID. Handles a
    /// received one: answers R-U-THERE, hands an ACK to <see cref="DeadPeerDetection"/>, fails our
    /// waiting quick mode on an error notify, deletes the IPsec SA pairs or the ISAKMP SA the peer
    /// deleted (what has to be acted on is done by <see cref="QuickMode"/>).
    /// </summary>
    internal sealed class Informational
    {
        private readonly QuickMode _owner;
        private readonly IkeDaemon _daemon;
        private readonly DeadPeerDetection _dpd;
        private readonly ProtectedMessage _msg;
        private readonly byte[] _tx;
        private readonly byte[] _hash;
        private readonly MessageBuilder _builder;
        private readonly byte[] _spi = new byte[16];
        private readonly byte[] _seq = new byte[4];

        /// <summary>Informational messages of <paramref name="owner"/>, built with <paramref name="msg"/>.</summary>
        internal Informational(QuickMode owner, IkeDaemon daemon, DeadPeerDetection dpd, ProtectedMessage msg)
        {
            _owner = owner;
            _daemon = daemon;
            _dpd = dpd;
            _msg = msg;
            _tx = msg.Tx;
            _hash = msg.Hash;
            _builder = msg.Builder;
        }

        /// <summary>DPD R-U-THERE answered (RFC 3706 §5).</summary>
        internal int DpdAnswered { get; private set; }

        /// <summary>Protected informational messages dropped as replays (a message ID seen before under the SA).</summary>
        internal int ReplaysDropped { get; private set; }

        /// <summary>Delete payloads sent (IPsec and ISAKMP).</summary>
        internal int DeletesSent { get; private set; }

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
                _owner.Dropped++;
                return;
            }

            // A replay (a captured R-U-THERE sent again kept a dead peer's SAs up for minutes)
            // proves nothing and changes nothing.
            if (!sa.InformationalIds.TryAdd(m.MessageId))
            {
                ReplaysDropped++;
                _owner.Dropped++;
                return;
            }

            QuickMode.Heard(sa, nowMs);
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
                        SendInformational(sa, NotifyType.DpdRUThereAck, b, data, 4, nowMs);
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
                    QuickModeExchange x = _owner.NewestWaiting(sa);
                    if (x != null)
                    {
                        if (type == NotifyType.NoProposalChosen)
                        {
                            _owner.FailExchange(x, Phase2FailureReason.ProposalMismatch, "peer sent NO-PROPOSAL-CHOSEN for " + x.Policy.Name
                                + "; we offered " + QuickModePayloads.Describe(x.Proposal, x.Policy), 0, nowMs);
                        }
                        else if (type == NotifyType.InvalidIdInformation)
                        {
                            _owner.FailExchange(x, Phase2FailureReason.FlowMismatch, "peer sent INVALID-ID-INFORMATION for " + x.Policy.Name + " ("
                                + Ipv4.Format(x.Policy.LocalSubnet) + "/" + x.Policy.LocalPrefixLength.ToString() + " -> "
                                + Ipv4.Format(x.Policy.RemoteSubnet) + "/" + x.Policy.RemotePrefixLength.ToString() + ")", 0, nowMs);
                        }
                        else
                        {
                            _owner.FailExchange(x, Phase2FailureReason.MalformedPayload, "peer sent INVALID-KEY-INFORMATION", 0, nowMs);
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
                        ChildSa c = _owner.Pairs.FindByOutbound(BigEndian.ReadUInt32(b, DeletePayload.GetSpiOffset(b, d, k)));
                        if (c != null && c.BelongsTo(sa))
                        {
                            DeletesReceived++;
                            _owner.Pairs.DeleteChild(c, false, "peer sent Delete", nowMs);
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

        /// <summary>HDR*, HASH(1), D (RFC 2409 §5.7, RFC 2408 §3.15) on a fresh message ID.</summary>
        internal void SendDelete(IkeSa sa, int protocol, byte[] spi, int spiSize, long nowMs)
        {
            uint mid = _msg.NewMessageId(sa);
            IvChain iv = _msg.NewIv(sa, mid);
            int hashAt = _msg.BeginProtected(sa, ExchangeType.Informational, mid);
            int rest = _builder.Position;
            _builder.Append(PayloadType.Delete, DeletePayload.Write(_tx, _builder.Position, _builder.Room, SaPayload.DoiIpsec, protocol,
                spiSize, 1, spi, 0));
            _msg.ComputeHash(sa, mid, null, null, _tx, rest, _builder.Position - rest, false);
            Array.Copy(_hash, 0, _tx, hashAt, sa.Keys.PrfSize);
            byte[] d = _msg.Seal(iv);
            if (d != null)
            {
                DeletesSent++;
                _daemon.Send(sa, d, 0, d.Length, nowMs);
            }
        }

        /// <summary>A protected error notify; returns the datagram sent (kept to answer a repeat of the request), or null.</summary>
        internal byte[] SendNotify(IkeSa sa, int type, long nowMs)
        {
            return SendInformational(sa, type, null, 0, 0, nowMs);
        }

        /// <summary>HDR*, HASH(1), N with SPI = CKY-I | CKY-R (RFC 2409 §5.7), on a fresh message ID.</summary>
        internal byte[] SendInformational(IkeSa sa, int type, byte[] data, int dataOffset, int dataLength, long nowMs)
        {
            uint mid = _msg.NewMessageId(sa);
            IvChain iv = _msg.NewIv(sa, mid);
            int hashAt = _msg.BeginProtected(sa, ExchangeType.Informational, mid);
            int rest = _builder.Position;
            Array.Copy(sa.CookieI, 0, _spi, 0, 8);
            Array.Copy(sa.CookieR, 0, _spi, 8, 8);
            _builder.Append(PayloadType.Notification, NotifyPayload.Write(_tx, _builder.Position, _builder.Room, SaPayload.DoiIpsec,
                ProtocolId.Isakmp, type, _spi, 0, 16, data, dataOffset, dataLength));
            _msg.ComputeHash(sa, mid, null, null, _tx, rest, _builder.Position - rest, false);
            Array.Copy(_hash, 0, _tx, hashAt, sa.Keys.PrfSize);
            byte[] d = _msg.Seal(iv);
            if (d != null)
            {
                _daemon.Send(sa, d, 0, d.Length, nowMs);
            }

            return d;
        }

        /// <summary>R-U-THERE with <paramref name="sequence"/> (RFC 3706 §7: SPI = CKY-I | CKY-R, 4-byte sequence).</summary>
        internal void SendDpd(IkeSa sa, uint sequence, long nowMs)
        {
            BigEndian.WriteUInt32(_seq, 0, sequence);
            SendInformational(sa, NotifyType.DpdRUThere, _seq, 0, 4, nowMs);
        }
    }
}
