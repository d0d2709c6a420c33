using System.Numerics;
using NanoGate.Boards.Host.Dh;
using NanoGate.Hal.Crypto;

namespace NanoGate.Hal.Tests.Dh;

/// <summary>The host ECP class (.NET ECDiffieHellman) against RFC 5903 §8 and its peer-value checks.</summary>
public class HostEcpDiffieHellmanTests
{
    [Theory]
    [MemberData(nameof(DhTestData.EcpTheory), MemberType = typeof(DhTestData))]
    public void Rfc5903_section8_vector(DhGroup group)
    {
        Rfc5903Vector v = Rfc5903Vector.For(group);
        byte[] i = DhTestData.Hex(v.I);
        byte[] r = DhTestData.Hex(v.R);
        HostEcpDiffieHellman initiator = HostEcpDiffieHellman.FromPrivateValue(group, i, 0, i.Length);
        HostEcpDiffieHellman responder = HostEcpDiffieHellman.FromPrivateValue(group, r, 0, r.Length);
        byte[] gi = DhTestData.Hex(v.Gix + v.Giy);
        byte[] gr = DhTestData.Hex(v.Grx + v.Gry);

        // RFC 5903 §7: the KE data is x | y.
        Assert.Equal(gi, PublicOf(initiator));
        Assert.Equal(gr, PublicOf(responder));

        // RFC 5903 §9: the shared secret is x of g^ir alone.
        byte[] secret = new byte[initiator.SharedSecretLength];
        Assert.Equal(DhResult.Ok, initiator.ComputeSharedSecret(gr, 0, gr.Length, secret, 0));
        Assert.Equal(DhTestData.Hex(v.Girx), secret);
        Assert.Equal(DhResult.Ok, responder.ComputeSharedSecret(gi, 0, gi.Length, secret, 0));
        Assert.Equal(DhTestData.Hex(v.Girx), secret);
    }

    [Theory]
    [MemberData(nameof(DhTestData.EcpTheory), MemberType = typeof(DhTestData))]
    public void Lengths_follow_RFC5903_section7(DhGroup group)
    {
        var dh = new HostEcpDiffieHellman(group, new DeterministicRandom(1));
        int field = group switch { DhGroup.Ecp256 => 32, DhGroup.Ecp384 => 48, _ => 66 };

        Assert.Equal(group, dh.Group);
        Assert.Equal(2 * field, dh.PublicValueLength);
        Assert.Equal(field, dh.SharedSecretLength);
    }

    [Theory]
    [MemberData(nameof(DhTestData.EcpTheory), MemberType = typeof(DhTestData))]
    public void Both_sides_compute_the_same_secret(DhGroup group)
    {
        for (uint seed = 1; seed <= 5; seed++)
        {
            var a = new HostEcpDiffieHellman(group, new DeterministicRandom(seed));
            var b = new HostEcpDiffieHellman(group, new DeterministicRandom(seed + 100));
            byte[] secretA = new byte[a.SharedSecretLength];
            byte[] secretB = new byte[b.SharedSecretLength];

            Assert.Equal(DhResult.Ok, a.ComputeSharedSecret(PublicOf(b), 0, b.PublicValueLength, secretA, 0));
            Assert.Equal(DhResult.Ok, b.ComputeSharedSecret(PublicOf(a), 0, a.PublicValueLength, secretB, 0));
            Assert.Equal(secretA, secretB);
        }
    }

    [Theory]
    [MemberData(nameof(DhTestData.EcpTheory), MemberType = typeof(DhTestData))]
    public void Private_scalar_comes_from_the_random_source(DhGroup group)
    {
        // Same seed, same key; the scalar is the first FieldSize bytes of the stream with the bits
        // above n's length cleared, kept when in [1, n-1] (FIPS 186-4 B.4.2; the first draw is
        // accepted for these seeds, as for almost all: n is close to a power of two).
        var first = new HostEcpDiffieHellman(group, new DeterministicRandom(42));
        var second = new HostEcpDiffieHellman(group, new DeterministicRandom(42));
        var other = new HostEcpDiffieHellman(group, new DeterministicRandom(43));

        Assert.Equal(PublicOf(first), PublicOf(second));
        Assert.NotEqual(PublicOf(first), PublicOf(other));

        int size = HostEcpDiffieHellman.FieldSize(group);
        BigInteger n = DhTestData.Big(HostEcpDiffieHellman.ExplicitParameters(group).Curve.Order!);
        byte[] d = new byte[size];
        new DeterministicRandom(42).Fill(d, 0, size);
        d[0] &= (byte)(0xFF >> (int)((8 * size) - n.GetBitLength()));
        Assert.InRange(DhTestData.Big(d), BigInteger.One, n - 1);
        Assert.Equal(PublicOf(HostEcpDiffieHellman.FromPrivateValue(group, d, 0, d.Length)), PublicOf(first));
    }

    [Theory]
    [MemberData(nameof(DhTestData.EcpTheory), MemberType = typeof(DhTestData))]
    public void Bad_peer_points_are_refused_without_throwing(DhGroup group)
    {
        Rfc5903Vector v = Rfc5903Vector.For(group);
        var dh = new HostEcpDiffieHellman(group, new DeterministicRandom(7));
        byte[] good = DhTestData.Hex(v.Grx + v.Gry);
        int len = good.Length;
        int field = len / 2;
        byte[] output = new byte[field];
        BigInteger p = DhTestData.Big(HostEcpDiffieHellman.ExplicitParameters(group).Curve.Prime!);

        byte[] offCurve = (byte[])good.Clone();
        offCurve[len - 1] ^= 1;
        Assert.Equal(DhResult.NotOnCurve, dh.ComputeSharedSecret(offCurve, 0, len, output, 0));
        Assert.Equal(DhResult.NotOnCurve, dh.ComputeSharedSecret(new byte[len], 0, len, output, 0)); // (0, 0)

        // y replaced by p + y: the same residue, but not a reduced coordinate.
        BigInteger y = DhTestData.Big(good[field..]);
        byte[] unreduced = (byte[])good.Clone();
        if (p + y < BigInteger.One << (8 * field))
        {
            DhTestData.Bytes(p + y, field).CopyTo(unreduced, field);
            Assert.Equal(DhResult.NotOnCurve, dh.ComputeSharedSecret(unreduced, 0, len, output, 0));
        }

        byte[] tagged = new byte[len + 1];
        tagged[0] = 0x04; // SEC 1 uncompressed form is not the IKE encoding
        good.CopyTo(tagged, 1);
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(tagged, 0, len + 1, output, 0));
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(good, 0, len - 1, output, 0));
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(good, 0, field, output, 0));
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(good, 1, len, output, 0));
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(null!, 0, len, output, 0));

        Assert.Equal(DhResult.Ok, dh.ComputeSharedSecret(tagged, 1, len, output, 0));
    }

    [Fact]
    public void Supports_exactly_the_ECP_groups()
    {
        foreach (DhGroup g in Enum.GetValues<DhGroup>())
        {
            Assert.Equal(DhTestData.EcpGroups.Contains(g), HostEcpDiffieHellman.Supports(g));
        }
    }

    [Fact]
    public void Wipe_disables_the_key_pair()
    {
        var dh = new HostEcpDiffieHellman(DhGroup.Ecp256, new DeterministicRandom(1));
        dh.Wipe();

        Assert.Throws<ObjectDisposedException>(() => dh.WritePublicValue(new byte[64], 0));
    }

    private static byte[] PublicOf(IDiffieHellman dh)
    {
        byte[] value = new byte[dh.PublicValueLength];
        dh.WritePublicValue(value, 0);
        return value;
    }
}
