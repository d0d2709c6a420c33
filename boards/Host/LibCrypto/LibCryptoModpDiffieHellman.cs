using System.Security.Cryptography;
using NanoGate.Boards.Host.Dh;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Dh;

namespace NanoGate.Boards.Host.LibCrypto;

/// <summary>
/// MODP Diffie-Hellman (groups 2, 5, 14, 15, 16; RFC 2409 §6.2, RFC 3526) with libcrypto's
/// BN_mod_exp, about 15 times faster than System.Numerics.BigInteger.ModPow for a 2048-bit group
/// (issue 19). The private exponent is drawn exactly as <see cref="ModpDiffieHellman"/> and
/// <see cref="Dh.HostModpDiffieHellman"/> draw it, so under one seeded source all three compute the
/// same keys (the tests hold them against each other). BN_FLG_CONSTTIME is not set, so like
/// BigInteger.ModPow this is not constant time; the host is the test and simulation platform.
/// </summary>
public sealed class LibCryptoModpDiffieHellman : IDiffieHellman
{
    private readonly int _size;
    private readonly byte[] _public;
    private readonly byte[] _prime;
    private IntPtr _x;

    public LibCryptoModpDiffieHellman(DhGroup group, IRandomSource random)
        : this(group, HostModpDiffieHellman.DrawPrivate(group, random))
    {
    }

    private LibCryptoModpDiffieHellman(DhGroup group, byte[] privateValue)
    {
        Group = group;
        _size = ModpGroups.PrimeLength(group);
        _prime = Convert.FromHexString(ModpGroups.PrimeHex(group).Replace(" ", string.Empty, StringComparison.Ordinal));
        _x = LibCrypto.BnBin2Bn(ref privateValue[0], privateValue.Length, IntPtr.Zero);
        CryptographicOperations.ZeroMemory(privateValue);
        if (_x == IntPtr.Zero)
        {
            throw new CryptographicException("libcrypto: BN_bin2bn failed");
        }

        _public = new byte[_size];
        byte[] generator = [(byte)ModpGroups.Generator];
        if (!ModExp(generator, _public))
        {
            Wipe();
            throw new CryptographicException("libcrypto: BN_mod_exp failed");
        }
    }

    public DhGroup Group { get; }

    public int PublicValueLength => _size;

    public int SharedSecretLength => _size;

    /// <summary>
    /// FOR TESTS AND PUBLISHED VECTORS ONLY: a key pair with the given big-endian private exponent
    /// (1 to PrimeLength bytes, copied).
    /// </summary>
    public static LibCryptoModpDiffieHellman FromPrivateValue(DhGroup group, byte[] value, int offset, int count)
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

        return new LibCryptoModpDiffieHellman(group, value.AsSpan(offset, count).ToArray());
    }

    public void WritePublicValue(byte[] output, int offset)
    {
        ObjectDisposedException.ThrowIf(_x == IntPtr.Zero, this);
        _public.CopyTo(output, offset);
    }

    /// <summary>Checks the length and 1 &lt; y &lt; p-1, then writes y^x mod p. Never throws on peer input.</summary>
    public DhResult ComputeSharedSecret(byte[] peer, int peerOffset, int peerCount, byte[] output, int outputOffset)
    {
        ObjectDisposedException.ThrowIf(_x == IntPtr.Zero, this);
        if (peer is null || peerCount != _size || peerOffset < 0 || peerOffset > peer.Length - peerCount)
        {
            return DhResult.BadLength;
        }

        // Big-endian, both _size bytes: 1 < y < p - 1 compares as byte strings.
        ReadOnlySpan<byte> y = peer.AsSpan(peerOffset, peerCount);
        byte[] pMinusOne = (byte[])_prime.Clone();
        pMinusOne[^1] -= 1;   // p is odd: no borrow
        bool aboveOne = y[..^1].IndexOfAnyExcept((byte)0) >= 0 || y[^1] > 1;
        if (!aboveOne || y.SequenceCompareTo(pMinusOne) >= 0)
        {
            return DhResult.OutOfRange;
        }

        byte[] secret = new byte[_size];
        if (!ModExp(y.ToArray(), secret))
        {
            return DhResult.OutOfRange;
        }

        secret.CopyTo(output, outputOffset);
        CryptographicOperations.ZeroMemory(secret);
        return DhResult.Ok;
    }

    /// <summary>Clears and frees the exponent.</summary>
    public void Wipe()
    {
        if (_x != IntPtr.Zero)
        {
            LibCrypto.BnClearFree(_x);
            _x = IntPtr.Zero;
        }
    }

    /// <summary>Whether libcrypto is there to do this (see <see cref="LibCrypto.IsAvailable"/>).</summary>
    public static bool IsAvailable => LibCrypto.IsAvailable;

    /// <summary>result = base^x mod p, big-endian, left-padded to the group size.</summary>
    private bool ModExp(byte[] baseValue, byte[] result)
    {
        IntPtr b = LibCrypto.BnBin2Bn(ref baseValue[0], baseValue.Length, IntPtr.Zero);
        IntPtr m = LibCrypto.BnBin2Bn(ref _prime[0], _prime.Length, IntPtr.Zero);
        IntPtr r = LibCrypto.BnNew();
        IntPtr ctx = LibCrypto.BnCtxNew();
        try
        {
            return b != IntPtr.Zero && m != IntPtr.Zero && r != IntPtr.Zero && ctx != IntPtr.Zero
                && LibCrypto.BnModExp(r, b, _x, m, ctx) == 1
                && LibCrypto.BnBn2BinPad(r, ref result[0], result.Length) == result.Length;
        }
        finally
        {
            LibCrypto.BnClearFree(r);
            LibCrypto.BnFree(b);
            LibCrypto.BnFree(m);
            LibCrypto.BnCtxFree(ctx);
        }
    }
}
