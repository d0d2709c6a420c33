using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Native;
using NanoGate.Ike.Config;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// Main or aggressive mode + quick mode between two gateways that both run the native crypto provider
/// (native/, the device's crypto), against the same exchange on .NET's provider: with
/// the same seeded random sources the two draw the same DH private values, so every ESP key must
/// come out the same (RFC 2409 §5.5 KEYMAT over SKEYID_d, g^xy and the nonces). Afterwards, with
/// the SAs deleted, every native slot the exchange took is back (keys wiped, none leaked).
/// </summary>
public class NativeProviderExchangeTests
{
    [Theory]
    [InlineData(ExchangeMode.Main, "aesgcm128", DhGroup.Modp2048)]
    [InlineData(ExchangeMode.Main, "aes128-sha256", DhGroup.Ecp256)]
    [InlineData(ExchangeMode.Main, "3des-sha1", DhGroup.None)]
    [InlineData(ExchangeMode.Aggressive, "aesgcm256", DhGroup.Ecp256)]
    public void Native_exchange_derives_the_keys_dotnet_derives_and_leaves_no_slot_behind(ExchangeMode mode, string esp, DhGroup pfs)
    {
        int before = NativeSlots.InUse;
        Rig native = Establish(mode, esp, pfs, new NativeCryptoProvider());
        Rig dotnet = Establish(mode, esp, pfs, new NanoGate.Boards.Host.DotNetCryptoProvider());

        foreach ((Gateway n, Gateway d) in new[] { (native.Branch, dotnet.Branch), (native.Hq, dotnet.Hq) })
        {
            var (nIn, nOut) = Assert.Single(n.Ipsec!.Installed);
            var (dIn, dOut) = Assert.Single(d.Ipsec!.Installed);
            Assert.Equal(dIn.EncryptionKey, nIn.EncryptionKey);
            Assert.Equal(dOut.EncryptionKey, nOut.EncryptionKey);
            Assert.Equal(dIn.IntegrityKey, nIn.IntegrityKey);
            Assert.Equal(dOut.IntegrityKey, nOut.IntegrityKey);
        }

        Assert.True(NativeSlots.InUse > before, "the established SAs hold native keys");
        foreach (Gateway g in new[] { native.Branch, native.Hq })
        {
            g.Daemon.Delete(g.Established!, notifyPeer: false, dropChildren: true, native.Clock.NowMs);
        }

        native.RunUntil(() => false, 1000);
        Assert.Equal(before, NativeSlots.InUse);
    }

    private static Rig Establish(ExchangeMode mode, string esp, DhGroup pfs, ICryptoProvider? crypto)
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.Change, esp, pfs, seed: 7, crypto: crypto, mode: mode);
        Assert.True(rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs));
        Assert.True(rig.RunUntil(() => QuickModeMatrixTests.BothInstalled(rig), 10_000),
            string.Join("\n", rig.Branch.Events.Concat(rig.Hq.Events)));
        rig.RunUntil(() => false, 100);
        return rig;
    }
}
