using NanoGate.Ike.Config;

namespace NanoGate.Ike.Tests.Daemon;

/// <summary>
/// IkeSaLifecycle: how a negotiation ends and how an ISAKMP SA goes. Established: the lifetime
/// runs (RFC 2407 §4.5 SA Life), the initiator renews at ReauthPercent, the NATed side sends
/// keepalives (RFC 3948 §4), INITIAL-CONTACT clears the peer's older SAs (RFC 2407 §4.6.3.3).
/// Deleted: phase 2 first, so its Deletes go under the SA's keys (RFC 2408 §4.8).
/// </summary>
public class IkeSaLifecycleTests
{
    private const long Now = 50_000;

    [Fact]
    public void EstablishedSaRunsItsLifetimeAndItsInitiatorRenewsAt90Percent()
    {
        var parts = new Parts();
        IkeSa sa = Negotiated(parts, initiator: true, lifetimeSeconds: 1000);

        parts.Lifecycle.Establish(sa, Now);

        Assert.Equal(IkeSaState.Established, sa.State);
        Assert.Equal(Now + 1_000_000, sa.ExpiresMs);
        Assert.Equal(Now + 900_000, sa.ReauthAtMs);
        Assert.Null(parts.Tasks.Get(sa));
        Assert.Equal(["established", "phase2 established #" + sa.Serial], parts.Events);
    }

    /// <summary>Only the side that initiated renews, so both ends do not race.</summary>
    [Fact]
    public void ResponderDoesNotRenew()
    {
        var parts = new Parts();
        IkeSa sa = Negotiated(parts, initiator: false, lifetimeSeconds: 1000);

        parts.Lifecycle.Establish(sa, Now);

        Assert.Equal(Now + 1_000_000, sa.ExpiresMs);
        Assert.Equal(long.MaxValue, sa.ReauthAtMs);
    }

    [Fact]
    public void SideBehindANatOnPort4500SendsKeepalivesAndTheOtherDoesNot()
    {
        var parts = new Parts();
        parts.Lifecycle.KeepaliveIntervalMs = 15_000;
        IkeSa natted = Negotiated(parts, initiator: true, lifetimeSeconds: 1000);
        natted.NatHere = true;
        natted.LocalPort = IkeDaemon.NatTPort;
        IkeSa direct = Negotiated(parts, initiator: true, lifetimeSeconds: 1000);

        parts.Lifecycle.Establish(natted, Now);
        parts.Lifecycle.Establish(direct, Now);

        Assert.True(natted.Keepalive.Enabled);
        Assert.Equal(Now + 15_000, natted.Keepalive.NextDueMs);
        Assert.False(direct.Keepalive.Enabled);
    }

    /// <summary>RFC 2407 §4.6.3.3: the peer restarted, so what we hold with it is gone at its end; no Delete for it.</summary>
    [Fact]
    public void InitialContactRemovesTheOlderSaWithoutADeleteAndWithItsIpsecSas()
    {
        var parts = new Parts();
        IkeSa old = Established(parts, initiator: true);
        IkeSa fresh = Negotiated(parts, initiator: false, lifetimeSeconds: 1000);
        fresh.PeerSentInitialContact = true;
        parts.Events.Clear();

        parts.Lifecycle.Establish(fresh, Now);

        Assert.Equal(IkeSaState.Dead, old.State);
        Assert.Equal(["established", "phase2 deleting #" + old.Serial + " silent drop", "deleted", "phase2 established #" + fresh.Serial], parts.Events);
    }

    /// <summary>Re-authentication done: the SA it renews goes with a Delete; its IPsec SAs move to the new one.</summary>
    [Fact]
    public void RenewedSaReplacesTheOneBeingReauthenticated()
    {
        var parts = new Parts();
        IkeSa old = Established(parts, initiator: true);
        old.Reauthenticating = true;
        IkeSa fresh = Negotiated(parts, initiator: true, lifetimeSeconds: 1000);
        parts.Events.Clear();

        parts.Lifecycle.Establish(fresh, Now);

        Assert.Equal(IkeSaState.Dead, old.State);
        Assert.Contains("phase2 deleting #" + old.Serial + " notify keep", parts.Events);
    }

    [Fact]
    public void AnOlderSaThatIsNotBeingRenewedStays()
    {
        var parts = new Parts();
        IkeSa old = Established(parts, initiator: true);
        IkeSa fresh = Negotiated(parts, initiator: false, lifetimeSeconds: 1000);

        parts.Lifecycle.Establish(fresh, Now);

        Assert.Equal(IkeSaState.Established, old.State);
        Assert.Same(fresh, parts.Sas.FindEstablished(parts.Peer));
        Assert.DoesNotContain(parts.Events, e => e.StartsWith("phase2 deleting", StringComparison.Ordinal));
    }

    [Fact]
    public void FailedInitiationFreesTheSlotAndBacksOffThePeer()
    {
        var parts = new Parts();
        IkeSa sa = Negotiated(parts, initiator: true, lifetimeSeconds: 1000);

        parts.Lifecycle.Fail(sa, Phase1FailureReason.PeerTimeout, "no answer", Now);

        Assert.Equal(IkeSaState.Dead, sa.State);
        Assert.Null(parts.Sas.Get(0));
        Assert.Null(parts.Tasks.Get(sa));
        Assert.True(parts.Peers.MustWait(parts.Peer, Now + PeerTable.FirstRetryBackoffMs - 1));
        Assert.Equal(["failed PeerTimeout"], parts.Events);
    }

    /// <summary>A responder's failure is the peer's attempt, not ours: no backoff for our own initiations.</summary>
    [Fact]
    public void FailedResponderDoesNotBackOffOurInitiations()
    {
        var parts = new Parts();
        IkeSa sa = Negotiated(parts, initiator: false, lifetimeSeconds: 1000);

        parts.Lifecycle.Fail(sa, Phase1FailureReason.ProposalMismatch, "", Now);

        Assert.False(parts.Peers.MustWait(parts.Peer, Now));
    }

    [Fact]
    public void DeletingAnEstablishedSaTellsPhase2BeforeTheKeysGoThenTheListener()
    {
        var parts = new Parts();
        IkeSa sa = Established(parts, initiator: true);
        parts.Events.Clear();

        parts.Lifecycle.Delete(sa, true, false, Now);

        Assert.Equal(["phase2 deleting #" + sa.Serial + " notify keep", "deleted"], parts.Events);
        Assert.Equal(IkeSaState.Dead, sa.State);
    }

    [Fact]
    public void DeletingANegotiationIsSilent()
    {
        var parts = new Parts();
        IkeSa sa = Negotiated(parts, initiator: true, lifetimeSeconds: 1000);

        parts.Lifecycle.Delete(sa, true, true, Now);

        Assert.Empty(parts.Events);
        Assert.Null(parts.Tasks.Get(sa));
        Assert.Equal(IkeSaState.Dead, sa.State);
    }

    /// <summary>An SA in negotiation with its task and an agreed proposal of <paramref name="lifetimeSeconds"/>.</summary>
    private static IkeSa Negotiated(Parts parts, bool initiator, int lifetimeSeconds)
    {
        IkeSa sa = parts.NewSa(initiator);
        parts.Tasks.Begin(sa);
        sa.Proposal = new IkeProposal(1) { LifetimeSeconds = lifetimeSeconds };
        sa.RemoteIdentity = "branch.example";
        return sa;
    }

    private static IkeSa Established(Parts parts, bool initiator)
    {
        IkeSa sa = Negotiated(parts, initiator, 1000);
        parts.Lifecycle.Establish(sa, Now - 10_000);
        return sa;
    }
}
