using System.Numerics;
using System.Security.Cryptography;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Boards.Host.Dh;

/// <summary>
/// ECP Diffie-Hellman on the host with .NET's ECDiffieHellman: groups 19, 20, 21 = NIST P-256,
/// P-384, P-521 (RFC 5903 §3). The public value is x | y, each coordinate left-padded to the field
/// size (RFC 5903 §7); the shared secret is the x coordinate alone (RFC 5903 §9).
/// The private scalar comes from the given random source (so a seeded source gives repeatable keys)
/// and is imported through ECParameters.D.
/// </summary>
public sealed class HostEcpDiffieHellman : IDiffieHellman
{
    private static readonly Lazy<ECParameters> s_p256 = new(() => Export(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<ECParameters> s_p384 = new(() => Export(ECCurve.NamedCurves.nistP384));
    private static readonly Lazy<ECParameters> s_p521 = new(() => Export(ECCurve.NamedCurves.nistP521));

    private readonly ECCurve _curve;
    private readonly int _fieldSize;
    private readonly BigInteger _p;
    private readonly BigInteger _b;
    private readonly byte[] _public;
    private ECDiffieHellman? _key;

    public HostEcpDiffieHellman(DhGroup group, IRandomSource random)
        : this(group, DrawPrivate(group, random))
    {
    }

    private HostEcpDiffieHellman(DhGroup group, byte[] d)
    {
        Group = group;
        _curve = CurveOf(group);
        _fieldSize = FieldSize(group);
        ECParameters explicitParameters = ExplicitParameters(group);
        _p = new BigInteger(explicitParameters.Curve.Prime, isUnsigned: true, isBigEndian: true);
        _b = new BigInteger(explicitParameters.Curve.B, isUnsigned: true, isBigEndian: true);
        try
        {
            _key = ECDiffieHellman.Create(new ECParameters { Curve = _curve, D = d });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }

        ECParameters ours = _key.ExportParameters(false);
        _public = new byte[2 * _fieldSize];
        CopyPadded(ours.Q.X!, _public, 0, _fieldSize);
        CopyPadded(ours.Q.Y!, _public, _fieldSize, _fieldSize);
    }

    public DhGroup Group { get; }

    public int PublicValueLength => 2 * _fieldSize;

    public int SharedSecretLength => _fieldSize;

    /// <summary>True for groups 19, 20 and 21.</summary>
    public static bool Supports(DhGroup group) => group is DhGroup.Ecp256 or DhGroup.Ecp384 or DhGroup.Ecp521;

    /// <summary>Bytes of one coordinate: 32, 48, 66.</summary>
    public static int FieldSize(DhGroup group) => group switch
    {
        DhGroup.Ecp256 => 32,
        DhGroup.Ecp384 => 48,
        DhGroup.Ecp521 => 66,
        _ => throw new ArgumentException($"not an ECP group: {group}", nameof(group)),
    };

    /// <summary>The curve's explicit parameters (p, a, b, G, n) as .NET knows them.</summary>
    public static ECParameters ExplicitParameters(DhGroup group) => group switch
    {
        DhGroup.Ecp256 => s_p256.Value,
        DhGroup.Ecp384 => s_p384.Value,
        DhGroup.Ecp521 => s_p521.Value,
        _ => throw new ArgumentException($"not an ECP group: {group}", nameof(group)),
    };

    /// <summary>
    /// FOR TESTS AND PUBLISHED VECTORS ONLY (RFC 5903 §8): a key pair with the given big-endian
    /// private scalar, which must lie in [1, n-1].
    /// </summary>
    public static HostEcpDiffieHellman FromPrivateValue(DhGroup group, byte[] value, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(value);
        int size = FieldSize(group);
        if (offset < 0 || count < 1 || count > size || offset > value.Length - count)
        {
            throw new ArgumentException("private value out of range", nameof(value));
        }

        byte[] d = new byte[size];
        value.AsSpan(offset, count).CopyTo(d.AsSpan(size - count));
        return new HostEcpDiffieHellman(group, d);
    }

    public void WritePublicValue(byte[] output, int offset)
    {
        ObjectDisposedException.ThrowIf(_key is null, this);
        _public.CopyTo(output, offset);
    }

    /// <summary>
    /// Checks the length, that x and y are below p and that y^2 = x^3 - 3x + b (mod p) (RFC 5903 §7;
    /// this also refuses (0,0), which cannot stand for the point at infinity), then writes the x
    /// coordinate of our scalar times the peer's point. Never throws on peer input.
    /// </summary>
    public DhResult ComputeSharedSecret(byte[] peer, int peerOffset, int peerCount, byte[] output, int outputOffset)
    {
        ECDiffieHellman key = _key ?? throw new ObjectDisposedException(nameof(HostEcpDiffieHellman));
        if (peer is null || peerCount != 2 * _fieldSize || peerOffset < 0 || peerOffset > peer.Length - peerCount)
        {
            return DhResult.BadLength;
        }

        byte[] x = peer.AsSpan(peerOffset, _fieldSize).ToArray();
        byte[] y = peer.AsSpan(peerOffset + _fieldSize, _fieldSize).ToArray();
        if (!IsOnCurve(new BigInteger(x, isUnsigned: true, isBigEndian: true), new BigInteger(y, isUnsigned: true, isBigEndian: true)))
        {
            return DhResult.NotOnCurve;
        }

        try
        {
            using ECDiffieHellman other = ECDiffieHellman.Create(new ECParameters { Curve = _curve, Q = new ECPoint { X = x, Y = y } });
            byte[] secret = key.DeriveRawSecretAgreement(other.PublicKey);
            CopyPadded(secret, output, outputOffset, _fieldSize);
            CryptographicOperations.ZeroMemory(secret);
            return DhResult.Ok;
        }
        catch (CryptographicException)
        {
            // OpenSSL's own point check; ours above should have caught it first.
            return DhResult.NotOnCurve;
        }
    }

    public void Wipe()
    {
        _key?.Dispose();
        _key = null;
    }

    private bool IsOnCurve(BigInteger x, BigInteger y)
    {
        if (x >= _p || y >= _p)
        {
            return false;
        }

        BigInteger left = y * y % _p;
        BigInteger right = (((x * x % _p) * x) - (3 * x) + _b) % _p;
        if (right.Sign < 0)
        {
            right += _p;
        }

        return left == right;
    }

    private static ECParameters Export(ECCurve curve)
    {
        using ECDiffieHellman probe = ECDiffieHellman.Create(curve);
        return probe.ExportExplicitParameters(false);
    }

    private static ECCurve CurveOf(DhGroup group) => group switch
    {
        DhGroup.Ecp256 => ECCurve.NamedCurves.nistP256,
        DhGroup.Ecp384 => ECCurve.NamedCurves.nistP384,
        DhGroup.Ecp521 => ECCurve.NamedCurves.nistP521,
        _ => throw new ArgumentException($"not an ECP group: {group}", nameof(group)),
    };

    /// <summary>
    /// FIPS 186-4 B.4.2 (testing candidates), the same draw as the portable EcpDiffieHellman:
    /// FieldSize bytes, bits above n's length cleared, drawn again until 1 &lt;= d &lt;= n-1.
    /// </summary>
    private static byte[] DrawPrivate(DhGroup group, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int size = FieldSize(group);
        BigInteger n = new(ExplicitParameters(group).Curve.Order, isUnsigned: true, isBigEndian: true);
        int excessBits = (8 * size) - (int)n.GetBitLength();
        byte[] d = new byte[size];
        while (true)
        {
            random.Fill(d, 0, size);
            d[0] &= (byte)(0xFF >> excessBits);
            BigInteger candidate = new(d, isUnsigned: true, isBigEndian: true);
            if (!candidate.IsZero && candidate < n)
            {
                return d;
            }
        }
    }

    private static void CopyPadded(byte[] value, byte[] output, int offset, int size)
    {
        int pad = size - value.Length;
        Array.Clear(output, offset, pad);
        value.CopyTo(output, offset + pad);
    }
}
