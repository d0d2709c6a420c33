using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Tests.Wire;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// The daemon's shared IKE buffers (IkeScratch): its checks see two users at once, and the
/// exchanges never make them (every Rig run asserts Misuses == 0; these runs use all its users).
/// </summary>
public class IkeScratchTests
{
    [Fact]
    public void MessageBegunInsideAnotherRefusesTheOuterOne()
    {
        var scratch = new IkeScratch();
        int outer = scratch.BeginTx();
        int inner = scratch.BeginTx();
        Assert.True(scratch.EndTx(inner));
        Assert.False(scratch.EndTx(outer));
        Assert.Equal(1, scratch.Misuses);
    }

    [Fact]
    public void MessagesOneAfterAnotherShareTx()
    {
        var scratch = new IkeScratch();
        Assert.True(scratch.EndTx(scratch.BeginTx()));
        scratch.BeginTx(); // abandoned (did not fit): the next message may still begin
        Assert.True(scratch.EndTx(scratch.BeginTx()));
        Assert.Equal(0, scratch.Misuses);
    }

    [Fact]
    public void SecondDecryptionIsRefusedWhileTheFirstMessageIsRead()
    {
        var scratch = new IkeScratch();
        byte[] plain = scratch.Plain;
        var first = new IsakmpMessage();
        var second = new IsakmpMessage();
        Assert.True(scratch.TakePlain(first));
        Decrypted(first, plain);
        Assert.True(first.WasDecrypted);
        Assert.Same(plain, first.PayloadBuffer);

        Assert.False(scratch.TakePlain(second));
        Assert.Equal(1, scratch.Misuses);
        Assert.True(scratch.TakePlain(first)); // the holder itself again: the next datagram

        first.Reset(); // done with it: the next message may take it
        Assert.True(scratch.TakePlain(second));
        Assert.Equal(1, scratch.Misuses);
    }

    [Theory]
    [InlineData(ExchangeMode.Main, DhGroup.Modp2048)]
    [InlineData(ExchangeMode.Aggressive, DhGroup.Ecp256)]
    public void PhaseOneQuickModeRekeyAndDeleteShareItWithoutOverlap(ExchangeMode mode, DhGroup pfs)
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.Change, "aes128-sha256", pfs, mode: mode);
        Assert.True(rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs));
        Assert.True(rig.RunUntil(() => QuickModeMatrixTests.BothInstalled(rig), 30_000));
        Assert.True(rig.Branch.Quick.Rekey(rig.Branch.Ipsec!.Installed[0].Inbound.Spi, rig.Clock.NowMs));
        Assert.True(rig.RunUntil(() => rig.Branch.Ipsec.Established.Count == 2 && rig.Hq.Ipsec!.Established.Count == 2, 30_000));
        rig.RunUntil(() => false, 120_000);
        Assert.True(rig.Branch.Quick.DeleteAll(rig.Clock.NowMs) > 0);
        rig.RunUntil(() => false, 5_000);

        Assert.True(rig.Hq.Quick!.DeletesReceived > 0);
        Assert.Equal(0, rig.Branch.Daemon.Scratch.Misuses);
        Assert.Equal(0, rig.Hq.Daemon.Scratch.Misuses);
    }

    private static void Decrypted(IsakmpMessage m, byte[] plain)
    {
        // A captured QM1 from strongSwan, "decrypted" into the scratch as quick mode would.
        Capture qm1 = Captures.Get("main-mode", "07-qm1");
        Assert.True(m.TryParse(qm1.Message, 0, qm1.Message.Length));
        Array.Copy(qm1.Plaintext!, plain, qm1.Plaintext!.Length);
        Assert.True(m.TryParseDecrypted(plain, 0, qm1.Plaintext.Length));
    }
}
