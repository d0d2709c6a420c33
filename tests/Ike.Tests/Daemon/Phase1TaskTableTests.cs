using NanoGate.Ike.Config;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Daemon;

/// <summary>
/// Phase1TaskTable: one task per ISAKMP SA under negotiation, of the exchange its mode names
/// (RFC 2409 §5: main mode is Identity Protection, exchange 2; aggressive mode is exchange 4).
/// </summary>
public class Phase1TaskTableTests
{
    [Fact]
    public void MainModeSaGetsAMainModeTaskWhoseFirstMessageIsIdentityProtection()
    {
        var parts = new Parts(ExchangeMode.Main);
        IkeSa sa = parts.NewSa(initiator: true);

        Phase1Task task = parts.Tasks.Begin(sa);

        Assert.IsType<MainModeTask>(task);
        Assert.Same(task, parts.Tasks.Get(sa));
        Phase1Outcome mm1 = task.Start();
        Assert.Equal(Phase1OutcomeKind.NeedsMore, mm1.Kind);
        Assert.Equal(ExchangeType.IdentityProtection, ExchangeOf(mm1.Message!));
    }

    [Fact]
    public void AggressiveModeSaGetsAnAggressiveModeTask()
    {
        var parts = new Parts(ExchangeMode.Aggressive);
        IkeSa sa = parts.NewSa(initiator: true);

        Phase1Task task = parts.Tasks.Begin(sa);

        Assert.IsType<AggressiveModeTask>(task);
        Phase1Outcome am1 = task.Start();
        if (am1.Kind == Phase1OutcomeKind.Waiting)
        {
            am1 = task.Resume();   // AM1 carries KE: its key pair is a job (done at once here)
        }

        Assert.Equal(ExchangeType.Aggressive, ExchangeOf(am1.Message!));
    }

    [Fact]
    public void ForgottenNegotiationHasNoTaskAndOthersKeepTheirs()
    {
        var parts = new Parts();
        IkeSa a = parts.NewSa(initiator: true);
        IkeSa b = parts.NewSa(initiator: true);
        parts.Tasks.Begin(a);
        Phase1Task kept = parts.Tasks.Begin(b);

        parts.Tasks.Forget(a);

        Assert.Null(parts.Tasks.Get(a));
        Assert.Same(kept, parts.Tasks.Get(b));
        Assert.Equal(1, parts.Tasks.Count);
    }

    [Fact]
    public void BeginningAgainReplacesTheTask()
    {
        var parts = new Parts();
        IkeSa sa = parts.NewSa(initiator: true);
        Phase1Task first = parts.Tasks.Begin(sa);

        Phase1Task second = parts.Tasks.Begin(sa);

        Assert.NotSame(first, second);
        Assert.Same(second, parts.Tasks.Get(sa));
        Assert.Equal(1, parts.Tasks.Count);
    }

    /// <summary>The exchange type of a built datagram (the marker is only there on port 4500).</summary>
    internal static int ExchangeOf(byte[] datagram)
    {
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(datagram, 0, datagram.Length));
        return m.ExchangeType;
    }
}
