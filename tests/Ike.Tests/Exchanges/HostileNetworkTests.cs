using NanoGate.Boards.Sim;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// What a hostile network can make the responder do (issue 13, findings 3 and 4), on the sim
/// board: spoofed first messages, unauthenticated notifies that try to free their slots, and
/// first messages that cost a Diffie-Hellman computation. HQ (203.0.113.2) is the responder;
/// "spoofed" datagrams come from the branch's address but another port, as a forger would send them.
/// </summary>
public sealed class HostileNetworkTests
{
    /// <summary>The table the gateway uses (firmware GatewayBoard.MaxIkeSas, DeviceProfile.MaxIkeSas) and what its caps default to.</summary>
    [Fact]
    public void Defaults_for_an_eight_slot_table_keep_the_per_source_cap_below_the_global_one_and_30_s()
    {
        var rig = new Rig(NatCase.None, ExchangeMode.Main, DhGroup.Modp2048);
        var daemon = new IkeDaemon(Rig.HqAddress, rig.Hq.Port500, rig.Hq.Port4500, new NanoGate.Boards.Host.DotNetCryptoProvider(),
            new DeterministicRandom(3), rig.Hq, 8);
        Assert.Equal(4, daemon.MaxHalfOpen);
        Assert.Equal(2, daemon.MaxHalfOpenPerPeer);
        Assert.Equal(30_000, daemon.HalfOpenTimeoutMs);
        Assert.Equal(20, daemon.ResponderDh.PerSecond);
    }

    /// <summary>
    /// Four spoofed MM1s used to fill the half-open table (cap 4 of 8, per address 4, 165 s) so
    /// that HQ could not even start its own phase 1. Now the per-address cap stops them at two,
    /// our own initiation is never counted against responder caps, and the forged SAs are gone
    /// after 30 s, so the real branch gets through on its next retransmission.
    /// </summary>
    [Fact]
    public void Spoofed_first_messages_block_neither_our_initiation_nor_the_real_peer_for_long()
    {
        var rig = EightSlotHq(ExchangeMode.Main);
        byte[] mm1 = FirstMessageOf(rig);
        SimUdpSocket forger = rig.Network.Bind(Rig.BranchDirect, 6000);
        for (int i = 0; i < 4; i++)
        {
            forger.Send(WithCookie(mm1, i), 0, mm1.Length, Rig.HqAddress, 500);
        }

        rig.RunUntil(() => false, 100);
        Assert.Equal(2, HalfOpen(rig.Hq));
        Assert.Equal(2, rig.Hq.Daemon.HalfOpenRefused);

        // HQ starts its own phase 1 to the branch at once: the table has room for it.
        Assert.NotNull(rig.Hq.Daemon.Initiate(rig.HqPeer, rig.Clock.NowMs));
        Assert.True(rig.RunUntil(() => rig.Hq.Established != null, 10_000), string.Join("\n", rig.Hq.Events));

        // The forged half-open SAs die at 30 s; the branch's own MM1 (refused while they lived)
        // gets through on a retransmission well inside its 89 s of retries.
        long start = rig.Clock.NowMs;
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => CountEstablished(rig.Hq) == 2, 80_000), string.Join("\n", rig.Hq.Events));
        Assert.True(rig.Clock.NowMs - start < 60_000, "branch established after " + (rig.Clock.NowMs - start) + " ms");
    }

    /// <summary>
    /// An AM1 costs the responder a Diffie-Hellman computation, and a plain notify with the same
    /// cookies used to free its slot, so AM1 + notify pairs bought unlimited DH. Unauthenticated
    /// notifies no longer end a responder's negotiation: the per-address cap holds at two.
    /// </summary>
    [Fact]
    public void Unauthenticated_notifies_do_not_free_half_open_slots()
    {
        var rig = EightSlotHq(ExchangeMode.Aggressive);
        byte[] am1 = FirstMessageOf(rig);
        SimUdpSocket forger = rig.Network.Bind(Rig.BranchDirect, 6000);
        int answersBefore = AnswersFromHq(rig);
        for (int i = 0; i < 200; i++)
        {
            byte[] first = WithCookie(am1, i);
            forger.Send(first, 0, first.Length, Rig.HqAddress, 500);
            byte[] notify = PlainNotify(first, NotifyType.InvalidPayloadType);
            forger.Send(notify, 0, notify.Length, Rig.HqAddress, 500);
            rig.RunUntil(() => false, 5);
        }

        Assert.Equal(2, AnswersFromHq(rig) - answersBefore);
        Assert.Equal(2, HalfOpen(rig.Hq));
        Assert.True(rig.Hq.Daemon.UnauthenticatedNotifiesIgnored >= 2);
        Assert.True(rig.Hq.Daemon.ResponderDh.Taken <= 2);
    }

    /// <summary>
    /// AM1s whose KE does not fit the group still cost a key pair before they fail and free their
    /// slot at once: the responder DH budget (20 a second) bounds them, and the refusals are counted.
    /// </summary>
    [Fact]
    public void Failing_first_messages_cannot_buy_more_Diffie_Hellman_than_the_budget()
    {
        var rig = EightSlotHq(ExchangeMode.Aggressive);
        byte[] bad = ShortenKe(FirstMessageOf(rig));
        SimUdpSocket forger = rig.Network.Bind(Rig.BranchDirect, 6000);
        long startMs = rig.Clock.NowMs;
        for (int i = 0; i < 300; i++)
        {
            byte[] first = WithCookie(bad, i);
            forger.Send(first, 0, first.Length, Rig.HqAddress, 500);
            rig.RunUntil(() => false, 10); // 100 a second for 3 s
        }

        double seconds = (rig.Clock.NowMs - startMs) / 1000.0;
        long dh = rig.Hq.Daemon.ResponderDh.Taken;
        Assert.True(dh <= 20 * (seconds + 1), dh + " DH computations in " + seconds + " s");
        Assert.True(rig.Hq.Daemon.ResponderDh.Refused >= 200, "refused " + rig.Hq.Daemon.ResponderDh.Refused);
        Assert.Contains(rig.Hq.Failures, f => f.Reason == Phase1FailureReason.ResourceLimit && f.Detail.Contains("Diffie-Hellman budget"));
        Assert.True(rig.Hq.Failures.Count < 100, "error records: " + rig.Hq.Failures.Count);
    }

    /// <summary>
    /// One answer to a source nobody verified: HQ sends AM2 once and never retransmits it by timer
    /// (it used to send it six times, 7.1 times the bytes it received), then forgets the forged SA.
    /// </summary>
    [Fact]
    public void An_unverified_aggressive_mode_initiator_gets_one_answer()
    {
        var rig = EightSlotHq(ExchangeMode.Aggressive);
        byte[] am1 = FirstMessageOf(rig);
        SimUdpSocket forger = rig.Network.Bind(Rig.BranchDirect, 6000);
        int answersBefore = AnswersFromHq(rig);
        forger.Send(am1, 0, am1.Length, Rig.HqAddress, 500);
        rig.RunUntil(() => false, 120_000);
        Assert.Equal(1, AnswersFromHq(rig) - answersBefore);
        Assert.Equal(0, HalfOpen(rig.Hq));
        Assert.Equal(Phase1FailureReason.PeerTimeout, Assert.Single(rig.Hq.Failures).Reason);
    }

    /// <summary>First messages from an address no peer is configured for are answered at most 20 times a second.</summary>
    [Fact]
    public void Unknown_sources_get_a_bounded_number_of_answers()
    {
        var rig = EightSlotHq(ExchangeMode.Main);
        byte[] mm1 = FirstMessageOf(rig);
        SimUdpSocket stranger = rig.Network.Bind(Rig.Ip("198.51.100.99"), 500);
        int answersBefore = AnswersFromHq(rig);
        for (int i = 0; i < 500; i++)
        {
            byte[] first = WithCookie(mm1, i);
            stranger.Send(first, 0, first.Length, Rig.HqAddress, 500);
            rig.RunUntil(() => false, 2); // 500 a second
        }

        int answers = AnswersFromHq(rig) - answersBefore;
        Assert.InRange(answers, 1, 20 * 2 + 1);
    }

    // ---- helpers ----

    private static Rig EightSlotHq(ExchangeMode mode)
    {
        var rig = new Rig(NatCase.None, mode, DhGroup.Modp2048);
        rig.Hq.Daemon.MaxHalfOpen = 4;
        rig.Hq.Daemon.MaxHalfOpenPerPeer = 2;
        return rig;
    }

    /// <summary>The branch's real first message (MM1 or AM1), captured off the wire; the branch's SA is then dropped.</summary>
    private static byte[] FirstMessageOf(Rig rig)
    {
        var probe = new Rig(NatCase.None, rig.BranchPeer.Mode, DhGroup.Modp2048, 99);
        probe.Branch.Daemon.Initiate(probe.BranchPeer, probe.Clock.NowMs);
        return probe.Network.Tap[0].Payload;
    }

    private static byte[] WithCookie(byte[] message, int n)
    {
        byte[] copy = (byte[])message.Clone();
        copy[0] = 0x5A;
        copy[6] = (byte)(0x80 | (n >> 8));
        copy[7] = (byte)n;
        return copy;
    }

    /// <summary>HDR, N(type) in the clear with the first message's cookies (RFC 2408 §3.14).</summary>
    private static byte[] PlainNotify(byte[] first, int type)
    {
        byte[] d = new byte[28 + 12 + 16];
        Array.Copy(first, 0, d, 0, 8);                   // CKY-I; CKY-R stays 0
        d[16] = (byte)PayloadType.Notification;
        d[17] = 0x10;                                    // version 1.0
        d[18] = (byte)ExchangeType.Informational;
        BigEndian.WriteUInt32(d, 24, (uint)d.Length);
        BigEndian.WriteUInt16(d, 30, 12 + 16);           // payload length
        BigEndian.WriteUInt32(d, 32, 1);                 // DOI IPsec
        d[36] = 1;                                       // protocol ISAKMP
        d[37] = 16;                                      // SPI size
        BigEndian.WriteUInt16(d, 38, (ushort)type);
        Array.Copy(first, 0, d, 40, 8);
        return d;
    }

    /// <summary>The message with its KE payload one byte shorter (lengths fixed up): it parses, but the KE fits no group.</summary>
    private static byte[] ShortenKe(byte[] m)
    {
        var msg = new IsakmpMessage();
        Assert.True(msg.TryParse(m, 0, m.Length));
        int ke = msg.PayloadOffsetAt(msg.Find(PayloadType.KeyExchange, 0));
        int len = GenericPayload.GetLength(m, ke);
        byte[] d = new byte[m.Length - 1];
        Array.Copy(m, 0, d, 0, ke + len - 1);
        Array.Copy(m, ke + len, d, ke + len - 1, m.Length - ke - len);
        BigEndian.WriteUInt16(d, ke + 2, (ushort)(len - 1));
        BigEndian.WriteUInt32(d, 24, (uint)d.Length);
        Assert.True(msg.TryParse(d, 0, d.Length));
        return d;
    }

    private static int HalfOpen(Gateway g) =>
        Enumerable.Range(0, g.Daemon.Capacity).Select(g.Daemon.GetSa).Count(s => s != null && !s.IsInitiator && s.State != IkeSaState.Established);

    private static int CountEstablished(Gateway g) =>
        Enumerable.Range(0, g.Daemon.Capacity).Select(g.Daemon.GetSa).Count(s => s is { State: IkeSaState.Established });

    private static int AnswersFromHq(Rig rig) =>
        rig.Network.Tap.Count(r => r.Source.Address == Rig.HqAddress);
}
