using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// What an established ISAKMP SA no longer keeps (issue 17: memory per tunnel): the DH public
/// values and nonces of phase 1 are dropped once it is up, while a repeated last message still
/// gets the stored answer and quick mode still runs under it.
/// </summary>
public class EstablishedSaTests
{
    [Theory]
    [InlineData(ExchangeMode.Main)]
    [InlineData(ExchangeMode.Aggressive)]
    public void PhaseOneValuesAreDroppedOnceUpAndARepeatIsStillAnswered(ExchangeMode mode)
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None, mode: mode);
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(rig.BothEstablished, 10_000));
        foreach (IkeSa sa in new[] { rig.Branch.Established!, rig.Hq.Established! })
        {
            Assert.Null(sa.Gxi);
            Assert.Null(sa.Gxr);
            Assert.Null(sa.NonceI);
            Assert.Null(sa.NonceR);
        }

        // The branch's last phase 1 message again (MM5 or AM3): HQ answers MM5 with its stored MM6.
        int expected = mode == ExchangeMode.Main ? ExchangeType.IdentityProtection : ExchangeType.Aggressive;
        byte[] last = rig.InternetIke().Last(m => m.Record.Source.Address == Rig.BranchDirect && m.Exchange == expected).Message;
        int answered = rig.Hq.Daemon.DuplicatesAnswered;
        rig.Hq.Daemon.HandleDatagram((byte[])last.Clone(), 0, last.Length, Rig.BranchDirect, 500, 500, rig.Clock.NowMs);
        Assert.Equal(mode == ExchangeMode.Main ? answered + 1 : answered, rig.Hq.Daemon.DuplicatesAnswered);

        Assert.True(rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs));
        Assert.True(rig.RunUntil(() => QuickModeMatrixTests.BothInstalled(rig), 10_000));
    }
}
