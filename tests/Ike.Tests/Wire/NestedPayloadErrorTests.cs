using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>
/// The errors of the nested payloads (RFC 2408 §3.4-§3.6: proposals in an SA, transforms in a
/// proposal) and of an SPI that runs past its payload (§3.5, §3.14), recorded with the parent and
/// child types a peer is told about. Each case breaks one field of the SA of MM1 (one proposal
/// without SPI at 12, one transform at 20, 56 bytes) or of a notify.
/// </summary>
public class NestedPayloadErrorTests
{
    private const int Proposal = SaPayload.ProposalsOffset;
    private const int Transform = Proposal + ProposalPayload.SpiOffset;

    [Fact]
    public void The_unbroken_SA_passes()
    {
        byte[] sa = Mm1Sa();
        var error = new WireError();
        Assert.Equal(sa.Length, SaPayload.Check(sa, 0, sa.Length, error));
        Assert.False(error.IsError);
    }

    [Fact]
    public void An_SA_without_proposals_is_missing_its_child()
    {
        byte[] sa = Mm1Sa()[..SaPayload.MinSize];
        GenericPayload.SetLength(sa, 0, SaPayload.MinSize);
        AssertError(sa, WireError.ChildMissing, PayloadType.SecurityAssociation, PayloadType.Proposal, 0, 0);
    }

    [Fact]
    public void A_proposal_announcing_another_at_the_end_of_the_SA_runs_past_it()
    {
        byte[] sa = Mm1Sa();
        GenericPayload.SetNextPayload(sa, Proposal, PayloadType.Proposal);
        AssertError(sa, WireError.ChildPastEnd, PayloadType.SecurityAssociation, PayloadType.Proposal, 0, 0);
    }

    [Fact]
    public void Bytes_after_the_last_proposal_are_trailing()
    {
        byte[] sa = [.. Mm1Sa(), 0, 0, 0, 0];
        GenericPayload.SetLength(sa, 0, sa.Length);
        AssertError(sa, WireError.ChildTrailingBytes, PayloadType.SecurityAssociation, PayloadType.Proposal, 4, 0);
    }

    [Fact]
    public void A_proposal_shorter_than_its_header_is_too_short()
    {
        byte[] sa = Mm1Sa();
        GenericPayload.SetLength(sa, Proposal, 6);
        AssertError(sa, WireError.ChildTooShort, PayloadType.SecurityAssociation, PayloadType.Proposal, 6, ProposalPayload.MinSize);
    }

    [Fact]
    public void A_proposal_SPI_past_the_proposal_is_refused()
    {
        byte[] sa = Mm1Sa();
        sa[Proposal + ProposalPayload.SpiSizeOffset] = 200;
        AssertError(sa, WireError.SpiPastEnd, PayloadType.Proposal, 0, 200, 44 - ProposalPayload.SpiOffset);
    }

    [Fact]
    public void A_transform_announcing_another_at_the_end_of_the_proposal_runs_past_it()
    {
        byte[] sa = Mm1Sa();
        GenericPayload.SetNextPayload(sa, Transform, PayloadType.Transform);
        AssertError(sa, WireError.ChildPastEnd, PayloadType.Proposal, PayloadType.Transform, 0, 0);
    }

    [Fact]
    public void A_transform_chained_to_another_payload_type_is_the_wrong_child()
    {
        byte[] sa = Mm1Sa();
        GenericPayload.SetNextPayload(sa, Transform, PayloadType.KeyExchange);
        AssertError(sa, WireError.ChildWrongType, PayloadType.Proposal, PayloadType.Transform, PayloadType.KeyExchange, 0);
    }

    [Fact]
    public void A_transform_longer_than_its_proposal_runs_past_it()
    {
        byte[] sa = Mm1Sa();
        GenericPayload.SetLength(sa, Transform, 40);
        AssertError(sa, WireError.ChildPastEnd, PayloadType.Proposal, PayloadType.Transform, 40, 36);
    }

    [Fact]
    public void A_notify_SPI_past_the_payload_is_refused()
    {
        byte[] n = new byte[NotifyPayload.SpiOffset + 4];
        Assert.Equal(n.Length, NotifyPayload.Write(n, 0, n.Length, 1, ProtocolId.Isakmp, NotifyType.DpdRUThere, null!, 0, 0, new byte[4], 0, 4));
        var error = new WireError();
        Assert.Equal(n.Length, NotifyPayload.Check(n, 0, n.Length, error));

        n[NotifyPayload.SpiSizeOffset] = 16;
        Assert.Equal(-1, NotifyPayload.Check(n, 0, n.Length, error));
        Assert.Equal((WireError.SpiPastEnd, PayloadType.Notification, 0, 16, 4), (error.Code, error.PayloadType, error.Child, error.Value, error.Limit));
    }

    private static byte[] Mm1Sa()
    {
        return CapturedPayload.Find("main-mode", "01-mm1", PayloadType.SecurityAssociation).Bytes;
    }

    private static void AssertError(byte[] sa, int code, int payloadType, int child, int value, int limit)
    {
        var error = new WireError();
        Assert.Equal(-1, SaPayload.Check(sa, 0, sa.Length, error));
        Assert.Equal((code, payloadType, child, value, limit), (error.Code, error.PayloadType, error.Child, error.Value, error.Limit));
    }
}
