using NanoGate.Hal.Crypto;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// Phase 2 lifetimes (RFC 2407 §4.5 SA Life Type / Duration, §4.6.3.1 RESPONDER-LIFETIME): the
/// initiator offers its lifetimes in QM1; a responder configured shorter keeps the offered values
/// in its SA payload and adds N(RESPONDER-LIFETIME) with its own, and both sides install the
/// smaller one, in seconds and in kilobytes. The branch initiates.
/// </summary>
public class QuickModeLifetimeTests
{
    [Theory]
    // seconds: responder shorter, initiator shorter
    [InlineData(3600, 0, 600, 0, 600, 0, true)]
    [InlineData(600, 0, 3600, 0, 600, 0, false)]
    // kilobytes (100000 needs a variable-length attribute): responder shorter, initiator without a volume limit
    [InlineData(3600, 100000, 3600, 5000, 3600, 5000, true)]
    [InlineData(3600, 0, 3600, 5000, 3600, 5000, true)]
    // both at once; and only one of the two shorter at the responder
    [InlineData(28800, 4608000, 3600, 250000, 3600, 250000, true)]
    [InlineData(3600, 250000, 28800, 4608000, 3600, 250000, false)]
    [InlineData(28800, 1000, 3600, 4608000, 3600, 1000, true)]
    public void BothInstallTheShorterLifetime(int branchSeconds, int branchKb, int hqSeconds, int hqKb, int seconds, int kb, bool notify)
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.None, "aes128-sha256", DhGroup.None, configure: (b, h) =>
        {
            b.LifetimeSeconds = branchSeconds;
            b.LifetimeKilobytes = branchKb;
            h.LifetimeSeconds = hqSeconds;
            h.LifetimeKilobytes = hqKb;
        });
        rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
        Assert.True(rig.RunUntil(() => QuickModeMatrixTests.BothInstalled(rig), 10_000));

        var (bIn, bOut) = Assert.Single(rig.Branch.Ipsec!.Installed);
        var (hIn, hOut) = Assert.Single(rig.Hq.Ipsec!.Installed);
        foreach (var sa in new[] { bIn, bOut, hIn, hOut })
        {
            Assert.Equal(seconds, sa.LifetimeSeconds);
            Assert.Equal(kb, sa.LifetimeKilobytes);
        }

        var wire = ProtectedWire.Of(rig, rig.Branch.Established!);
        var qm = wire.DecodeAll(rig.InternetIke());
        Assert.Equal(3, qm.Count);

        // QM1 offers the branch's lifetimes: life type 1 (seconds) / 2 (kilobytes), then its duration.
        var offered = qm[0].First(1).Sa().Attributes;
        Assert.Equal(Lifetimes(branchSeconds, branchKb), offered.Where(a => a.Type is 1 or 2).ToList());

        // QM2's SA carries what was offered; a shorter responder says so in RESPONDER-LIFETIME.
        Assert.Equal(Lifetimes(branchSeconds, branchKb), qm[1].First(1).Sa().Attributes.Where(a => a.Type is 1 or 2).ToList());
        var rl = qm[1].Payloads.Where(p => p.Type == 11).Select(p => p.Notify()).Where(n => n.Type == 24576).ToList();
        if (!notify)
        {
            Assert.Empty(rl);
            return;
        }

        var n = Assert.Single(rl);
        Assert.Equal(3, n.Protocol); // ESP
        Assert.Equal(4, n.Spi.Length);
        Assert.Contains(ProtectedWire.ReadBe32(n.Spi, 0), new[] { hIn.Spi, bIn.Spi });
        var attrs = ReadAttributes(n.Data);
        bool shorterSeconds = hqSeconds > 0 && (branchSeconds == 0 || hqSeconds < branchSeconds);
        bool shorterKb = hqKb > 0 && (branchKb == 0 || hqKb < branchKb);
        Assert.Equal(Lifetimes(shorterSeconds ? hqSeconds : 0, shorterKb ? hqKb : 0), attrs);
    }

    private static List<(int, long)> Lifetimes(int seconds, int kb)
    {
        var list = new List<(int, long)>();
        if (seconds > 0)
        {
            list.Add((1, 1));
            list.Add((2, seconds));
        }

        if (kb > 0)
        {
            list.Add((1, 2));
            list.Add((2, kb));
        }

        return list;
    }

    /// <summary>Data attributes (RFC 2408 §3.3): basic (AF=1, 2-byte value) or variable (length, value).</summary>
    private static List<(int, long)> ReadAttributes(byte[] b)
    {
        var list = new List<(int, long)>();
        for (int a = 0; a < b.Length;)
        {
            int type = ProtectedWire.ReadBe16(b, a) & 0x7FFF;
            if ((b[a] & 0x80) != 0)
            {
                list.Add((type, ProtectedWire.ReadBe16(b, a + 2)));
                a += 4;
                continue;
            }

            int len = ProtectedWire.ReadBe16(b, a + 2);
            long v = 0;
            for (int i = 0; i < len; i++)
            {
                v = v << 8 | b[a + 4 + i];
            }

            list.Add((type, v));
            a += 4 + len;
        }

        return list;
    }
}
