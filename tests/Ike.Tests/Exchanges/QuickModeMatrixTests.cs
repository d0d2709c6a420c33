using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// Quick mode (RFC 2409 §5.5) between two gateways on the sim board after main mode: each side as
/// initiator, without PFS and with PFS groups 14 and 19, no NAT / port-preserving / port-changing
/// NAPT in front of the branch, every ESP proposal. Asserts what both data paths received (SPIs
/// and keys crossing over, encapsulation, ports, lifetimes, selectors), the three messages on the
/// wire decrypted with .NET's AES (payload order, HASH(1)/(2)/(3) recomputed with .NET's HMAC, the
/// SA and ID payloads per RFC 2407), and, without PFS, KEYMAT recomputed from the decrypted nonces.
/// </summary>
public class QuickModeMatrixTests
{
    public static readonly uint BranchLan = Rig.Ip("10.1.0.0");
    public static readonly uint HqLan = Rig.Ip("10.2.0.0");

    /// <summary>The ESP proposals of the issue, by name.</summary>
    public static IpsecProposal Esp(string name) => name switch
    {
        "aes128-sha1" => new IpsecProposal(name) { KeySize = 16, Integrity = HashAlgorithm.Sha1 },
        "aes256-sha1" => new IpsecProposal(name) { KeySize = 32, Integrity = HashAlgorithm.Sha1 },
        "aes128-sha256" => new IpsecProposal(name) { KeySize = 16, Integrity = HashAlgorithm.Sha256 },
        "aes256-sha256" => new IpsecProposal(name) { KeySize = 32, Integrity = HashAlgorithm.Sha256 },
        "aes256-sha384" => new IpsecProposal(name) { KeySize = 32, Integrity = HashAlgorithm.Sha384 },
        "aes256-sha512" => new IpsecProposal(name) { KeySize = 32, Integrity = HashAlgorithm.Sha512 },
        "aesgcm128" => new IpsecProposal(name) { Encryption = CipherAlgorithm.AesGcm, KeySize = 16 },
        "aesgcm256" => new IpsecProposal(name) { Encryption = CipherAlgorithm.AesGcm, KeySize = 32 },
        "3des-sha1" => new IpsecProposal(name) { Encryption = CipherAlgorithm.TripleDesCbc, KeySize = 24, Integrity = HashAlgorithm.Sha1 },
        _ => throw new ArgumentException(name),
    };

    public static readonly string[] EspNames = ["aes128-sha1", "aes256-sha1", "aes128-sha256", "aes256-sha384", "aes256-sha512", "aesgcm128", "aesgcm256", "3des-sha1"];

    /// <summary>
    /// A rig with quick mode on both gateways and the mirrored policy "tun" (branch 10.1.0.0/16,
    /// HQ 10.2.0.0/16), each side with its own proposal object built from <paramref name="esp"/>.
    /// </summary>
    public static Rig NewRig(NatCase nat, string esp, DhGroup pfs, uint seed = 1, Action<IpsecPolicy, IpsecPolicy>? configure = null,
        ICryptoProvider? crypto = null, ExchangeMode mode = ExchangeMode.Main)
    {
        var rig = new Rig(nat, mode, DhGroup.Ecp256, seed, crypto);
        AddTunnel(rig, esp, pfs, seed, configure);
        return rig;
    }

    /// <summary>Quick mode on both gateways of <paramref name="rig"/> with one policy "tun" between the LANs.</summary>
    internal static void AddTunnel(Rig rig, string esp, DhGroup pfs, uint seed, Action<IpsecPolicy, IpsecPolicy>? configure = null)
    {
        rig.Branch.EnableQuickMode(seed + 300);
        rig.Hq.EnableQuickMode(seed + 400);
        var branch = new IpsecPolicy("tun") { PeerName = "hq", Pfs = pfs, LocalSubnet = BranchLan, LocalPrefixLength = 16, RemoteSubnet = HqLan, RemotePrefixLength = 16 };
        var hq = new IpsecPolicy("tun") { PeerName = "branch", Pfs = pfs, LocalSubnet = HqLan, LocalPrefixLength = 16, RemoteSubnet = BranchLan, RemotePrefixLength = 16 };
        configure?.Invoke(branch, hq);
        rig.Branch.Quick!.AddPolicy(branch, Esp(esp));
        rig.Hq.Quick!.AddPolicy(hq, Esp(esp));
    }

    public static bool BothInstalled(Rig rig) => rig.Branch.Ipsec!.Installed.Count > 0 && rig.Hq.Ipsec!.Installed.Count > 0;

    public static IEnumerable<object[]> Matrix()
    {
        foreach (bool branchInitiates in new[] { true, false })
        {
            foreach (NatCase nat in new[] { NatCase.None, NatCase.Preserve, NatCase.Change })
            {
                foreach (DhGroup pfs in new[] { DhGroup.None, DhGroup.Modp2048, DhGroup.Ecp256 })
                {
                    foreach (string esp in EspNames)
                    {
                        yield return new object[] { branchInitiates, nat, pfs, esp };
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Establishes(bool branchInitiates, NatCase nat, DhGroup pfs, string esp)
    {
        Rig rig = NewRig(nat, esp, pfs);
        if (!branchInitiates && nat != NatCase.None)
        {
            rig.ForwardToBranch();
        }

        Gateway ini = branchInitiates ? rig.Branch : rig.Hq;
        Gateway res = branchInitiates ? rig.Hq : rig.Branch;
        Assert.True(ini.Quick!.Initiate("tun", rig.Clock.NowMs));
        Assert.True(rig.RunUntil(() => BothInstalled(rig), 10_000), string.Join("\n", ini.Events.Concat(res.Events)));
        rig.RunUntil(() => false, 100); // anything left in flight arrives

        // One pair on each side, nothing else reserved, no failure.
        var (iIn, iOut) = Assert.Single(ini.Ipsec!.Installed);
        var (rIn, rOut) = Assert.Single(res.Ipsec!.Installed);
        Assert.Empty(ini.Ipsec.Reserved);
        Assert.Empty(res.Ipsec.Reserved);
        Assert.Empty(ini.Ipsec.Errors);
        Assert.Empty(res.Ipsec.Errors);
        Assert.Empty(ini.Ipsec.Failures);
        Assert.Empty(res.Ipsec.Failures);
        Assert.Equal(["tun"], ini.Ipsec.Negotiating);
        Assert.Equal(["tun"], res.Ipsec.Negotiating);

        // SPIs cross over: what one side sends with is what the other receives with.
        Assert.Equal(iOut.Spi, rIn.Spi);
        Assert.Equal(rOut.Spi, iIn.Spi);
        Assert.True(iIn.Inbound && rIn.Inbound && !iOut.Inbound && !rOut.Inbound);

        // Keys cross over, and each direction has its own (RFC 2409 §5.5: KEYMAT includes the receiver's SPI).
        IpsecProposal p = Esp(esp);
        bool gcm = p.Encryption == CipherAlgorithm.AesGcm;
        int encLength = p.Encryption == CipherAlgorithm.TripleDesCbc ? 24 : gcm ? p.KeySize + 4 : p.KeySize; // RFC 4106 §8.1: key | 4-byte salt
        int intLength = gcm ? 0 : p.Integrity switch
        {
            HashAlgorithm.Sha1 => 20,   // RFC 2404 §3: 160-bit key
            HashAlgorithm.Sha256 => 32, // RFC 4868 §2.1.1: key = output size
            HashAlgorithm.Sha384 => 48,
            _ => 64,
        };
        foreach (var (a, b) in new[] { (iOut, rIn), (rOut, iIn) })
        {
            Assert.Equal(encLength, a.EncryptionKey.Length);
            Assert.Equal(a.EncryptionKey, b.EncryptionKey);
            if (gcm)
            {
                Assert.Null(a.IntegrityKey);
                Assert.Null(b.IntegrityKey);
            }
            else
            {
                Assert.Equal(intLength, a.IntegrityKey.Length);
                Assert.Equal(a.IntegrityKey, b.IntegrityKey);
            }

            Assert.Equal(a.Cipher, b.Cipher);
            Assert.Equal(p.Encryption, a.Cipher);
            Assert.Equal(p.Encryption == CipherAlgorithm.TripleDesCbc ? 24 : p.KeySize, a.KeySize);
            Assert.Equal(p.Encryption == CipherAlgorithm.TripleDesCbc ? 24 : p.KeySize, b.KeySize);
            if (!gcm)
            {
                Assert.Equal(p.Integrity, a.Integrity);
                Assert.Equal(p.Integrity, b.Integrity);
            }
        }

        Assert.NotEqual(iIn.EncryptionKey, iOut.EncryptionKey);
        Assert.NotEqual(iIn.Spi, iOut.Spi);

        // Endpoints, encapsulation (RFC 3948: UDP 4500 both ways when a NAT is in the path).
        bool natted = nat != NatCase.None;
        var bIn = branchInitiates ? iIn : rIn;
        var bOut = branchInitiates ? iOut : rOut;
        var hIn = branchInitiates ? rIn : iIn;
        var hOut = branchInitiates ? rOut : iOut;
        foreach (var sa in new[] { bIn, bOut, hIn, hOut })
        {
            Assert.Equal(natted, sa.UdpEncapsulation);
            Assert.Equal(pfs, sa.Pfs);
            Assert.Equal(3600, sa.LifetimeSeconds);
            Assert.Equal(0, sa.LifetimeKilobytes);
            Assert.Equal("tun", sa.PolicyName);
        }

        uint branchAddress = natted ? Rig.BranchInside : Rig.BranchDirect;
        foreach (var sa in new[] { bIn, bOut })
        {
            Assert.Equal(branchAddress, sa.LocalAddress);
            Assert.Equal(Rig.HqAddress, sa.RemoteAddress);
            Assert.Equal((BranchLan, 16, HqLan, 16), (sa.LocalSubnet, sa.LocalPrefixLength, sa.RemoteSubnet, sa.RemotePrefixLength));
        }

        foreach (var sa in new[] { hIn, hOut })
        {
            Assert.Equal(Rig.HqAddress, sa.LocalAddress);
            Assert.Equal(rig.BranchPublic, sa.RemoteAddress);
            Assert.Equal((HqLan, 16, BranchLan, 16), (sa.LocalSubnet, sa.LocalPrefixLength, sa.RemoteSubnet, sa.RemotePrefixLength));
        }

        var qmWire = rig.InternetIke().Where(m => m.Exchange == 32).ToList();
        if (natted)
        {
            // HQ sends ESP to where the branch's IKE on 4500 comes from after the NAT (RFC 3948 §2.2).
            int branchNatPort = qmWire.Last(m => m.Record.Source.Address == Rig.NatPublic).Record.Source.Port;
            Assert.Equal(rig.Nat!.Mappings[new NanoGate.Boards.Sim.Endpoint(Rig.BranchInside, 4500)], branchNatPort);
            foreach (var sa in new[] { bIn, bOut, hIn, hOut })
            {
                Assert.Equal(4500, sa.LocalPort);
            }

            Assert.Equal(4500, bOut.RemotePort);
            Assert.Equal(4500, bIn.RemotePort);
            Assert.Equal(branchNatPort, hOut.RemotePort);
            Assert.Equal(branchNatPort, hIn.RemotePort);
        }

        // The wire: three quick mode messages, encrypted, one non-zero message ID (RFC 2409 §5.5).
        Assert.Equal(3, qmWire.Count);
        uint initiatorPublic = branchInitiates ? rig.BranchPublic : Rig.HqAddress;
        Assert.Equal([true, false, true], qmWire.Select(m => m.Record.Source.Address == initiatorPublic).ToArray());
        Assert.All(qmWire, m => Assert.True(m.Encrypted));
        Assert.All(qmWire, m => Assert.Equal(natted, m.Marker));
        var wire = ProtectedWire.Of(rig, ini.Established!);
        var qm = wire.DecodeAll(rig.InternetIke());
        Assert.Equal(3, qm.Count);
        uint mid = qm[0].MessageId;
        Assert.NotEqual(0u, mid);
        Assert.All(qm, m => Assert.Equal(mid, m.MessageId));

        // Payload order HASH, SA, NONCE, [KE,] ID, ID; HASH alone in QM3.
        int[] order = pfs == DhGroup.None ? [8, 1, 10, 5, 5] : [8, 1, 10, 4, 5, 5];
        Assert.Equal(order, qm[0].Types);
        Assert.Equal(order, qm[1].Types[..order.Length]);
        Assert.All(qm[1].Types[order.Length..], t => Assert.Equal(11, t)); // only a notify (RESPONDER-LIFETIME) may follow
        Assert.Equal([8], qm[2].Types);

        // HASH(1) = prf(SKEYID_a, M-ID | rest), HASH(2) = prf(SKEYID_a, M-ID | Ni_b | rest),
        // HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b).
        byte[] ni = qm[0].First(10).Body;
        byte[] nr = qm[1].First(10).Body;
        byte[] m32 = ProtectedWire.Be32(mid);
        Assert.Equal(wire.PrfA(m32, qm[0].AfterHash), qm[0].First(8).Body);
        Assert.Equal(wire.PrfA(m32, ni, qm[1].AfterHash), qm[1].First(8).Body);
        Assert.Equal(wire.PrfA([0], m32, ni, nr), qm[2].First(8).Body);
        Assert.InRange(ni.Length, 8, 256); // RFC 2409 §5
        Assert.InRange(nr.Length, 8, 256);

        // SA payloads (RFC 2407 §4.5): one ESP proposal, SPI = the sender's inbound SPI.
        var sa1 = qm[0].First(1).Sa();
        var sa2 = qm[1].First(1).Sa();
        Assert.Equal(iIn.Spi, sa1.Spi);
        Assert.Equal(rIn.Spi, sa2.Spi);
        foreach (var s in new[] { sa1, sa2 })
        {
            Assert.Equal(3, s.Protocol); // PROTO_IPSEC_ESP
            Assert.Equal(4, s.SpiSize);
            Assert.Equal(1, s.Transforms);
            // ESP_3DES 3 (RFC 2407 §4.4.4), ESP_AES 12 (RFC 3602 §5.1), ESP_AES_GCM_16 20 (RFC 4106 §8.1)
            Assert.Equal(p.Encryption == CipherAlgorithm.TripleDesCbc ? 3 : gcm ? 20 : 12, s.TransformId);
            // Encapsulation mode: UDP-Encapsulated-Tunnel 3 (RFC 3947 §5.1) or Tunnel 1 (RFC 2407 §4.5)
            Assert.Equal(natted ? 3 : 1, s.Attr(4));
            // Authentication algorithm: HMAC-SHA 2 (RFC 2407 §4.5), HMAC-SHA2-256/384/512 5/6/7 (RFC 4868 §2.4); none for GCM (RFC 4106 §8.3)
            long? auth = gcm ? null : p.Integrity switch { HashAlgorithm.Sha1 => 2, HashAlgorithm.Sha256 => 5, HashAlgorithm.Sha384 => 6, _ => 7 };
            Assert.Equal(auth, s.Attr(5));
            // Key length in bits for AES (RFC 3602 §5.4, RFC 4106 §8.4); none for 3DES
            Assert.Equal(p.Encryption == CipherAlgorithm.TripleDesCbc ? null : p.KeySize * 8, s.Attr(6));
            // Group description = the PFS group (RFC 2407 §4.5)
            Assert.Equal(pfs == DhGroup.None ? null : (long)pfs, s.Attr(3));
            // Life type seconds (1), duration 3600
            Assert.Contains((1, 1L), s.Attributes);
            Assert.Contains((2, 3600L), s.Attributes);
        }

        // KE: 256 bytes for MODP 2048 (RFC 3526 §3), x | y = 64 bytes for ECP 256 (RFC 5903 §7).
        if (pfs != DhGroup.None)
        {
            int keLength = pfs == DhGroup.Modp2048 ? 256 : 64;
            Assert.Equal(keLength, qm[0].First(4).Body.Length);
            Assert.Equal(keLength, qm[1].First(4).Body.Length);
        }

        // IDci, IDcr: ID_IPV4_ADDR_SUBNET (4, RFC 2407 §4.6.2.1), any protocol and port; the responder echoes them.
        var ids = qm[0].Payloads.Where(x => x.Type == 5).ToList();
        uint ciNet = branchInitiates ? BranchLan : HqLan;
        uint crNet = branchInitiates ? HqLan : BranchLan;
        Assert.Equal((4, 0, 0), (ids[0].Id().Type, ids[0].Id().Protocol, ids[0].Id().Port));
        Assert.Equal([.. ProtectedWire.Be32(ciNet), 255, 255, 0, 0], ids[0].Id().Data);
        Assert.Equal([.. ProtectedWire.Be32(crNet), 255, 255, 0, 0], ids[1].Id().Data);
        Assert.Equal(ids.Select(x => x.Raw), qm[1].Payloads.Where(x => x.Type == 5).Select(x => x.Raw));

        // Without PFS, KEYMAT recomputed here (RFC 2409 §5.5) from the decrypted nonces and each receiver's SPI.
        if (pfs == DhGroup.None)
        {
            foreach (var sa in new[] { iIn, rIn })
            {
                byte[] keymat = wire.Keymat(null, sa.Spi, ni, nr, encLength + intLength);
                Assert.Equal(keymat[..encLength], sa.EncryptionKey);
                if (!gcm)
                {
                    Assert.Equal(keymat[encLength..], sa.IntegrityKey);
                }
            }
        }
    }
}
