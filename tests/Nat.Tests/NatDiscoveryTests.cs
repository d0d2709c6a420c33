using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Nat.Tests;

/// <summary>NAT-D hash (RFC 3947 §3.2), checked against .NET's SHA-1/SHA-256 over the same bytes.</summary>
public class NatDiscoveryTests
{
    [Theory]
    [InlineData(HashAlgorithm.Sha1)]
    [InlineData(HashAlgorithm.Sha256)]
    public void Hash_is_over_cookies_address_and_port_in_network_order(HashAlgorithm algorithm)
    {
        byte[] cki = Hex.Parse("83d374c30b3b5082");
        byte[] ckr = Hex.Parse("5afc0da06c728029");
        var nat = new NatDiscovery(new PortableCryptoProvider().CreateHash(algorithm));
        byte[] output = new byte[nat.HashSize + 2];
        nat.Compute(cki, 0, ckr, 0, 0xC0000201, 4500, output, 1);

        byte[] input = Hex.Parse("83d374c30b3b5082 5afc0da06c728029 c0000201 1194");
        byte[] expected = algorithm == HashAlgorithm.Sha1
            ? System.Security.Cryptography.SHA1.HashData(input)
            : System.Security.Cryptography.SHA256.HashData(input);
        Assert.Equal(Hex.Format(expected, 0, expected.Length), Hex.Format(output, 1, nat.HashSize));

        // A different port gives a different hash (the NAT-D point).
        byte[] other = new byte[nat.HashSize];
        nat.Compute(cki, 0, ckr, 0, 0xC0000201, 500, other, 0);
        Assert.NotEqual(Hex.Format(other, 0, other.Length), Hex.Format(output, 1, nat.HashSize));
    }

    [Fact]
    public void Hash_does_not_depend_on_what_the_hash_object_held_before()
    {
        // The provider's hash object is the caller's: bytes appended to it and never finished
        // must not leak into HASH(CKY-I | CKY-R | IP | Port) (RFC 3947 §3.2).
        byte[] cki = Hex.Parse("0102030405060708");
        byte[] ckr = Hex.Parse("1112131415161718");
        IHash hash = new PortableCryptoProvider().CreateHash(HashAlgorithm.Sha1);
        hash.Append(Hex.Parse("deadbeef"), 0, 4);
        var nat = new NatDiscovery(hash);
        byte[] output = new byte[nat.HashSize];
        nat.Compute(cki, 0, ckr, 0, 0x0A000001, 500, output, 0);

        byte[] expected = System.Security.Cryptography.SHA1.HashData(Hex.Parse("0102030405060708 1112131415161718 0a000001 01f4"));
        Assert.Equal(expected, output);
    }
}
