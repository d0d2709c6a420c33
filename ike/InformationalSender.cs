using System;
using NanoGate.Hal;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// Sends protected informational messages (RFC 2409 §5.7) of an established ISAKMP SA:
    /// <code>
    ///  HDR*, HASH(1), N/D -->
    /// </code>
    /// notifies with SPI = CKY-I | CKY-R (quick mode errors, DPD R-U-THERE and R-U-THERE-ACK, RFC
    /// 3706 §5, §7) and Delete payloads (RFC 2408 §3.15), each on a fresh message ID. Used by the
    /// quick mode tasks, the child-SA table, dead peer detection and the informational handler.
    /// </summary>
    internal sealed class InformationalSender
    {
        private readonly IkeDaemon _daemon;
        private readonly ProtectedMessage _msg;
        private readonly byte[] _tx;
        private readonly byte[] _hash;
        private readonly MessageBuilder _builder;
        private readonly byte[] _spi = new byte[16];
        private readonly byte[] _seq = new byte[4];

        /// <summary>Messages built with <paramref name="msg"/>, sent through <paramref name="daemon"/>.</summary>
        internal InformationalSender(IkeDaemon daemon, ProtectedMessage msg)
        {
            _daemon = daemon;
            _msg = msg;
            _tx = msg.Tx;
            _hash = msg.Hash;
            _builder = msg.Builder;
        }

        /// <summary>Delete payloads sent (IPsec and ISAKMP).</summary>
        internal int DeletesSent { get; private set; }

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
