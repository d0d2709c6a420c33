using NanoGate.Ike.Config;

namespace NanoGate.Ike.Tests.Daemon;

/// <summary>
/// IkeSaTimers: what each ISAKMP SA's clock asks for. A negotiation retransmits on the
/// RetransmitPolicy (strongSwan's 4 s x 1.8^n) and then fails, or times out half-open; an
/// established SA is deleted at its hard lifetime (RFC 2408 §4.8), renewed by its initiator, and
/// keeps a NAT mapping open with keepalives (RFC 3948 §4).
/// </summary>
public class IkeSaTimersTests
{
    [Fact]
    public void UnansweredMessageIsRetransmittedOnThePolicyTimerThenTheNegotiationFails()
    {
        var west = new Parts();
        IkeSa sa = west.Negotiations.Initiate(west.Peer, 0)!;
        int tries = west.Sender.Policy.Tries;

        west.Timers.Poll(sa.NextTimerMs - 1);
        Assert.Single(west.Wire);

        for (int n = 1; n <= tries; n++)
        {
            long due = west.Timers.NextDeadlineMs;
            west.Timers.Poll(due);
            Assert.Equal(n + 1, west.Wire.Count);
            Assert.Equal(west.Wire[0].Data, west.Wire[^1].Data);
        }

        west.Timers.Poll(west.Timers.NextDeadlineMs);

        Assert.Equal(tries, west.Sender.Retransmissions);
        Assert.Equal(IkeSaState.Dead, sa.State);
        Assert.Equal("failed PeerTimeout", west.Events[^1]);
        Assert.Equal(long.MaxValue, west.Timers.NextDeadlineMs);
    }

    /// <summary>A responder waiting for the initiator's next message frees its slot after the half-open timeout.</summary>
    [Fact]
    public void HalfOpenResponderTimesOut()
    {
        var west = new Parts();
        var east = new Parts(east: true);
        west.Negotiations.Initiate(west.Peer, 0);
        IkeSa r = Phase1TaskManagerTests.Respond(east, west.Wire[^1].Data);
        Assert.Equal(1 + east.Negotiations.HalfOpenTimeoutMs, east.Timers.NextDeadlineMs);

        east.Timers.Poll(east.Timers.NextDeadlineMs - 1);
        Assert.NotEqual(IkeSaState.Dead, r.State);
        east.Timers.Poll(east.Timers.NextDeadlineMs);

        Assert.Equal(IkeSaState.Dead, r.State);
        Assert.Equal("failed PeerTimeout", east.Events[^1]);
    }

    /// <summary>An unprotected error notify to a responder is believed only once the wait confirms it (issue 13).</summary>
    [Fact]
    public void RememberedClearNotifyIsTheReasonWhenTheWaitRunsOut()
    {
        var west = new Parts();
        var east = new Parts(east: true);
        west.Negotiations.Initiate(west.Peer, 0);
        IkeSa r = Phase1TaskManagerTests.Respond(east, west.Wire[^1].Data);
        r.NotifiedReason = Phase1FailureReason.ProposalMismatch;
        r.NotifiedDetail = "NO-PROPOSAL-CHOSEN";

        east.Timers.Poll(east.Timers.NextDeadlineMs);

        Assert.Equal("failed ProposalMismatch", east.Events[^1]);
    }

    [Fact]
    public void FinishedDiffieHellmanJobIsTakenUpAtTheNextPoll()
    {
        var west = new Parts();
        var east = new Parts(east: true);
        west.Jobs.Hold = true;
        IkeSa i = west.Negotiations.Initiate(west.Peer, 0)!;
        Phase1TaskManagerTests.Respond(east, west.Wire[^1].Data);
        byte[] mm2 = east.Wire[^1].Data;
        west.Negotiations.Process(i, Phase1TaskManagerTests.Parse(mm2), mm2, 0, mm2.Length, Parts.East, 500, 500, 10);
        int sent = west.Wire.Count;

        west.Timers.Poll(20);
        Assert.Equal(sent, west.Wire.Count);
        west.Jobs.Release();
        west.Timers.Poll(30);

        Assert.Equal(1, west.Negotiations.JobsResumed);
        Assert.Equal(sent + 1, west.Wire.Count);
    }

    /// <summary>RFC 2408 §4.8: at its hard lifetime the SA goes with a Delete; its IPsec SAs live on (RFC 2409 §5.5).</summary>
    [Fact]
    public void HardLifetimeDeletesTheSaWithADeleteAndKeepsItsIpsecSas()
    {
        var west = new Parts();
        var east = new Parts(east: true);
        (IkeSa i, _) = Phase1TaskManagerTests.Run(west, east, 6);
        west.Events.Clear();
        i.ReauthAtMs = long.MaxValue;

        west.Timers.Poll(i.ExpiresMs - 1);
        Assert.Empty(west.Events);
        west.Timers.Poll(i.ExpiresMs);

        Assert.Equal(["phase2 deleting #" + i.Serial + " notify keep", "deleted"], west.Events);
    }

    /// <summary>strongSwan's reauth_time: the initiator starts a new phase 1 at ReauthPercent of the lifetime, once.</summary>
    [Fact]
    public void InitiatorStartsOneRenewalAtItsReauthenticationTime()
    {
        var west = new Parts();
        var east = new Parts(east: true);
        (IkeSa i, _) = Phase1TaskManagerTests.Run(west, east, 6);
        int sent = west.Wire.Count;
        Assert.Equal(i.ReauthAtMs, west.Timers.NextDeadlineMs);

        west.Timers.Poll(i.ReauthAtMs);
        west.Timers.Poll(i.ReauthAtMs + 1);

        Assert.True(i.Reauthenticating);
        Assert.Equal(IkeSaState.Established, i.State);
        Assert.Equal(sent + 1, west.Wire.Count);
        Assert.True(west.Sas.IsNegotiating(west.Peer));
    }

    /// <summary>RFC 3948 §4: the side behind a NAT sends a one-byte 0xFF keepalive to port 4500 when its interval passed.</summary>
    [Fact]
    public void SideBehindANatSendsKeepalivesOnItsInterval()
    {
        var west = new Parts();
        IkeSa sa = west.NewSa(initiator: true);
        sa.Proposal = new IkeProposal(1);
        sa.NatHere = true;
        sa.LocalPort = IkeDaemon.NatTPort;
        sa.PeerPort = IkeDaemon.NatTPort;
        west.Lifecycle.Establish(sa, 0);
        long due = sa.Keepalive.NextDueMs;
        Assert.Equal(due, west.Timers.NextDeadlineMs);

        west.Timers.Poll(due);

        Parts.Sent ka = Assert.Single(west.Wire);
        Assert.Equal([0xFF], ka.Data);
        Assert.Equal(IkeDaemon.NatTPort, ka.LocalPort);
        Assert.Equal(1, west.Sender.KeepalivesSent);
    }
}
