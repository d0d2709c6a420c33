using System.Numerics;
using NanoGate.Boards.Host.Dh;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Dh;

namespace NanoGate.Hal.Tests.Dh;

/// <summary>
/// The MODP primes copied from RFC 2409 §6.2 and RFC 3526 §2-§5 are the published ones: each is
/// recomputed from the formula the RFCs print, 2^n - 2^(n-64) - 1 + 2^64 * ([2^(n-130) pi] + offset),
/// with pi from Machin's formula, and checked to be a safe prime with 2 generating the q subgroup.
/// </summary>
public class ModpPrimeTests
{
    public static TheoryData<DhGroup, int, int> Formula() => new()
    {
        { DhGroup.Modp1024, 1024, 129093 },  // RFC 2409 §6.2
        { DhGroup.Modp1536, 1536, 741804 },  // RFC 3526 §2
        { DhGroup.Modp2048, 2048, 124476 },  // RFC 3526 §3
        { DhGroup.Modp3072, 3072, 1690314 }, // RFC 3526 §4
        { DhGroup.Modp4096, 4096, 240904 },  // RFC 3526 §5
    };

    [Theory]
    [MemberData(nameof(Formula))]
    public void Prime_equals_the_RFC_formula(DhGroup group, int bits, int offset)
    {
        BigInteger piScaled = PiTimesPowerOfTwo(bits - 130);
        BigInteger expected = (BigInteger.One << bits) - (BigInteger.One << (bits - 64)) - 1
            + ((piScaled + offset) << 64);

        BigInteger p = HostModpDiffieHellman.Prime(group);

        Assert.Equal(expected, p);
        Assert.Equal(bits / 8, ModpGroups.PrimeLength(group));
    }

    [Theory]
    [MemberData(nameof(DhTestData.ModpTheory), MemberType = typeof(DhTestData))]
    public void Prime_has_all_ones_top_and_bottom_64_bits(DhGroup group)
    {
        BigInteger p = HostModpDiffieHellman.Prime(group);
        int bits = ModpGroups.PrimeLength(group) * 8;
        BigInteger ones = ulong.MaxValue;

        Assert.Equal(ones, p & ones);
        Assert.Equal(ones, p >> (bits - 64));
    }

    [Theory]
    [MemberData(nameof(DhTestData.ModpTheory), MemberType = typeof(DhTestData))]
    public void Prime_is_a_safe_prime_and_2_generates_the_order_q_subgroup(DhGroup group)
    {
        BigInteger p = HostModpDiffieHellman.Prime(group);
        BigInteger q = (p - 1) / 2;

        Assert.True(IsProbablePrime(p), "p");
        Assert.True(IsProbablePrime(q), "q = (p-1)/2");
        Assert.Equal(BigInteger.One, BigInteger.ModPow(ModpGroups.Generator, q, p));
    }

    [Theory]
    [MemberData(nameof(DhTestData.ModpTheory), MemberType = typeof(DhTestData))]
    public void Portable_limbs_equal_the_prime(DhGroup group)
    {
        uint[] limbs = ModpGroups.CreatePrime(group);
        byte[] bytes = new byte[limbs.Length * 4];
        MontgomeryField.WriteBigEndian(limbs, bytes, 0);

        Assert.Equal(HostModpDiffieHellman.Prime(group), DhTestData.Big(bytes));
    }

    /// <summary>floor(2^k * pi) by Machin's formula pi = 16 atan(1/5) - 4 atan(1/239), 64 guard bits.</summary>
    private static BigInteger PiTimesPowerOfTwo(int k)
    {
        BigInteger one = BigInteger.One << (k + 64);
        BigInteger pi = (16 * ArctanOfInverse(5, one)) - (4 * ArctanOfInverse(239, one));
        return pi >> 64;
    }

    private static BigInteger ArctanOfInverse(int x, BigInteger one)
    {
        BigInteger sum = BigInteger.Zero;
        BigInteger power = one / x;
        BigInteger x2 = x * x;
        for (int k = 0; !power.IsZero; k++)
        {
            BigInteger term = power / ((2 * k) + 1);
            sum += (k & 1) == 0 ? term : -term;
            power /= x2;
        }

        return sum;
    }

    /// <summary>Miller-Rabin with bases 2 and 3: a mistyped digit gives a composite that fails them.</summary>
    private static bool IsProbablePrime(BigInteger n)
    {
        BigInteger d = n - 1;
        int s = 0;
        while (d.IsEven)
        {
            d >>= 1;
            s++;
        }

        foreach (int a in new[] { 2, 3 })
        {
            BigInteger x = BigInteger.ModPow(a, d, n);
            if (x.IsOne || x == n - 1)
            {
                continue;
            }

            bool composite = true;
            for (int r = 1; r < s && composite; r++)
            {
                x = BigInteger.ModPow(x, 2, n);
                composite = x != n - 1;
            }

            if (composite)
            {
                return false;
            }
        }

        return true;
    }
}
