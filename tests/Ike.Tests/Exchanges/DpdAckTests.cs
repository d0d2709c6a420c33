using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// RFC 3706 §7: "the R-U-THERE-ACK ... MUST contain the same sequence number as the R-U-THERE" it
/// answers. The branch probes a silent HQ; the test answers in HQ's name with a protected
/// informational written here (HASH(1) = prf(SKEYID_a, M-ID | N), RFC 2409 §5.7) whose ACK
/// carries the row's sequence number, and reads whether the branch's probe is answered.
/// </summary>
public class DpdAckTests
{
    private const int NotifyPayload = 11;
    private const int RUThereAck = 36137; // RFC 3706 §6

    //           R-U-THERE seq N -->
    //    <-- R-U-THERE-ACK seq (N + delta)
    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, false)] // an older probe's number
    [InlineData(1, false)]
    [InlineData(int.MinValue, false)] // a different number altogether (N ^ 0x80000000)
    public void An_ACK_answers_the_probe_only_with_its_sequence_number(int delta, bool answered)
    {
        var rig = new Rig(NatCase.None, ExchangeMode.Main, DhGroup.Ecp256);
        rig.BranchPeer.DpdIntervalSeconds = 10;
        rig.BranchPeer.DpdRetrySeconds = 2;
        rig.HqPeer.DpdIntervalSeconds = 0;
        rig.Branch.EnableQuickMode(300);
        rig.Hq.EnableQuickMode(400);
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(rig.BothEstablished, 10_000));
        IkeSa sa = rig.Branch.Established!;
        var wire = ProtectedWire.Of(rig, sa);

        // HQ falls silent: only the branch runs now, and its interval passes.
        int before = rig.InternetIke().Count;
        rig.Clock.Advance(11_000);
        rig.Branch.Quick!.Poll(rig.Clock.NowMs);
        Assert.Equal(1, sa.DpdProbes);
        var probe = wire.Decode(rig.InternetIke().Skip(before).Single(m => m.Record.Source.Address == rig.BranchPublic && m.Exchange == 5));
        byte[] notify = probe.First(NotifyPayload).Body;
        Assert.Equal(36136, ProtectedWire.ReadBe16(notify, 6)); // R-U-THERE
        uint sequence = ProtectedWire.ReadBe32(notify, notify.Length - 4);

        // DOI 1, protocol ISAKMP, SPI = CKY-I | CKY-R (RFC 3706 §6), data = the sequence number.
        uint echoed = delta == int.MinValue ? sequence ^ 0x80000000u : (uint)(sequence + delta);
        byte[] ack = [0, 0, 0, 1, 1, 16, RUThereAck >> 8, RUThereAck & 0xFF, .. wire.CookieI, .. wire.CookieR, .. ProtectedWire.Be32(echoed)];
        const uint mid = 0x4AC0FFEE;
        byte[] message = wire.Build(5, mid, true, rest => wire.PrfA(ProtectedWire.Be32(mid), rest), (NotifyPayload, ack));
        rig.Branch.Daemon.HandleDatagram(message, 0, message.Length, Rig.HqAddress, 500, 500, rig.Clock.NowMs);

        Assert.Equal(answered ? 0 : 1, sa.DpdProbes);
    }
}
