using System.Numerics;
using NanoGate.Boards.Host.Dh;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Dh;
using NanoGate.Hal.Crypto.Native;

namespace NanoGate.Hal.Tests.Dh;

/// <summary>
/// ECP groups 19, 20, 21 in the native component (mbedtls_ecp, RFC 5903): the RFC's §8 vectors,
/// the same keys as the portable and OpenSSL classes under the same seed, and the §7 validation
/// of the peer's point (on the curve, coordinates below p).
/// </summary>
public class NativeEcpDiffieHellmanTests
{
    [Theory]
    [MemberData(nameof(DhTestData.EcpTheory), MemberType = typeof(DhTestData))]
    public void Rfc5903_section8_vector(DhGroup group)
    {
        Rfc5903Vector v = Rfc5903Vector.For(group);
        byte[] i = DhTestData.Hex(v.I);
        byte[] r = DhTestData.Hex(v.R);
        NativeDiffieHellman initiator = NativeDiffieHellman.FromPrivateValue(group, i, 0, i.Length);
        NativeDiffieHellman responder = NativeDiffieHellman.FromPrivateValue(group, r, 0, r.Length);
        byte[] gi = DhTestData.Hex(v.Gix + v.Giy);
        byte[] gr = DhTestData.Hex(v.Grx + v.Gry);

        Assert.Equal(gi, PublicOf(initiator));
        Assert.Equal(gr, PublicOf(responder));

        byte[] secret = new byte[initiator.SharedSecretLength];
        Assert.Equal(DhResult.Ok, initiator.ComputeSharedSecret(gr, 0, gr.Length, secret, 0));
        Assert.Equal(DhTestData.Hex(v.Girx), secret);
        Assert.Equal(DhResult.Ok, responder.ComputeSharedSecret(gi, 0, gi.Length, secret, 0));
        Assert.Equal(DhTestData.Hex(v.Girx), secret);
        initiator.Wipe();
        responder.Wipe();
    }

    [Theory]
    [MemberData(nameof(DhTestData.EcpTheory), MemberType = typeof(DhTestData))]
    public void Native_portable_and_OpenSSL_draw_the_same_keys_and_agree(DhGroup group)
    {
        for (uint seed = 1; seed <= 4; seed++)
        {
            NativeDiffieHellman native = NativeDiffieHellman.Create(group, new DeterministicRandom(seed));
            var portable = new EcpDiffieHellman(group, new DeterministicRandom(seed));
            var host = new HostEcpDiffieHellman(group, new DeterministicRandom(seed));
            Assert.Equal(PublicOf(host), PublicOf(native));
            Assert.Equal(PublicOf(portable), PublicOf(native));

            var hostPeer = new HostEcpDiffieHellman(group, new DeterministicRandom(seed + 300));
            byte[] fromNative = new byte[native.SharedSecretLength];
            byte[] fromHost = new byte[native.SharedSecretLength];
            Assert.Equal(DhResult.Ok, native.ComputeSharedSecret(PublicOf(hostPeer), 0, native.PublicValueLength, fromNative, 0));
            Assert.Equal(DhResult.Ok, hostPeer.ComputeSharedSecret(PublicOf(native), 0, native.PublicValueLength, fromHost, 0));
            Assert.Equal(fromHost, fromNative);
            native.Wipe();
        }
    }

    [Theory]
    [MemberData(nameof(DhTestData.EcpTheory), MemberType = typeof(DhTestData))]
    public void Extreme_scalars_match_OpenSSL_and_out_of_range_scalars_are_refused(DhGroup group)
    {
        BigInteger n = DhTestData.Big(ToBytes(EcpCurve.Create(group).N));
        int size = HostEcpDiffieHellman.FieldSize(group);
        foreach (BigInteger d in new[] { BigInteger.One, new BigInteger(2), n - 1 })
        {
            byte[] bytes = DhTestData.Bytes(d, size);
            NativeDiffieHellman native = NativeDiffieHellman.FromPrivateValue(group, bytes, 0, size);
            Assert.Equal(PublicOf(HostEcpDiffieHellman.FromPrivateValue(group, bytes, 0, size)), PublicOf(native));
            native.Wipe();
        }

        Assert.ThrowsAny<ArgumentException>(() => NativeDiffieHellman.FromPrivateValue(group, DhTestData.Bytes(n, size), 0, size));
        Assert.ThrowsAny<ArgumentException>(() => NativeDiffieHellman.FromPrivateValue(group, new byte[size], 0, size));
    }

    [Theory]
    [MemberData(nameof(DhTestData.EcpTheory), MemberType = typeof(DhTestData))]
    public void Points_off_the_curve_or_not_below_p_are_refused_without_throwing(DhGroup group)
    {
        Rfc5903Vector v = Rfc5903Vector.For(group);
        NativeDiffieHellman dh = NativeDiffieHellman.Create(group, new DeterministicRandom(7));
        byte[] good = DhTestData.Hex(v.Grx + v.Gry);
        int len = good.Length;
        int field = len / 2;
        byte[] output = new byte[field];
        BigInteger p = DhTestData.Big(ToBytes(EcpCurve.Create(group).P));

        byte[] offCurve = (byte[])good.Clone();
        offCurve[len - 1] ^= 1;
        Assert.Equal(DhResult.NotOnCurve, dh.ComputeSharedSecret(offCurve, 0, len, output, 0));
        Assert.Equal(DhResult.NotOnCurve, dh.ComputeSharedSecret(new byte[len], 0, len, output, 0)); // (0, 0)

        // x = p (y kept), y = p - y (a point on the curve only if reduced), all ones.
        byte[] xIsP = (byte[])good.Clone();
        DhTestData.Bytes(p, field).CopyTo(xIsP, 0);
        Assert.Equal(DhResult.NotOnCurve, dh.ComputeSharedSecret(xIsP, 0, len, output, 0));
        byte[] yPlusP = (byte[])good.Clone();
        BigInteger y = DhTestData.Big(good[field..]);
        if (y + p < BigInteger.One << (8 * field))
        {
            DhTestData.Bytes(y + p, field).CopyTo(yPlusP, field);
            Assert.Equal(DhResult.NotOnCurve, dh.ComputeSharedSecret(yPlusP, 0, len, output, 0));
        }

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
        dh.Wipe();
    }

    private static byte[] ToBytes(uint[] limbs)
    {
        byte[] b = new byte[4 * limbs.Length];
        MontgomeryField.WriteBigEndian(limbs, b, 0);
        return b;
    }

    private static byte[] PublicOf(IDiffieHellman dh)
    {
        byte[] value = new byte[dh.PublicValueLength];
        dh.WritePublicValue(value, 0);
        return value;
    }
}
