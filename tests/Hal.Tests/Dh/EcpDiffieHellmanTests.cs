using System.Numerics;
using System.Security.Cryptography;
using NanoGate.Boards.Host.Dh;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Dh;
using NanoGate.Hal.Crypto.Native;

namespace NanoGate.Hal.Tests.Dh;

/// <summary>
/// The portable ECP class and the native one (native/, mbedTLS): RFC 5903 §8, against the
/// host (OpenSSL) class, point and scalar checks; allocation for the portable class.
/// </summary>
public class EcpDiffieHellmanTests
{
    [Theory]
    [MemberData(nameof(DhTestData.EcpTheory), MemberType = typeof(DhTestData))]
    public void Curve_constants_equal_OpenSSL_named_curve(DhGroup group)
    {
        EcpCurve curve = EcpCurve.Create(group);
        ECCurve reference = HostEcpDiffieHellman.ExplicitParameters(group).Curve;

        Assert.Equal(DhTestData.Big(reference.Prime!), Big(curve.P));
        Assert.Equal(DhTestData.Big(reference.B!), Big(curve.B));
        Assert.Equal(DhTestData.Big(reference.Order!), Big(curve.N));
        Assert.Equal(DhTestData.Big(reference.G.X!), Big(curve.Gx));
        Assert.Equal(DhTestData.Big(reference.G.Y!), Big(curve.Gy));
        Assert.Equal(Big(curve.P) - 3, DhTestData.Big(reference.A!)); // a = -3
        Assert.Equal(HostEcpDiffieHellman.FieldSize(group), curve.FieldSize);
    }

    public static TheoryData<string, DhGroup> EveryClassAndGroup()
    {
        var data = new TheoryData<string, DhGroup>();
        foreach (string kind in new[] { "portable", "native" })
        {
            foreach (DhGroup g in DhTestData.EcpGroups)
            {
                data.Add(kind, g);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryClassAndGroup))]
    public void Rfc5903_section8_vector(string kind, DhGroup group)
    {
        Rfc5903Vector v = Rfc5903Vector.For(group);
        byte[] i = DhTestData.Hex(v.I);
        byte[] r = DhTestData.Hex(v.R);
        IDiffieHellman initiator = FromPrivateValue(kind, group, i);
        IDiffieHellman responder = FromPrivateValue(kind, group, r);
        byte[] gi = DhTestData.Hex(v.Gix + v.Giy);
        byte[] gr = DhTestData.Hex(v.Grx + v.Gry);

        Assert.Equal(gi, PublicOf(initiator));
        Assert.Equal(gr, PublicOf(responder));

        byte[] secret = new byte[initiator.SharedSecretLength];
        Assert.Equal(DhResult.Ok, initiator.ComputeSharedSecret(gr, 0, gr.Length, secret, 0));
        Assert.Equal(DhTestData.Hex(v.Girx), secret);
        Assert.Equal(DhResult.Ok, responder.ComputeSharedSecret(gi, 0, gi.Length, secret, 0));
        Assert.Equal(DhTestData.Hex(v.Girx), secret);
    }

    [Theory]
    [MemberData(nameof(EveryClassAndGroup))]
    public void Portable_or_native_and_OpenSSL_agree_on_seeded_keys_and_with_each_other(string kind, DhGroup group)
    {
        for (uint seed = 1; seed <= 4; seed++)
        {
            // Same seed: the same FIPS 186-4 B.4.2 draw, so the same key pair.
            IDiffieHellman portable = Create(kind, group, seed);
            var host = new HostEcpDiffieHellman(group, new DeterministicRandom(seed));
            Assert.Equal(PublicOf(host), PublicOf(portable));

            // Portable against a host peer with another key, both ways.
            var hostPeer = new HostEcpDiffieHellman(group, new DeterministicRandom(seed + 300));
            byte[] fromPortable = new byte[portable.SharedSecretLength];
            byte[] fromHost = new byte[portable.SharedSecretLength];
            Assert.Equal(DhResult.Ok, portable.ComputeSharedSecret(PublicOf(hostPeer), 0, portable.PublicValueLength, fromPortable, 0));
            Assert.Equal(DhResult.Ok, hostPeer.ComputeSharedSecret(PublicOf(portable), 0, portable.PublicValueLength, fromHost, 0));
            Assert.Equal(fromHost, fromPortable);
        }
    }

    [Theory]
    [MemberData(nameof(DhTestData.EcpTheory), MemberType = typeof(DhTestData))]
    public void Both_sides_compute_the_same_secret(DhGroup group)
    {
        var a = new EcpDiffieHellman(group, new DeterministicRandom(21));
        var b = new EcpDiffieHellman(group, new DeterministicRandom(22));
        byte[] secretA = new byte[a.SharedSecretLength];
        byte[] secretB = new byte[b.SharedSecretLength];

        Assert.Equal(DhResult.Ok, a.ComputeSharedSecret(PublicOf(b), 0, b.PublicValueLength, secretA, 0));
        Assert.Equal(DhResult.Ok, b.ComputeSharedSecret(PublicOf(a), 0, a.PublicValueLength, secretB, 0));
        Assert.Equal(secretA, secretB);
    }

    [Theory]
    [MemberData(nameof(EveryClassAndGroup))]
    public void Extreme_scalars_match_OpenSSL(string kind, DhGroup group)
    {
        // 1, 2 and n-1 exercise the ladder's start (adding to infinity) and the doubling case.
        BigInteger n = Big(EcpCurve.Create(group).N);
        int size = HostEcpDiffieHellman.FieldSize(group);
        foreach (BigInteger d in new[] { BigInteger.One, new BigInteger(2), n - 1 })
        {
            byte[] bytes = DhTestData.Bytes(d, size);
            Assert.Equal(
                PublicOf(HostEcpDiffieHellman.FromPrivateValue(group, bytes, 0, size)),
                PublicOf(FromPrivateValue(kind, group, bytes)));
        }

        Assert.Throws<ArgumentException>(() => FromPrivateValue(kind, group, DhTestData.Bytes(n, size)));
        Assert.Throws<ArgumentException>(() => FromPrivateValue(kind, group, new byte[size]));
    }

    [Theory]
    [MemberData(nameof(EveryClassAndGroup))]
    public void Bad_peer_points_are_refused_without_throwing(string kind, DhGroup group)
    {
        Rfc5903Vector v = Rfc5903Vector.For(group);
        IDiffieHellman dh = Create(kind, group, 7);
        byte[] good = DhTestData.Hex(v.Grx + v.Gry);
        int len = good.Length;
        int field = len / 2;
        byte[] output = new byte[field];
        BigInteger p = Big(EcpCurve.Create(group).P);

        byte[] offCurve = (byte[])good.Clone();
        offCurve[len - 1] ^= 1;
        Assert.Equal(DhResult.NotOnCurve, dh.ComputeSharedSecret(offCurve, 0, len, output, 0));
        Assert.Equal(DhResult.NotOnCurve, dh.ComputeSharedSecret(new byte[len], 0, len, output, 0)); // (0, 0)

        // Coordinates not below p: x = p, and x replaced by all ones.
        byte[] xIsP = (byte[])good.Clone();
        DhTestData.Bytes(p, field).CopyTo(xIsP, 0);
        Assert.Equal(DhResult.NotOnCurve, dh.ComputeSharedSecret(xIsP, 0, len, output, 0));
        byte[] ones = Enumerable.Repeat((byte)0xFF, len).ToArray();
        Assert.Equal(DhResult.NotOnCurve, dh.ComputeSharedSecret(ones, 0, len, output, 0));

        byte[] tagged = new byte[len + 1];
        tagged[0] = 0x04;
        good.CopyTo(tagged, 1);
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(tagged, 0, len + 1, output, 0));
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(good, 0, len - 1, output, 0));
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(good, 1, len, output, 0));
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(null!, 0, len, output, 0));

        Assert.Equal(DhResult.Ok, dh.ComputeSharedSecret(tagged, 1, len, output, 0));
    }

    [Fact]
    public void Agreement_allocates_nothing_after_construction()
    {
        foreach (DhGroup group in DhTestData.EcpGroups)
        {
            var dh = new EcpDiffieHellman(group, new DeterministicRandom(9));
            byte[] peer = PublicOf(new EcpDiffieHellman(group, new DeterministicRandom(10)));
            byte[] bad = new byte[peer.Length];
            byte[] output = new byte[dh.SharedSecretLength];
            byte[] pub = new byte[dh.PublicValueLength];
            dh.ComputeSharedSecret(peer, 0, peer.Length, output, 0); // warm up (JIT)
            dh.WritePublicValue(pub, 0);

            long before = GC.GetAllocatedBytesForCurrentThread();
            DhResult ok = dh.ComputeSharedSecret(peer, 0, peer.Length, output, 0);
            DhResult refused = dh.ComputeSharedSecret(bad, 0, bad.Length, output, 0);
            dh.WritePublicValue(pub, 0);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(DhResult.Ok, ok);
            Assert.Equal(DhResult.NotOnCurve, refused);
            Assert.Equal(0, allocated);
        }
    }

    [Fact]
    public void Supports_and_wipe()
    {
        foreach (DhGroup g in Enum.GetValues<DhGroup>())
        {
            Assert.Equal(DhTestData.EcpGroups.Contains(g), EcpDiffieHellman.Supports(g));
        }

        var dh = new EcpDiffieHellman(DhGroup.Ecp256, new DeterministicRandom(1));
        Assert.Equal(DhGroup.Ecp256, dh.Group);
        Assert.Equal(64, dh.PublicValueLength);
        Assert.Equal(32, dh.SharedSecretLength);
        dh.Wipe();
        Assert.Throws<InvalidOperationException>(() => dh.WritePublicValue(new byte[64], 0));
        Assert.Throws<ArgumentException>(() => new EcpDiffieHellman(DhGroup.Modp2048, new DeterministicRandom(1)));
    }

    private static IDiffieHellman Create(string kind, DhGroup group, uint seed) => kind switch
    {
        "portable" => new EcpDiffieHellman(group, new DeterministicRandom(seed)),
        "native" => NativeDiffieHellman.Create(group, new DeterministicRandom(seed)),
        _ => throw new ArgumentException(kind),
    };

    private static IDiffieHellman FromPrivateValue(string kind, DhGroup group, byte[] value) => kind switch
    {
        "portable" => EcpDiffieHellman.FromPrivateValue(group, value, 0, value.Length),
        "native" => NativeDiffieHellman.FromPrivateValue(group, value, 0, value.Length),
        _ => throw new ArgumentException(kind),
    };

    private static BigInteger Big(uint[] limbs)
    {
        byte[] bytes = new byte[limbs.Length * 4];
        MontgomeryField.WriteBigEndian(limbs, bytes, 0);
        return DhTestData.Big(bytes);
    }

    private static byte[] PublicOf(IDiffieHellman dh)
    {
        byte[] value = new byte[dh.PublicValueLength];
        dh.WritePublicValue(value, 0);
        return value;
    }
}
