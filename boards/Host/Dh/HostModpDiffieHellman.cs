using System.Globalization;
using System.Numerics;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Dh;

namespace NanoGate.Boards.Host.Dh;

/// <summary>
/// MODP Diffie-Hellman on the host with System.Numerics.BigInteger.ModPow (groups 2, 5, 14, 15, 16;
/// RFC 2409 §6.2, RFC 3526). Draws its private exponent exactly as the portable
/// <see cref="ModpDiffieHellman"/> does, so under the same seeded source both compute the same keys;
/// the tests use that to hold the two implementations against each other.
/// BigInteger.ModPow is not constant time; the host is the test and simulation platform.
/// </summary>
public sealed class HostModpDiffieHellman : IDiffieHellman
{
    private readonly BigInteger _p;
    private readonly int _size;
    private BigInteger _x;
    private readonly byte[] _public;
    private bool _wiped;

    public HostModpDiffieHellman(DhGroup group, IRandomSource random)
        : this(group, DrawPrivate(group, random))
    {
    }

    private HostModpDiffieHellman(DhGroup group, byte[] privateValue)
    {
        Group = group;
        _p = Prime(group);
        _size = ModpGroups.PrimeLength(group);
        _x = new BigInteger(privateValue, isUnsigned: true, isBigEndian: true);
        Array.Clear(privateValue);
        _public = ToBytes(BigInteger.ModPow(ModpGroups.Generator, _x, _p), _size);
    }

    public DhGroup Group { get; }

    public int PublicValueLength => _size;

    public int SharedSecretLength => _size;

    /// <summary>True for groups 2, 5, 14, 15 and 16.</summary>
    public static bool Supports(DhGroup group) => ModpGroups.Supports(group);

    /// <summary>The group's prime p as printed in its RFC.</summary>
    public static BigInteger Prime(DhGroup group)
    {
        if (!ModpGroups.Supports(group))
        {
            throw new ArgumentException($"not a MODP group: {group}", nameof(group));
        }

        string hex = "0" + ModpGroups.PrimeHex(group).Replace(" ", string.Empty, StringComparison.Ordinal);
        return BigInteger.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// FOR TESTS AND PUBLISHED VECTORS ONLY: a key pair with the given big-endian private exponent
    /// (1 to PrimeLength bytes, copied).
    /// </summary>
    public static HostModpDiffieHellman FromPrivateValue(DhGroup group, byte[] value, int offset, int count)
    {
        if (!ModpGroups.Supports(group))
        {
            throw new ArgumentException($"not a MODP group: {group}", nameof(group));
        }

        ArgumentNullException.ThrowIfNull(value);
        if (offset < 0 || count < 1 || count > ModpGroups.PrimeLength(group) || offset > value.Length - count)
        {
            throw new ArgumentException("private value out of range", nameof(value));
        }

        return new HostModpDiffieHellman(group, value.AsSpan(offset, count).ToArray());
    }

    public void WritePublicValue(byte[] output, int offset)
    {
        ObjectDisposedException.ThrowIf(_wiped, this);
        _public.CopyTo(output, offset);
    }

    /// <summary>Checks 1 &lt; y &lt; p-1 and the length, then writes y^x mod p. Never throws on peer input.</summary>
    public DhResult ComputeSharedSecret(byte[] peer, int peerOffset, int peerCount, byte[] output, int outputOffset)
    {
        ObjectDisposedException.ThrowIf(_wiped, this);
        if (peer is null || peerCount != _size || peerOffset < 0 || peerOffset > peer.Length - peerCount)
        {
            return DhResult.BadLength;
        }

        var y = new BigInteger(peer.AsSpan(peerOffset, peerCount), isUnsigned: true, isBigEndian: true);
        if (y <= BigInteger.One || y >= _p - BigInteger.One)
        {
            return DhResult.OutOfRange;
        }

        ToBytes(BigInteger.ModPow(y, _x, _p), _size).CopyTo(output, outputOffset);
        return DhResult.Ok;
    }

    /// <summary>Drops the exponent (BigInteger is immutable: the old value waits for the GC).</summary>
    public void Wipe()
    {
        _x = BigInteger.Zero;
        _wiped = true;
    }

    /// <summary>The same draw as the portable class: ExponentLength bytes, again while all zero (also libcrypto's).</summary>
    internal static byte[] DrawPrivate(DhGroup group, IRandomSource random)
    {
        if (!ModpGroups.Supports(group))
        {
            throw new ArgumentException($"not a MODP group: {group}", nameof(group));
        }

        ArgumentNullException.ThrowIfNull(random);
        byte[] x = new byte[ModpGroups.ExponentLength(group)];
        do
        {
            random.Fill(x, 0, x.Length);
        }
        while (Array.TrueForAll(x, b => b == 0));

        return x;
    }

    internal static byte[] ToBytes(BigInteger value, int size)
    {
        byte[] result = new byte[size];
        int count = value.GetByteCount(isUnsigned: true);
        if (!value.TryWriteBytes(result.AsSpan(size - count), out _, isUnsigned: true, isBigEndian: true))
        {
            throw new InvalidOperationException("value does not fit the group size");
        }

        return result;
    }
}
