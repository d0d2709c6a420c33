using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>
/// SA, Proposal, Transform and data attributes (RFC 2408 §3.3-§3.6) against the phase 1 SA of
/// MM1 and the phase 2 SA of QM1; expected values from tshark-decode.txt of the same capture.
/// </summary>
public class SaPayloadTests
{
    [Fact]
    public void Deconstruct_phase1_SA_of_MM1()
    {
        CapturedPayload sa = CapturedPayload.Find("main-mode", "01-mm1", PayloadType.SecurityAssociation);
        byte[] p = sa.Buffer;
        int o = sa.Offset;
        Assert.Equal(56, sa.Length);
        Assert.Equal(SaPayload.DoiIpsec, SaPayload.GetDoi(p, o));
        Assert.Equal(SaPayload.SituationIdentityOnly, SaPayload.GetSituation(p, o));
        int prop = SaPayload.GetFirstProposal(o);
        Assert.Equal(44, GenericPayload.GetLength(p, prop));
        Assert.Equal(1, ProposalPayload.GetNumber(p, prop));
        Assert.Equal(ProtocolId.Isakmp, ProposalPayload.GetProtocolId(p, prop));
        Assert.Equal(0, ProposalPayload.GetSpiSize(p, prop));
        Assert.Equal(1, ProposalPayload.GetTransformCount(p, prop));
        Assert.Equal(-1, SaPayload.GetNextChild(p, prop));
        int t = ProposalPayload.GetFirstTransform(p, prop);
        Assert.Equal(TransformId.KeyIke, TransformPayload.GetTransformId(p, t));
        Assert.Equal(36, GenericPayload.GetLength(p, t));

        // tshark: Encryption-Algorithm AES-CBC, Key-Length 128, Hash SHA2-256, Group 14, PSK, Life-Type seconds, Life-Duration 15840
        (int Type, int Value)[] expected =
        [
            (Phase1Attribute.EncryptionAlgorithm, Phase1Attribute.EncrAesCbc), (Phase1Attribute.KeyLength, 128),
            (Phase1Attribute.HashAlgorithm, Phase1Attribute.HashSha2256), (Phase1Attribute.GroupDescription, Phase1Attribute.GroupModp2048),
            (Phase1Attribute.AuthenticationMethod, Phase1Attribute.AuthPreSharedKey), (Phase1Attribute.LifeType, Phase1Attribute.LifeSeconds),
            (Phase1Attribute.LifeDuration, 15840),
        ];
        var seen = new List<(int, int)>();
        int end = t + GenericPayload.GetLength(p, t);
        for (int a = TransformPayload.GetAttributesOffset(t); a < end; a += DataAttribute.GetTotalLength(p, a))
        {
            Assert.True(DataAttribute.IsTv(p, a));
            Assert.True(DataAttribute.TryGetValue(p, a, out ulong v));
            seen.Add((DataAttribute.GetType(p, a), (int)v));
        }

        Assert.Equal(expected, seen);
        int life = TransformPayload.FindAttribute(p, t, Phase1Attribute.LifeDuration);
        Assert.True(DataAttribute.TryGetValue(p, life, out ulong duration));
        Assert.Equal(15840UL, duration);
        Assert.Equal(-1, TransformPayload.FindAttribute(p, t, Phase1Attribute.Prf));
    }

    [Fact]
    public void Deconstruct_phase2_SA_of_QM1()
    {
        CapturedPayload sa = CapturedPayload.Find("main-mode", "07-qm1", PayloadType.SecurityAssociation);
        byte[] p = sa.Buffer;
        int prop = SaPayload.GetFirstProposal(sa.Offset);
        Assert.Equal(ProtocolId.IpsecEsp, ProposalPayload.GetProtocolId(p, prop));
        Assert.Equal(4, ProposalPayload.GetSpiSize(p, prop));
        Assert.Equal(0x89b262d7u, ProposalPayload.GetSpi32(p, prop));
        int t = ProposalPayload.GetFirstTransform(p, prop);
        Assert.Equal(TransformId.EspAes, TransformPayload.GetTransformId(p, t));
        AssertAttribute(p, t, Phase2Attribute.KeyLength, 128);
        AssertAttribute(p, t, Phase2Attribute.AuthenticationAlgorithm, Phase2Attribute.AuthHmacSha2256);
        AssertAttribute(p, t, Phase2Attribute.EncapsulationMode, Phase2Attribute.ModeUdpTunnel);
        AssertAttribute(p, t, Phase2Attribute.SaLifeType, Phase2Attribute.LifeSeconds);
        AssertAttribute(p, t, Phase2Attribute.SaLifeDuration, 3960);
        Assert.True(Phase2Attribute.IsUdpEncapsulated(Phase2Attribute.ModeUdpTunnel));
        Assert.True(Phase2Attribute.IsUdpEncapsulated(Phase2Attribute.ModeUdpTunnelDraft));
        Assert.False(Phase2Attribute.IsUdpEncapsulated(Phase2Attribute.ModeTunnel));
    }

    [Fact]
    public void Construct_phase1_SA_with_the_builder()
    {
        byte[] expected = CapturedPayload.Find("main-mode", "01-mm1", PayloadType.SecurityAssociation).Bytes;
        CapturedPayload.AssertEmitLength(expected, (b, o, room) =>
        {
            var sa = new SaBuilder();
            sa.Begin(b, o, room, SaPayload.DoiIpsec, SaPayload.SituationIdentityOnly);
            sa.AddProposal(1, ProtocolId.Isakmp, [], 0, 0, 1);
            sa.AddTransform(1, TransformId.KeyIke);
            sa.AddTv(Phase1Attribute.EncryptionAlgorithm, Phase1Attribute.EncrAesCbc);
            sa.AddTv(Phase1Attribute.KeyLength, 128);
            sa.AddTv(Phase1Attribute.HashAlgorithm, Phase1Attribute.HashSha2256);
            sa.AddTv(Phase1Attribute.GroupDescription, Phase1Attribute.GroupModp2048);
            sa.AddTv(Phase1Attribute.AuthenticationMethod, Phase1Attribute.AuthPreSharedKey);
            sa.AddTv(Phase1Attribute.LifeType, Phase1Attribute.LifeSeconds);
            sa.AddVariable(Phase1Attribute.LifeDuration, 15840);
            return sa.End();
        });
    }

    [Fact]
    public void Construct_phase2_SA_with_the_builder()
    {
        byte[] expected = CapturedPayload.Find("main-mode", "07-qm1", PayloadType.SecurityAssociation).Bytes;
        byte[] spi = [0x89, 0xb2, 0x62, 0xd7];
        CapturedPayload.AssertEmitLength(expected, (b, o, room) =>
        {
            var sa = new SaBuilder();
            sa.Begin(b, o, room, SaPayload.DoiIpsec, SaPayload.SituationIdentityOnly);
            sa.AddProposal(1, ProtocolId.IpsecEsp, spi, 0, 4, 1);
            sa.AddTransform(1, TransformId.EspAes);
            sa.AddTv(Phase2Attribute.KeyLength, 128);
            sa.AddTv(Phase2Attribute.AuthenticationAlgorithm, Phase2Attribute.AuthHmacSha2256);
            sa.AddTv(Phase2Attribute.EncapsulationMode, Phase2Attribute.ModeUdpTunnel);
            sa.AddTv(Phase2Attribute.SaLifeType, Phase2Attribute.LifeSeconds);
            sa.AddVariable(Phase2Attribute.SaLifeDuration, 3960);
            return sa.End();
        });
    }

    [Fact]
    public void Check_length_of_SA_payloads()
    {
        CapturedPayload.AssertCheckLength(CapturedPayload.Find("main-mode", "01-mm1", PayloadType.SecurityAssociation).Bytes, SaPayload.Check);
        CapturedPayload.AssertCheckLength(CapturedPayload.Find("aggressive-mode", "04-qm1", PayloadType.SecurityAssociation).Bytes, SaPayload.Check);
    }

    [Fact]
    public void Variable_life_duration_as_TLV_RFC_2409_Appendix_A()
    {
        // Life-Duration (class 12, "V") of 86400 s does not fit 16 bits: AF=0, length 4, value 0x00015180.
        byte[] tlv = [0x00, 0x0C, 0x00, 0x04, 0x00, 0x01, 0x51, 0x80];
        Assert.Equal(8, DataAttribute.Check(tlv, 0, tlv.Length));
        Assert.False(DataAttribute.IsTv(tlv, 0));
        Assert.Equal(Phase1Attribute.LifeDuration, DataAttribute.GetType(tlv, 0));
        Assert.True(DataAttribute.TryGetValue(tlv, 0, out ulong v));
        Assert.Equal(86400UL, v);
        Assert.Equal(-1, DataAttribute.Check(tlv, 0, 7));

        var sa = new SaBuilder();
        byte[] b = new byte[64];
        sa.Begin(b, 0, b.Length, 1, 1);
        sa.AddProposal(1, ProtocolId.Isakmp, [], 0, 0, 1);
        sa.AddTransform(1, TransformId.KeyIke);
        sa.AddVariable(Phase1Attribute.LifeDuration, 86400);
        sa.AddTlvNumber(Phase1Attribute.LifeDuration, 0x0102030405060708, 8);
        int n = sa.End();
        Assert.Equal(12 + 8 + 8 + 8 + 12, n);
        Assert.Equal(tlv, b[28..36]);
        var e = new WireError();
        Assert.Equal(n, SaPayload.Check(b, 0, n, e));
        Assert.True(DataAttribute.TryGetValue(b, 36, out ulong big));
        Assert.Equal(0x0102030405060708UL, big);

        byte[] nine = [0x00, 0x0C, 0x00, 0x09, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        Assert.False(DataAttribute.TryGetValue(nine, 0, out _));
    }

    [Fact]
    public void Proposal_errors_are_named()
    {
        byte[] sa = CapturedPayload.Find("main-mode", "01-mm1", PayloadType.SecurityAssociation).Bytes;
        var e = new WireError();

        byte[] b = (byte[])sa.Clone();
        b[12 + 2] = 0x00;
        b[12 + 3] = 0x48; // proposal length 72 in a 56-byte SA
        Assert.Equal(-1, SaPayload.Check(b, 0, b.Length, e));
        Assert.Equal(NotifyType.PayloadMalformed, e.Notify);
        Assert.Equal("malformed payload: SA proposal length 72 past end of payload", e.Reason);

        b = (byte[])sa.Clone();
        b[12 + 7] = 2; // announces 2 transforms, carries 1
        Assert.Equal(-1, SaPayload.Check(b, 0, b.Length, e));
        Assert.Equal(NotifyType.BadProposalSyntax, e.Notify);
        Assert.Equal("bad proposal syntax: proposal announces 2 transforms but carries 1", e.Reason);

        b = (byte[])sa.Clone();
        b[7] = 2; // DOI 2
        Assert.Equal(-1, SaPayload.Check(b, 0, b.Length, e));
        Assert.Equal(NotifyType.DoiNotSupported, e.Notify);

        b = (byte[])sa.Clone();
        b[11] = 3; // secrecy bit
        Assert.Equal(-1, SaPayload.Check(b, 0, b.Length, e));
        Assert.Equal(NotifyType.SituationNotSupported, e.Notify);

        b = (byte[])sa.Clone();
        b[12 + 8 + 8 + 4 * 6 + 2] = 0x00;
        b[12 + 8 + 8 + 4 * 6 + 0] = 0x00; // last attribute becomes TLV with length 0x3DE0 (15840)
        Assert.Equal(-1, SaPayload.Check(b, 0, b.Length, e));
        Assert.Equal(WireError.AttributePastEnd, e.Code);
        Assert.StartsWith("malformed payload: transform attribute length", e.Reason);

        b = (byte[])sa.Clone();
        b[12] = 5; // proposal's next payload = KE
        Assert.Equal(-1, SaPayload.Check(b, 0, b.Length, e));
        Assert.Equal(WireError.ChildWrongType, e.Code);
    }

    private static void AssertAttribute(byte[] p, int t, int type, int value)
    {
        int a = TransformPayload.FindAttribute(p, t, type);
        Assert.True(a >= 0, "attribute " + type);
        Assert.True(DataAttribute.TryGetValue(p, a, out ulong v));
        Assert.Equal((ulong)value, v);
    }
}
