using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Daemon;

/// <summary>
/// Phase1TaskManager, strongSwan's task_manager for IKEv1 phase 1: it starts our initiations,
/// feeds each message to its SA's task and acts on the outcome. Two managers, west initiating and
/// east responding, run RFC 2409 §5's exchanges message by message.
/// </summary>
public class Phase1TaskManagerTests
{
    /// <summary>
    /// RFC 2409 §5: main mode is six messages, three each way (SA; KE, Ni/Nr; IDii/IDir and
    /// HASH_I/HASH_R encrypted). The responder is established on sending the sixth, the initiator on
    /// reading it.
    /// </summary>
    [Fact]
    public void MainModeIsSixMessagesAndEstablishesBothEnds()
    {
        var west = new Parts();
        var east = new Parts(east: true);

        (IkeSa i, IkeSa r) = Run(west, east, 6);

        Assert.Equal(IkeSaState.Established, i.State);
        Assert.Equal(IkeSaState.Established, r.State);
        Assert.Equal(3, west.Wire.Count);
        Assert.Equal(3, east.Wire.Count);
        Assert.Equal(["negotiating", "established", "phase2 established #" + i.Serial], west.Events);
        Assert.Null(west.Tasks.Get(i));
    }

    /// <summary>RFC 2409 §5: aggressive mode is three messages; the responder is established on the third.</summary>
    [Fact]
    public void AggressiveModeIsThreeMessages()
    {
        var west = new Parts(ExchangeMode.Aggressive);
        var east = new Parts(ExchangeMode.Aggressive, east: true);

        (IkeSa i, IkeSa r) = Run(west, east, 3);

        Assert.Equal(IkeSaState.Established, i.State);
        Assert.Equal(IkeSaState.Established, r.State);
        Assert.Equal(2, west.Wire.Count);
        Assert.Single(east.Wire);
    }

    /// <summary>Our first message waits for an answer on the retransmission timer (RetransmitPolicy).</summary>
    [Fact]
    public void InitiationSendsTheFirstMessageToPort500AndAwaitsTheAnswer()
    {
        var west = new Parts();

        IkeSa sa = west.Negotiations.Initiate(west.Peer, 1000)!;

        Parts.Sent mm1 = Assert.Single(west.Wire);
        Assert.Equal(Parts.East, mm1.To);
        Assert.Equal(IkeDaemon.IkePort, mm1.ToPort);
        Assert.True(sa.AwaitingReply);
        Assert.Equal(1000 + west.Sender.Policy.WaitMs(0), sa.NextTimerMs);
        Assert.Equal(["negotiating"], west.Events);
    }

    [Fact]
    public void InitiationWaitsOutThePeersRetryBackoff()
    {
        var west = new Parts();
        west.Peers.NoteFailure(west.Peer, 0);

        Assert.Null(west.Negotiations.Initiate(west.Peer, PeerTable.FirstRetryBackoffMs - 1));
        Assert.Equal(1, west.Negotiations.InitiationsDeferred);
        Assert.Empty(west.Wire);

        Assert.NotNull(west.Negotiations.Initiate(west.Peer, PeerTable.FirstRetryBackoffMs));
    }

    [Fact]
    public void InitiationIntoAFullTableFailsWithResourceLimit()
    {
        var west = new Parts(capacity: 1);
        Assert.NotNull(west.Negotiations.Initiate(west.Peer, 0));

        Assert.Null(west.Negotiations.Initiate(west.Peer, 0));

        Assert.Equal("failed ResourceLimit", west.Events[^1]);
        Assert.Single(west.Wire);
    }

    /// <summary>An accepted request and our answer are kept: a retransmission of it gets the same answer.</summary>
    [Fact]
    public void AcceptedMessageIsKeptWithOurAnswer()
    {
        var west = new Parts();
        var east = new Parts(east: true);
        west.Negotiations.Initiate(west.Peer, 0);
        byte[] mm1 = west.Wire[^1].Data;

        IkeSa r = Respond(east, mm1);

        Assert.Equal(mm1, r.LastReceived);
        Assert.Equal(east.Wire[^1].Data, r.Answer);
    }

    /// <summary>
    /// RFC 2408 §5.4 and §3.14.1: no acceptable proposal in the first message ends the negotiation
    /// with a NO-PROPOSAL-CHOSEN notify to where it came from.
    /// </summary>
    [Fact]
    public void UnacceptableProposalIsAnsweredWithNoProposalChosenAndEndsTheSa()
    {
        var west = new Parts();
        var east = new Parts(east: true, group: DhGroup.Modp2048);
        west.Negotiations.Initiate(west.Peer, 0);
        byte[] mm1 = west.Wire[^1].Data;
        var m = Parse(mm1);
        IkeSa r = east.FirstMessages.Admit(m, mm1, 0, mm1.Length, Parts.West, IkeDaemon.IkePort, IkeDaemon.IkePort, 0)!;

        Phase1Outcome outcome = east.Negotiations.Respond(r, m, mm1, 0, mm1.Length, Parts.West, IkeDaemon.IkePort, IkeDaemon.IkePort, 0);

        Assert.Equal(Phase1OutcomeKind.Failed, outcome.Kind);
        Assert.Equal(NotifyType.NoProposalChosen, outcome.Notify);
        IsakmpMessage notify = east.LastSent();
        Assert.Equal(ExchangeType.Informational, notify.ExchangeType);
        Assert.Equal(Parts.West, east.Wire[^1].To);
        Assert.Equal(IkeSaState.Dead, r.State);
        Assert.Equal("failed ProposalMismatch", east.Events[^1]);
    }

    /// <summary>
    /// A step whose Diffie-Hellman runs off the run loop waits without retransmitting (the half-open
    /// timeout bounds it); once the job is done, Resume sends what the step made.
    /// </summary>
    [Fact]
    public void StepWaitingForDiffieHellmanGoesOnWhenResumed()
    {
        var west = new Parts();
        var east = new Parts(east: true);
        west.Jobs.Hold = true;
        IkeSa i = west.Negotiations.Initiate(west.Peer, 0)!;
        Respond(east, west.Wire[^1].Data);
        int sent = west.Wire.Count;

        // The initiator makes its key pair for MM3 (KE) on reading MM2.
        byte[] mm2 = east.Wire[^1].Data;
        Phase1Outcome waiting = west.Negotiations.Process(i, Parse(mm2), mm2, 0, mm2.Length, Parts.East, IkeDaemon.IkePort, IkeDaemon.IkePort, 100);
        Assert.Equal(Phase1OutcomeKind.Waiting, waiting.Kind);

        Assert.Equal(sent, west.Wire.Count);
        Assert.False(i.AwaitingReply);
        Assert.Equal(100 + west.Negotiations.HalfOpenTimeoutMs, i.NextTimerMs);

        Assert.Equal(1, west.Jobs.Release());
        west.Negotiations.Resume(i, 200);

        Assert.Equal(sent + 1, west.Wire.Count);
        Assert.Equal(1, west.Negotiations.JobsResumed);
        Assert.True(i.AwaitingReply);
    }

    /// <summary>West initiates, then the two take turns for <paramref name="messages"/> messages.</summary>
    internal static (IkeSa Initiator, IkeSa Responder) Run(Parts west, Parts east, int messages)
    {
        IkeSa i = west.Negotiations.Initiate(west.Peer, 0)!;
        IkeSa r = Respond(east, west.Wire[^1].Data);
        for (int n = 2; n <= messages; n++)
        {
            bool toWest = n % 2 == 0;
            Parts from = toWest ? east : west;
            Parts to = toWest ? west : east;
            byte[] d = from.Wire[^1].Data;
            Phase1Outcome outcome = to.Negotiations.Process(toWest ? i : r, Parse(d), d, 0, d.Length, from.Local, IkeDaemon.IkePort, IkeDaemon.IkePort, n);
            Assert.NotEqual(Phase1OutcomeKind.Failed, outcome.Kind);
        }

        return (i, r);
    }

    /// <summary>East admits west's first message as a new responder SA and its task answers it.</summary>
    internal static IkeSa Respond(Parts east, byte[] first)
    {
        IsakmpMessage m = Parse(first);
        IkeSa r = east.FirstMessages.Admit(m, first, 0, first.Length, Parts.West, IkeDaemon.IkePort, IkeDaemon.IkePort, 1)!;
        Assert.NotNull(r);
        Phase1Outcome outcome = east.Negotiations.Respond(r, m, first, 0, first.Length, Parts.West, IkeDaemon.IkePort, IkeDaemon.IkePort, 1);
        Assert.Equal(Phase1OutcomeKind.NeedsMore, outcome.Kind);
        return r;
    }

    internal static IsakmpMessage Parse(byte[] d)
    {
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(d, 0, d.Length));
        return m;
    }
}
