using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// HQ's quick mode responder against <see cref="TestQuickModeInitiator"/>, a quick mode initiator
/// written in the test from the RFCs over the ISAKMP SA the two daemons established: KEYMAT of
/// both installed SAs recomputed with .NET's HMAC, with PFS from .NET's own P-256 agreement
/// (RFC 2409 §5.5), and the client ID types the ike initiator never sends (ID_IPV4_ADDR,
/// ID_IPV4_ADDR_RANGE) selecting HQ's policy or failing with INVALID-ID-INFORMATION.
/// </summary>
public class QuickModeResponderTests
{
    private const uint OurSpi = 0xA1B2C3D4;
    private const uint MessageId = 0x5EC0DE01;

    private static Rig Phase1(IpsecPolicy hqPolicy, string esp)
    {
        var rig = new Rig(NatCase.None, ExchangeMode.Main, DhGroup.Ecp256);
        rig.Hq.EnableQuickMode(400);
        rig.Hq.Quick!.AddPolicy(hqPolicy, QuickModeMatrixTests.Esp(esp));
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(rig.BothEstablished, 10_000));
        return rig;
    }

    private static IpsecPolicy HqPolicy(DhGroup pfs = DhGroup.None, string remote = "10.1.0.0", int remotePrefix = 16, string local = "10.2.0.0", int localPrefix = 16) =>
        new("tun") { PeerName = "branch", Pfs = pfs, RemoteSubnet = Rig.Ip(remote), RemotePrefixLength = remotePrefix, LocalSubnet = Rig.Ip(local), LocalPrefixLength = localPrefix };

    /// <summary>Delivers a crafted message to HQ as if from the branch; returns what HQ sent back.</summary>
    private static Rig.IkeOnWire Inject(Rig rig, byte[] message)
    {
        int before = rig.InternetIke().Count;
        rig.Hq.Daemon.HandleDatagram(message, 0, message.Length, Rig.BranchDirect, 500, 500, rig.Clock.NowMs);
        return rig.InternetIke().Skip(before).Single(m => m.Record.Source.Address == Rig.HqAddress);
    }

    private static void InjectQuiet(Rig rig, byte[] message)
    {
        int before = rig.InternetIke().Count;
        rig.Hq.Daemon.HandleDatagram(message, 0, message.Length, Rig.BranchDirect, 500, 500, rig.Clock.NowMs);
        Assert.Equal(before, rig.InternetIke().Count);
    }

    /// <summary>Transform ID, key length bits, auth algorithm (RFC 2407 §4.4.4, §4.5; RFC 3602; RFC 4106 §8; RFC 4868 §2.4) and key lengths.</summary>
    private static (int Transform, int KeyBits, int Auth, int EncLength, int IntLength) Suite(string esp) => esp switch
    {
        "aes128-sha256" => (12, 128, 5, 16, 32),
        "aes256-sha512" => (12, 256, 7, 32, 64),
        "aesgcm256" => (20, 256, 0, 32 + 4, 0),
        "3des-sha1" => (3, 0, 2, 24, 20),
        _ => throw new ArgumentException(esp),
    };

    // HDR*, HASH(1), SA, Ni [, KE], IDci, IDcr -->   (written here)
    //                 <-- HDR*, HASH(2), SA, Nr [, KE], IDci, IDcr   (HQ)
    // HDR*, HASH(3) -->
    [Theory]
    [InlineData("aes128-sha256", false)]
    [InlineData("aes128-sha256", true)]
    [InlineData("aes256-sha512", true)]
    [InlineData("aesgcm256", false)]
    [InlineData("aesgcm256", true)]
    [InlineData("3des-sha1", true)]
    public void KeymatOfBothSasMatchesIndependentComputation(string esp, bool pfs)
    {
        Rig rig = Phase1(HqPolicy(pfs ? DhGroup.Ecp256 : DhGroup.None), esp);
        var wire = ProtectedWire.Of(rig, rig.Branch.Established!);
        var s = Suite(esp);
        using var qm = new TestQuickModeInitiator(wire, MessageId, OurSpi, pfs);
        byte[] sa = TestQuickModeInitiator.EspSa(OurSpi, s.Transform, s.KeyBits, s.Auth, 1, pfs ? 19 : 0, 3600);
        qm.ReadQm2(Inject(rig, qm.Qm1(sa, TestQuickModeInitiator.Id(4, "10.1.0.0", "255.255.0.0"), TestQuickModeInitiator.Id(4, "10.2.0.0", "255.255.0.0"))));
        Assert.Empty(rig.Hq.Ipsec!.Installed); // not before QM3
        InjectQuiet(rig, qm.Qm3());

        var (inbound, outbound) = Assert.Single(rig.Hq.Ipsec.Installed);
        Assert.Equal(qm.ResponderSpi, inbound.Spi);
        Assert.Equal(OurSpi, outbound.Spi);
        Assert.Equal(pfs, qm.Gxy is not null);
        foreach (var x in new[] { inbound, outbound })
        {
            byte[] keymat = qm.Keymat(x.Spi, s.EncLength + s.IntLength);
            Assert.Equal(keymat[..s.EncLength], x.EncryptionKey);
            Assert.Equal(s.IntLength == 0 ? null : keymat[s.EncLength..], x.IntegrityKey);
        }

        Assert.Equal((Rig.Ip("10.2.0.0"), 16, Rig.Ip("10.1.0.0"), 16), (inbound.LocalSubnet, inbound.LocalPrefixLength, inbound.RemoteSubnet, inbound.RemotePrefixLength));
        Assert.Empty(rig.Hq.Ipsec.Failures);
        Assert.Empty(rig.Hq.Ipsec.Reserved);
    }

    /// <summary>
    /// Client IDs of each type against HQ's policy (remote = the initiator's ID, local = the
    /// responder's): exactly the policy's networks select it, anything else is a flow mismatch
    /// answered with INVALID-ID-INFORMATION (RFC 2408 §3.14.1).
    /// ID_IPV4_ADDR 1, ID_IPV4_ADDR_SUBNET 4, ID_IPV4_ADDR_RANGE 7 (RFC 2407 §4.6.2.1).
    /// </summary>
    [Theory]
    // single addresses against a /32 policy
    [InlineData(1, "10.1.0.5", "", 1, "10.2.0.7", "", "10.1.0.5", 32, "10.2.0.7", 32, true)]
    [InlineData(1, "10.1.0.6", "", 1, "10.2.0.7", "", "10.1.0.5", 32, "10.2.0.7", 32, false)]
    [InlineData(1, "10.1.0.5", "", 1, "10.2.0.8", "", "10.1.0.5", 32, "10.2.0.7", 32, false)]
    // a single address inside the policy's /16 is not the policy's flow
    [InlineData(1, "10.1.0.5", "", 1, "10.2.0.7", "", "10.1.0.0", 16, "10.2.0.0", 16, false)]
    // ranges: exactly the /16, a /24 inside it, a range that is not a prefix
    [InlineData(7, "10.1.0.0", "10.1.255.255", 7, "10.2.0.0", "10.2.255.255", "10.1.0.0", 16, "10.2.0.0", 16, true)]
    [InlineData(7, "10.1.0.0", "10.1.0.255", 4, "10.2.0.0", "255.255.0.0", "10.1.0.0", 16, "10.2.0.0", 16, false)]
    [InlineData(7, "10.1.0.1", "10.1.0.9", 4, "10.2.0.0", "255.255.0.0", "10.1.0.0", 16, "10.2.0.0", 16, false)]
    // subnets: another network on either side
    [InlineData(4, "10.1.0.0", "255.255.0.0", 4, "10.2.0.0", "255.255.0.0", "10.1.0.0", 16, "10.2.0.0", 16, true)]
    [InlineData(4, "10.3.0.0", "255.255.0.0", 4, "10.2.0.0", "255.255.0.0", "10.1.0.0", 16, "10.2.0.0", 16, false)]
    [InlineData(4, "10.1.0.0", "255.255.0.0", 4, "10.4.0.0", "255.255.0.0", "10.1.0.0", 16, "10.2.0.0", 16, false)]
    public void ClientIdsSelectThePolicy(int ciType, string ci1, string ci2, int crType, string cr1, string cr2,
        string hqRemote, int hqRemotePrefix, string hqLocal, int hqLocalPrefix, bool matches)
    {
        Rig rig = Phase1(HqPolicy(DhGroup.None, hqRemote, hqRemotePrefix, hqLocal, hqLocalPrefix), "aes128-sha256");
        var wire = ProtectedWire.Of(rig, rig.Branch.Established!);
        using var qm = new TestQuickModeInitiator(wire, MessageId, OurSpi, false);
        byte[] sa = TestQuickModeInitiator.EspSa(OurSpi, 12, 128, 5, 1, 0, 3600);
        byte[] idci = ci2.Length == 0 ? TestQuickModeInitiator.Id(ciType, ci1) : TestQuickModeInitiator.Id(ciType, ci1, ci2);
        byte[] idcr = cr2.Length == 0 ? TestQuickModeInitiator.Id(crType, cr1) : TestQuickModeInitiator.Id(crType, cr1, cr2);
        var answer = Inject(rig, qm.Qm1(sa, idci, idcr));

        if (matches)
        {
            qm.ReadQm2(answer);
            // The responder echoes the IDs unchanged (RFC 2409 §5.5).
            Assert.Equal([idci, idcr], qm.Qm2!.Payloads.Where(p => p.Type == 5).Select(p => p.Body));
            InjectQuiet(rig, qm.Qm3());
            var (inbound, _) = Assert.Single(rig.Hq.Ipsec!.Installed);
            Assert.Equal((Rig.Ip(hqLocal), hqLocalPrefix, Rig.Ip(hqRemote), hqRemotePrefix),
                (inbound.LocalSubnet, inbound.LocalPrefixLength, inbound.RemoteSubnet, inbound.RemotePrefixLength));
            Assert.Empty(rig.Hq.Ipsec.Failures);
        }
        else
        {
            Assert.Equal(5, answer.Exchange);
            var d = wire.Decode(answer);
            Assert.Equal([8, 11], d.Types);
            Assert.Equal(wire.PrfA(ProtectedWire.Be32(d.MessageId), d.AfterHash), d.First(8).Body);
            Assert.Equal(18, d.First(11).Notify().Type); // INVALID-ID-INFORMATION
            Assert.Equal(Phase2FailureReason.FlowMismatch, Assert.Single(rig.Hq.Ipsec!.Failures).Reason);
            rig.Hq.Ipsec.AssertClean();
        }
    }

    /// <summary>A QM1 whose HASH(1) does not verify is dropped and counted; no answer, nothing reserved (RFC 2409 §5.5).</summary>
    [Fact]
    public void Qm1WithBadHashIsDropped()
    {
        Rig rig = Phase1(HqPolicy(), "aes128-sha256");
        var wire = ProtectedWire.Of(rig, rig.Branch.Established!);
        using var qm = new TestQuickModeInitiator(wire, MessageId, OurSpi, false);
        byte[] good = qm.Qm1(TestQuickModeInitiator.EspSa(OurSpi, 12, 128, 5, 1, 0, 3600),
            TestQuickModeInitiator.Id(4, "10.1.0.0", "255.255.0.0"), TestQuickModeInitiator.Id(4, "10.2.0.0", "255.255.0.0"));
        var asSent = new Rig.IkeOnWire(rig.Network.Tap[0], good, false, new NanoGate.Ike.Wire.IsakmpMessage());
        var d = wire.Fresh().Decode(asSent);
        byte[] bad = ProtectedWire.Tamper(d, d.Iv, p => p[4 + 7] ^= 0x01); // a bit of the HASH data

        InjectQuiet(rig, bad);
        Assert.Equal(1, rig.Hq.Quick!.Dropped);
        Assert.Empty(rig.Hq.Ipsec!.Negotiating);
        rig.Hq.Ipsec.AssertClean();

        // The genuine QM1 with the same message ID is still answered: the bad one left no state.
        qm.ReadQm2(Inject(rig, good));
    }

    /// <summary>
    /// A retransmitted QM1 (the same bytes) gets the stored QM2, the same bytes again, and starts
    /// nothing (RFC 2408 §5); a QM1 of the same message ID with one byte changed is not taken for a
    /// retransmission and gets no answer; after QM3 a copy of QM3 installs nothing more.
    /// </summary>
    [Fact]
    public void RetransmittedQm1GetsTheStoredQm2AndAChangedCopyDoesNot()
    {
        Rig rig = Phase1(HqPolicy(DhGroup.Ecp256), "aes128-sha256");
        var wire = ProtectedWire.Of(rig, rig.Branch.Established!);
        using var qm = new TestQuickModeInitiator(wire, MessageId, OurSpi, true);
        byte[] qm1 = qm.Qm1(TestQuickModeInitiator.EspSa(OurSpi, 12, 128, 5, 1, 19, 3600),
            TestQuickModeInitiator.Id(4, "10.1.0.0", "255.255.0.0"), TestQuickModeInitiator.Id(4, "10.2.0.0", "255.255.0.0"));
        var qm2 = Inject(rig, qm1);
        qm.ReadQm2(qm2);

        var again = Inject(rig, (byte[])qm1.Clone());
        Assert.Equal(qm2.Message, again.Message);
        byte[] changed = (byte[])qm1.Clone();
        changed[^1] ^= 0x01; // the last ciphertext byte
        InjectQuiet(rig, changed);
        Assert.Equal(1, rig.Hq.Quick!.Started);
        Assert.Single(rig.Hq.Ipsec!.Negotiating);

        byte[] qm3 = qm.Qm3();
        InjectQuiet(rig, qm3);
        InjectQuiet(rig, (byte[])qm3.Clone());
        Assert.Single(rig.Hq.Ipsec.Installed);
        Assert.Empty(rig.Hq.Ipsec.Failures);
    }
}
