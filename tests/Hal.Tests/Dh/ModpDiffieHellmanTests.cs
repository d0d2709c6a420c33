using System.Numerics;
using NanoGate.Boards.Host.Dh;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Dh;
using NanoGate.Hal.Crypto.Native;

namespace NanoGate.Hal.Tests.Dh;

/// <summary>
/// The portable Montgomery MODP code against System.Numerics.BigInteger.ModPow (host class), and
/// each against itself: g^x mod p, public values and shared secrets for many seeded private values
/// in every group, both sides of an exchange agreeing, peer-value checks and allocation.
/// </summary>
public class ModpDiffieHellmanTests
{
    // Group 14 (RFC 3526 §3) with fixed private exponents. DERIVED, NOT PUBLISHED: no RFC prints a
    // MODP exchange, so these were computed with Python's built-in pow(2, x, p), a third
    // implementation, and both classes here must reproduce them.
    private const string FixedX = "00010203 04050607 08090A0B 0C0D0E0F 10111213 14151617 18191A1B 1C1D1E1F 20212223 24252627";
    private const string FixedY = "F0E1D2C3 B4A59687 78695A4B 3C2D1E0F F0E1D2C3 B4A59687 78695A4B 3C2D1E0F 01234567 89ABCDEF";

    private const string FixedGx =
        "6A309031 F4779AE4 567AC82E 41AFC166 DC7F9A90 221C3945 FF6D3F80 882A9E50" +
        "E870A9FF CA33637C 8A26A6C8 69D6F9DD 354263CD 71F96257 8DA8A082 905CC240" +
        "A84A58DA 3A86BDB9 B87FBB71 56F5A0B1 6AF1B807 29927AD9 AC7F9AEA F50763A9" +
        "884E4C88 7746E1AD F53AE1C3 5E261B2C 6623AA96 7F6010F8 206700C4 28324E93" +
        "8C79EBFF 160D86BA C2715B83 515B157E 27315D71 A01DEDFE 0E8C53AF ADAB9A73" +
        "5CD5A177 CD137588 811BBAA1 AB78504D E3CB0EE3 EF76D7EE 8796FF7F F0107044" +
        "62D83298 DAD50A04 2A4DE9D2 BBD14311 6682AB1B 70361463 1586A6E0 8A12FB32" +
        "EEBF5E1A F1CF3554 F1BC57F0 30AB5433 FB15CC07 FC38E1BD 470D3687 AFD1EC7F";

    private const string FixedGy =
        "EB9023F4 F042055D 38E50AE3 F49EFDFB 6407CFF5 16A9BD55 EAF0CAAF DCE9F4F0" +
        "21EE3C2A 95F9C03C 4C0CBB1F 7344E059 004F06DA 28FBA771 5BB46D69 2FFC3A47" +
        "68B8D93D FB361168 1D3FC0F6 148F3EE4 712E702B 9205457E 1CE06763 3C958A92" +
        "56C1C409 5CF3743A BA34E9E7 7D306363 47D4CADA C0C3F3FF A7F0FA9C 1A808E3A" +
        "364EC562 34178A12 3D2178B6 98947165 48421A89 02CA6576 0F14E524 05EEA95D" +
        "875EC72C 4E18DE3D 40AB9CB2 124D66F4 EEEDB9E4 60769898 FCD212CA C2692C6A" +
        "6780985A 3F95E6CE 4B11BB9A 61B2DD4A DC280EE5 91A143FE 25B136CD 1A5B0E10" +
        "666E4EC3 13E8F297 CF61AE35 D1164FBC 43C66498 494DF24C 39F68D45 6D46E764";

    private const string FixedGxy =
        "991601A9 101A178D 6C7AE6A9 5D9FFC66 A40CE5E8 861BA3D5 8E64FAE9 BD5E923E" +
        "D68E98E1 9C9839A8 8938E71B 2DFD6E57 0689C79B 80EC5342 800100C2 C5AC39A0" +
        "BD5CD0A6 BCC97ED6 B26F65C8 CB51181F 38B7549F 29921BC6 D09DFF08 ED51AA3E" +
        "FB513F30 FFA55809 E9089B5C 2C58CC13 024E2D6C FB661E60 DB288920 8BAF31A3" +
        "14C06712 4DB377E1 E1111BA2 237B6F3C 815BBC2F 7DC53989 1EF7CBDC ACBBB442" +
        "43D21B52 437DC3D5 37595BED DCAF701B 8344D672 F882A9F5 FC917E4B 5579FAF7" +
        "CD0F33D4 34C5E6F5 59FE1A04 9121E1EC 78EFC628 00B31A7A 828A46E2 D0511165" +
        "48CAB9F7 77F7319A C63906D3 573E45CF 4D342BA1 6FDD7081 14AE9D60 12E99D4A";

    [Fact]
    public void Group14_fixed_vector_all_three_implementations()
    {
        byte[] x = DhTestData.Hex(FixedX);
        byte[] y = DhTestData.Hex(FixedY);
        IDiffieHellman[] pair =
        [
            ModpDiffieHellman.FromPrivateValue(DhGroup.Modp2048, x, 0, x.Length),
            HostModpDiffieHellman.FromPrivateValue(DhGroup.Modp2048, x, 0, x.Length),
            NativeDiffieHellman.FromPrivateValue(DhGroup.Modp2048, x, 0, x.Length),
        ];
        IDiffieHellman[] peers =
        [
            ModpDiffieHellman.FromPrivateValue(DhGroup.Modp2048, y, 0, y.Length),
            HostModpDiffieHellman.FromPrivateValue(DhGroup.Modp2048, y, 0, y.Length),
            NativeDiffieHellman.FromPrivateValue(DhGroup.Modp2048, y, 0, y.Length),
        ];

        foreach (IDiffieHellman a in pair)
        {
            Assert.Equal(DhTestData.Hex(FixedGx), PublicOf(a));
        }

        foreach (IDiffieHellman b in peers)
        {
            Assert.Equal(DhTestData.Hex(FixedGy), PublicOf(b));
        }

        foreach (IDiffieHellman a in pair)
        {
            byte[] secret = new byte[256];
            Assert.Equal(DhResult.Ok, a.ComputeSharedSecret(DhTestData.Hex(FixedGy), 0, 256, secret, 0));
            Assert.Equal(DhTestData.Hex(FixedGxy), secret);
        }
    }

    [Theory]
    [MemberData(nameof(DhTestData.ModpTheory), MemberType = typeof(DhTestData))]
    public void Portable_BigInteger_and_native_agree_on_seeded_key_pairs_and_secrets(DhGroup group)
    {
        BigInteger p = HostModpDiffieHellman.Prime(group);
        int size = ModpGroups.PrimeLength(group);
        for (uint seed = 1; seed <= 6; seed++)
        {
            // The same seed makes both classes draw the same private exponent.
            var portable = new ModpDiffieHellman(group, new DeterministicRandom(seed));
            var host = new HostModpDiffieHellman(group, new DeterministicRandom(seed));
            NativeDiffieHellman native = NativeDiffieHellman.Create(group, new DeterministicRandom(seed));
            byte[] portablePublic = PublicOf(portable);
            Assert.Equal(PublicOf(host), portablePublic);
            Assert.Equal(PublicOf(native), portablePublic);

            // ... and that exponent is the first ExponentLength bytes of the stream: check g^x directly.
            byte[] x = new byte[ModpGroups.ExponentLength(group)];
            new DeterministicRandom(seed).Fill(x, 0, x.Length);
            Assert.Equal(DhTestData.Bytes(BigInteger.ModPow(2, DhTestData.Big(x), p), size), portablePublic);

            // A random peer value in [2, p-2], not necessarily a power of 2.
            byte[] raw = new byte[size + 8];
            new DeterministicRandom(seed + 1000).Fill(raw, 0, raw.Length);
            BigInteger yValue = (DhTestData.Big(raw) % (p - 3)) + 2;
            byte[] peer = DhTestData.Bytes(yValue, size);

            byte[] fromPortable = new byte[size];
            byte[] fromHost = new byte[size];
            Assert.Equal(DhResult.Ok, portable.ComputeSharedSecret(peer, 0, size, fromPortable, 0));
            Assert.Equal(DhResult.Ok, host.ComputeSharedSecret(peer, 0, size, fromHost, 0));
            Assert.Equal(fromHost, fromPortable);
            byte[] fromNative = new byte[size];
            Assert.Equal(DhResult.Ok, native.ComputeSharedSecret(peer, 0, size, fromNative, 0));
            Assert.Equal(fromHost, fromNative);
            native.Wipe();
            Assert.Equal(DhTestData.Bytes(BigInteger.ModPow(yValue, DhTestData.Big(x), p), size), fromPortable);
        }
    }

    [Theory]
    [MemberData(nameof(DhTestData.ModpTheory), MemberType = typeof(DhTestData))]
    public void Portable_handles_full_length_exponents_like_BigInteger(DhGroup group)
    {
        BigInteger p = HostModpDiffieHellman.Prime(group);
        int size = ModpGroups.PrimeLength(group);
        byte[] x = new byte[size];
        new DeterministicRandom(77).Fill(x, 0, size);
        x[0] = 0xFF; // above p: the exponent need not be reduced

        var portable = ModpDiffieHellman.FromPrivateValue(group, x, 0, size);

        Assert.Equal(DhTestData.Bytes(BigInteger.ModPow(2, DhTestData.Big(x), p), size), PublicOf(portable));
    }

    public static TheoryData<string, DhGroup> EveryClassAndGroup()
    {
        var data = new TheoryData<string, DhGroup>();
        foreach (DhGroup g in DhTestData.ModpGroups)
        {
            data.Add("portable", g);
            data.Add("host", g);
            data.Add("native", g);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryClassAndGroup))]
    public void Both_sides_compute_the_same_secret(string kind, DhGroup group)
    {
        for (uint seed = 10; seed < 12; seed++)
        {
            IDiffieHellman a = Create(kind, group, seed);
            IDiffieHellman b = Create(kind, group, seed + 500);
            byte[] secretA = new byte[a.SharedSecretLength];
            byte[] secretB = new byte[b.SharedSecretLength];

            Assert.Equal(DhResult.Ok, a.ComputeSharedSecret(PublicOf(b), 0, b.PublicValueLength, secretA, 0));
            Assert.Equal(DhResult.Ok, b.ComputeSharedSecret(PublicOf(a), 0, a.PublicValueLength, secretB, 0));
            Assert.Equal(secretA, secretB);
            Assert.NotEqual(PublicOf(a), PublicOf(b));
        }
    }

    [Theory]
    [MemberData(nameof(EveryClassAndGroup))]
    public void Peer_values_outside_1_to_p_minus_1_are_refused_without_throwing(string kind, DhGroup group)
    {
        IDiffieHellman dh = Create(kind, group, 3);
        BigInteger p = HostModpDiffieHellman.Prime(group);
        int size = ModpGroups.PrimeLength(group);
        byte[] output = new byte[size];

        Assert.Equal(DhResult.OutOfRange, dh.ComputeSharedSecret(DhTestData.Bytes(0, size), 0, size, output, 0));
        Assert.Equal(DhResult.OutOfRange, dh.ComputeSharedSecret(DhTestData.Bytes(1, size), 0, size, output, 0));
        Assert.Equal(DhResult.OutOfRange, dh.ComputeSharedSecret(DhTestData.Bytes(p - 1, size), 0, size, output, 0));
        Assert.Equal(DhResult.OutOfRange, dh.ComputeSharedSecret(DhTestData.Bytes(p, size), 0, size, output, 0));
        Assert.Equal(DhResult.OutOfRange, dh.ComputeSharedSecret(DhTestData.Bytes(p + 1, size), 0, size, output, 0));
        byte[] allOnes = Enumerable.Repeat((byte)0xFF, size).ToArray();
        Assert.Equal(DhResult.OutOfRange, dh.ComputeSharedSecret(allOnes, 0, size, output, 0));

        // The edges just inside are accepted: 2 and p-2.
        Assert.Equal(DhResult.Ok, dh.ComputeSharedSecret(DhTestData.Bytes(2, size), 0, size, output, 0));
        Assert.Equal(DhResult.Ok, dh.ComputeSharedSecret(DhTestData.Bytes(p - 2, size), 0, size, output, 0));
    }

    [Theory]
    [MemberData(nameof(EveryClassAndGroup))]
    public void Peer_values_of_the_wrong_length_are_refused_without_throwing(string kind, DhGroup group)
    {
        IDiffieHellman dh = Create(kind, group, 4);
        int size = ModpGroups.PrimeLength(group);
        byte[] good = PublicOf(Create(kind, group, 5));
        byte[] output = new byte[size];
        byte[] longer = new byte[size + 1];
        good.CopyTo(longer, 1);

        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(good, 0, size - 1, output, 0));
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(good, 1, size - 1, output, 0));
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(longer, 0, size + 1, output, 0));
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret([], 0, 0, output, 0));
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(null!, 0, size, output, 0));
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(good, 1, size, output, 0));   // runs past the end
        Assert.Equal(DhResult.BadLength, dh.ComputeSharedSecret(good, -1, size, output, 0));

        // The same value at an offset inside a larger buffer is fine.
        Assert.Equal(DhResult.Ok, dh.ComputeSharedSecret(longer, 1, size, output, 0));
    }

    [Fact]
    public void Portable_agreement_allocates_nothing_after_construction()
    {
        foreach (DhGroup group in DhTestData.ModpGroups)
        {
            var dh = new ModpDiffieHellman(group, new DeterministicRandom(9));
            int size = dh.PublicValueLength;
            byte[] peer = PublicOf(new ModpDiffieHellman(group, new DeterministicRandom(10)));
            byte[] output = new byte[size + 3];
            byte[] pub = new byte[size + 3];
            dh.ComputeSharedSecret(peer, 0, size, output, 3); // warm up (JIT)
            dh.WritePublicValue(pub, 3);
            byte[] one = DhTestData.Bytes(1, size);

            long before = GC.GetAllocatedBytesForCurrentThread();
            DhResult result = dh.ComputeSharedSecret(peer, 0, size, output, 3);
            dh.WritePublicValue(pub, 3);
            DhResult refused = dh.ComputeSharedSecret(one, 0, size, output, 3);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(DhResult.Ok, result);
            Assert.Equal(DhResult.OutOfRange, refused);
            Assert.Equal(0, allocated);
        }
    }

    [Fact]
    public void Wipe_zeroes_and_disables_the_key_pair()
    {
        var dh = new ModpDiffieHellman(DhGroup.Modp2048, new DeterministicRandom(1));
        dh.Wipe();

        Assert.Throws<InvalidOperationException>(() => dh.WritePublicValue(new byte[256], 0));
        Assert.Throws<InvalidOperationException>(() => dh.ComputeSharedSecret(new byte[256], 0, 256, new byte[256], 0));
    }

    [Fact]
    public void Supports_exactly_the_MODP_groups()
    {
        foreach (DhGroup g in Enum.GetValues<DhGroup>())
        {
            bool expected = DhTestData.ModpGroups.Contains(g);
            Assert.Equal(expected, ModpDiffieHellman.Supports(g));
            Assert.Equal(expected, HostModpDiffieHellman.Supports(g));
        }

        Assert.Throws<ArgumentException>(() => new ModpDiffieHellman(DhGroup.Ecp256, new DeterministicRandom(1)));
    }

    [Fact]
    public void Group_and_lengths_are_reported()
    {
        var dh = new ModpDiffieHellman(DhGroup.Modp3072, new DeterministicRandom(2));

        Assert.Equal(DhGroup.Modp3072, dh.Group);
        Assert.Equal(384, dh.PublicValueLength);
        Assert.Equal(384, dh.SharedSecretLength);
    }

    private static IDiffieHellman Create(string kind, DhGroup group, uint seed) => kind switch
    {
        "portable" => new ModpDiffieHellman(group, new DeterministicRandom(seed)),
        "host" => new HostModpDiffieHellman(group, new DeterministicRandom(seed)),
        "native" => NativeDiffieHellman.Create(group, new DeterministicRandom(seed)),
        _ => throw new ArgumentException(kind),
    };

    private static byte[] PublicOf(IDiffieHellman dh)
    {
        byte[] value = new byte[dh.PublicValueLength];
        dh.WritePublicValue(value, 0);
        return value;
    }
}
