using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Daemon;

/// <summary>
/// IkeDatagramDispatcher: each datagram to the SA its cookie pair names (RFC 2408 §3.1), a first
/// message to a new responder SA, protected messages of an established SA to phase 2; a
/// retransmitted request gets the stored answer, and what cannot be for the SA now is dropped.
/// </summary>
public class IkeDatagramDispatcherTests
{
    /// <summary>RFC 2409 §5: main mode end to end, every message through the receiving side's dispatcher.</summary>
    [Fact]
    public void MainModeRunsThroughTheDispatchers()
    {
        var west = new Parts();
        var east = new Parts(east: true);
        IkeSa i = west.Negotiations.Initiate(west.Peer, 0)!;

        for (int n = 1; n <= 6; n++)
        {
            Parts from = n % 2 == 1 ? west : east;
            Parts to = n % 2 == 1 ? east : west;
            Deliver(to, from.Wire[^1].Data, from.Local, n);
        }

        Assert.Equal(IkeSaState.Established, i.State);
        Assert.NotNull(east.Sas.FindEstablished(east.Peer));
        Assert.Equal(0, west.Dispatcher.Dropped + east.Dispatcher.Dropped);
    }

    [Fact]
    public void UnparsableDatagramIsDropped()
    {
        var east = new Parts(east: true);

        Deliver(east, [1, 2, 3], Parts.West, 0);

        Assert.Equal(1, east.Dispatcher.Dropped);
        Assert.Empty(east.Wire);
    }

    /// <summary>A message for cookies we hold no SA for, other than a first message, has nowhere to go.</summary>
    [Fact]
    public void UnknownCookiesAreDropped()
    {
        var west = new Parts();
        var east = new Parts(east: true);
        IkeSa i = west.Negotiations.Initiate(west.Peer, 0)!;
        Deliver(east, west.Wire[^1].Data, Parts.West, 1);
        byte[] mm2 = (byte[])east.Wire[^1].Data.Clone();
        mm2[0] ^= 0xFF;   // another initiator cookie

        Deliver(west, mm2, Parts.East, 2);

        Assert.Equal(1, west.Dispatcher.Dropped);
        Assert.NotEqual(IkeSaState.Dead, i.State);
        Assert.Single(west.Wire);
    }

    /// <summary>A retransmitted request is answered with the very answer we sent, not processed again.</summary>
    [Fact]
    public void RetransmittedRequestGetsTheStoredAnswer()
    {
        var west = new Parts();
        var east = new Parts(east: true);
        west.Negotiations.Initiate(west.Peer, 0);
        byte[] mm1 = west.Wire[^1].Data;
        Deliver(east, mm1, Parts.West, 1);

        Deliver(east, mm1, Parts.West, 2000);

        Assert.Equal(2, east.Wire.Count);
        Assert.Equal(east.Wire[0].Data, east.Wire[1].Data);
        Assert.Equal(1, east.Dispatcher.DuplicatesAnswered);
        Assert.Single(east.Events, "negotiating");
    }

    /// <summary>RFC 3947 §4: once the SA floated to 4500, IKE for it on port 500 is discarded.</summary>
    [Fact]
    public void Port500AfterFloatingIsDropped()
    {
        var west = new Parts();
        var east = new Parts(east: true);
        (IkeSa i, _) = Phase1TaskManagerTests.Run(west, east, 6);
        i.LocalPort = IkeDaemon.NatTPort;

        Deliver(west, Protected(i, ExchangeType.QuickMode), Parts.East, 10, IkeDaemon.IkePort);

        Assert.Equal(1, west.Dispatcher.Dropped);
        Assert.DoesNotContain(west.Events, e => e.StartsWith("phase2 message", StringComparison.Ordinal));
    }

    /// <summary>Quick mode (exchange 32) and protected informational of an established SA are phase 2's.</summary>
    [Fact]
    public void ProtectedMessagesOfAnEstablishedSaGoToPhase2()
    {
        var west = new Parts();
        var east = new Parts(east: true);
        (IkeSa i, _) = Phase1TaskManagerTests.Run(west, east, 6);

        Deliver(west, Protected(i, ExchangeType.QuickMode), Parts.East, 10);
        Deliver(west, Protected(i, ExchangeType.Informational), Parts.East, 11);
        Deliver(west, Protected(i, ExchangeType.IdentityProtection), Parts.East, 12);

        Assert.Contains("phase2 message #" + i.Serial + " exchange 32", west.Events);
        Assert.Contains("phase2 message #" + i.Serial + " exchange 5", west.Events);
        Assert.Equal(1, west.Dispatcher.Dropped);
    }

    /// <summary>The responder's clear NO-PROPOSAL-CHOSEN (RFC 2408 §3.14.1) ends our initiation at once.</summary>
    [Fact]
    public void ClearErrorNotifyEndsOurInitiation()
    {
        var west = new Parts();
        var east = new Parts(east: true, group: DhGroup.Modp2048);
        IkeSa i = west.Negotiations.Initiate(west.Peer, 0)!;
        Deliver(east, west.Wire[^1].Data, Parts.West, 1);
        Assert.Equal(ExchangeType.Informational, east.LastSent().ExchangeType);

        Deliver(west, east.Wire[^1].Data, Parts.East, 2);

        Assert.Equal(IkeSaState.Dead, i.State);
        Assert.Equal("failed ProposalMismatch", west.Events[^1]);
    }

    /// <summary>
    /// Anyone who saw the initiator cookie could send a clear notify: a responder SA only remembers
    /// it for the record of its half-open timeout (issue 13), and keeps its slot.
    /// </summary>
    [Fact]
    public void ClearErrorNotifyToAResponderIsOnlyRemembered()
    {
        var west = new Parts();
        var east = new Parts(east: true);
        west.Negotiations.Initiate(west.Peer, 0);
        Deliver(east, west.Wire[^1].Data, Parts.West, 1);
        IkeSa r = east.Sas.Get(0)!;
        // A NO-PROPOSAL-CHOSEN under r's cookies, as west would send it.
        west.Sender.SendNotify(r.CookieI, r.CookieR, Parts.East, IkeDaemon.IkePort, IkeDaemon.IkePort, NotifyType.NoProposalChosen);
        byte[] notify = west.Wire[^1].Data;

        Deliver(east, notify, Parts.West, 2);

        Assert.Equal(1, east.Dispatcher.UnauthenticatedNotifiesIgnored);
        Assert.Equal(Phase1FailureReason.ProposalMismatch, r.NotifiedReason);
        Assert.NotEqual(IkeSaState.Dead, r.State);
    }

    private static void Deliver(Parts to, byte[] d, uint from, long nowMs, int localPort = IkeDaemon.IkePort) =>
        to.Dispatcher.Handle(d, 0, d.Length, from, IkeDaemon.IkePort, localPort, nowMs);

    /// <summary>An ISAKMP header with the E flag for <paramref name="sa"/>'s cookies and 32 bytes of (unread) ciphertext.</summary>
    private static byte[] Protected(IkeSa sa, int exchange)
    {
        var d = new byte[28 + 32];
        Array.Copy(sa.CookieI, 0, d, 0, 8);
        Array.Copy(sa.CookieR, 0, d, 8, 8);
        d[16] = (byte)PayloadType.Hash;
        d[17] = 0x10;
        d[18] = (byte)exchange;
        d[19] = 1;
        d[23] = 7;
        d[27] = (byte)d.Length;
        return d;
    }
}
