using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>
/// Rebuilds a parsed message from the values the views read, using only the builders: if the
/// result is byte-identical to what strongSwan sent, every accessor and every builder agree with
/// the wire format for those payloads.
/// </summary>
public static class Reemitter
{
    /// <summary>Header and plaintext payload chain (Length = header + chain).</summary>
    public static byte[] Emit(IsakmpMessage m)
    {
        byte[] out_ = new byte[m.Length + 4096];
        byte[] src = m.Buffer;
        var mb = new MessageBuilder();
        mb.Begin(out_, 0, out_.Length, false, src, m.Offset + IsakmpHeader.InitiatorCookieOffset,
            src, m.Offset + IsakmpHeader.ResponderCookieOffset, m.ExchangeType, m.Flags, m.MessageId);
        byte[] p = m.PayloadBuffer;
        for (int i = 0; i < m.PayloadCount; i++)
        {
            int type = m.PayloadTypeAt(i);
            int o = m.PayloadOffsetAt(i);
            int n = EmitPayload(type, p, o, out_, mb.Position, mb.Room);
            Assert.True(mb.Append(type, n), PayloadType.Name(type) + " did not fit");
        }

        int total = mb.Finish();
        Assert.True(total > 0);
        return out_[..total];
    }

    public static int EmitPayload(int type, byte[] p, int o, byte[] b, int at, int room)
    {
        switch (type)
        {
            case PayloadType.SecurityAssociation:
                return EmitSa(p, o, b, at, room);
            case PayloadType.KeyExchange:
                return OpaquePayload.Write(b, at, room, p, OpaquePayload.GetDataOffset(o), OpaquePayload.GetDataLength(p, o));
            case PayloadType.Identification:
                return IdPayload.Write(b, at, room, IdPayload.GetIdType(p, o), IdPayload.GetProtocol(p, o), IdPayload.GetPort(p, o),
                    p, IdPayload.GetDataOffset(o), IdPayload.GetDataLength(p, o));
            case PayloadType.Certificate:
                return CertPayload.Write(b, at, room, CertPayload.GetEncoding(p, o), p, CertPayload.GetDataOffset(o), CertPayload.GetDataLength(p, o));
            case PayloadType.CertificateRequest:
                return CertReqPayload.Write(b, at, room, CertReqPayload.GetCertType(p, o), p, CertReqPayload.GetAuthorityOffset(o), CertReqPayload.GetAuthorityLength(p, o));
            case PayloadType.Hash:
                return OpaquePayload.Write(b, at, room, p, OpaquePayload.GetDataOffset(o), OpaquePayload.GetDataLength(p, o));
            case PayloadType.Signature:
                return OpaquePayload.Write(b, at, room, p, OpaquePayload.GetDataOffset(o), OpaquePayload.GetDataLength(p, o));
            case PayloadType.Nonce:
                return NoncePayload.Write(b, at, room, p, NoncePayload.GetDataOffset(o), NoncePayload.GetDataLength(p, o));
            case PayloadType.Notification:
                return NotifyPayload.Write(b, at, room, NotifyPayload.GetDoi(p, o), NotifyPayload.GetProtocolId(p, o), NotifyPayload.GetNotifyType(p, o),
                    p, NotifyPayload.GetSpiOffset(o), NotifyPayload.GetSpiSize(p, o), p, NotifyPayload.GetDataOffset(p, o), NotifyPayload.GetDataLength(p, o));
            case PayloadType.Delete:
                return DeletePayload.Write(b, at, room, DeletePayload.GetDoi(p, o), DeletePayload.GetProtocolId(p, o), DeletePayload.GetSpiSize(p, o),
                    DeletePayload.GetSpiCount(p, o), p, DeletePayload.GetSpiOffset(p, o, 0));
            case PayloadType.VendorId:
                return OpaquePayload.Write(b, at, room, p, OpaquePayload.GetDataOffset(o), OpaquePayload.GetDataLength(p, o));
            case PayloadType.NatD:
            case PayloadType.NatDDraft:
                return OpaquePayload.Write(b, at, room, p, OpaquePayload.GetDataOffset(o), OpaquePayload.GetDataLength(p, o));
            case PayloadType.NatOa:
            case PayloadType.NatOaDraft:
                return NatOaPayload.Write(b, at, room, NatOaPayload.GetIdType(p, o), p, NatOaPayload.GetAddressOffset(o), GenericPayload.GetLength(p, o) - NatOaPayload.AddressOffset);
            case PayloadType.Fragment:
                return FragmentPayload.Write(b, at, room, FragmentPayload.GetFragmentId(p, o), FragmentPayload.GetNumber(p, o), FragmentPayload.GetFlags(p, o),
                    p, FragmentPayload.GetDataOffset(o), FragmentPayload.GetDataLength(p, o));
            default:
                throw new InvalidOperationException("no emitter for " + type);
        }
    }

    private static int EmitSa(byte[] p, int o, byte[] b, int at, int room)
    {
        var sa = new SaBuilder();
        sa.Begin(b, at, room, SaPayload.GetDoi(p, o), SaPayload.GetSituation(p, o));
        for (int prop = SaPayload.GetFirstProposal(o); prop >= 0; prop = SaPayload.GetNextChild(p, prop))
        {
            sa.AddProposal(ProposalPayload.GetNumber(p, prop), ProposalPayload.GetProtocolId(p, prop), p, prop + ProposalPayload.SpiOffset,
                ProposalPayload.GetSpiSize(p, prop), ProposalPayload.GetTransformCount(p, prop));
            for (int t = ProposalPayload.GetFirstTransform(p, prop); t >= 0; t = SaPayload.GetNextChild(p, t))
            {
                sa.AddTransform(TransformPayload.GetNumber(p, t), TransformPayload.GetTransformId(p, t));
                int end = t + GenericPayload.GetLength(p, t);
                for (int a = TransformPayload.GetAttributesOffset(t); a < end; a += DataAttribute.GetTotalLength(p, a))
                {
                    int type = DataAttribute.GetType(p, a);
                    if (DataAttribute.IsTv(p, a))
                    {
                        Assert.True(DataAttribute.TryGetValue(p, a, out ulong v));
                        sa.AddTv(type, (int)v);
                    }
                    else
                    {
                        sa.AddTlv(type, p, DataAttribute.GetValueOffset(p, a), DataAttribute.GetValueLength(p, a));
                    }
                }
            }
        }

        return sa.End();
    }
}
