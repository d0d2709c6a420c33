using System.Security.Cryptography;
using System.Text;
using NanoGate.Hal;

namespace NanoGate.Nat.Tests;

/// <summary>
/// NAT-T vendor IDs (RFC 3947 §3.1: the MD5 of the specification's name) and the NAT-D payload
/// type each version uses (RFC 3947 §3.2: 20; the drafts: 130). The table is recomputed with
/// .NET's MD5 from the names, not read from the product.
/// </summary>
public class NatTVendorIdTests
{
    [Theory]
    [InlineData("RFC 3947", NatTVersion.Rfc3947)]
    [InlineData("draft-ietf-ipsec-nat-t-ike-03", NatTVersion.Draft03)]
    [InlineData("draft-ietf-ipsec-nat-t-ike-02", NatTVersion.Draft02)]
    [InlineData("draft-ietf-ipsec-nat-t-ike-02\n", NatTVersion.Draft02)]
    public void Vendor_id_is_the_md5_of_the_name(string name, NatTVersion version)
    {
        byte[] id = MD5.HashData(Encoding.ASCII.GetBytes(name));
        // Exactly 16 bytes at an offset, nothing after it (a compare past the ID would throw).
        byte[] buffer = new byte[3 + 16];
        Array.Copy(id, 0, buffer, 3, 16);
        Assert.Equal(version, NatTVendorIds.Identify(buffer, 3, 16));

        // One bit off in the first or the last byte is no NAT-T vendor ID.
        buffer[3] ^= 0x01;
        Assert.Equal(NatTVersion.None, NatTVendorIds.Identify(buffer, 3, 16));
        buffer[3] ^= 0x01;
        buffer[18] ^= 0x80;
        Assert.Equal(NatTVersion.None, NatTVendorIds.Identify(buffer, 3, 16));
    }

    [Fact]
    public void Published_constants_are_the_md5_of_the_names()
    {
        Assert.Equal(MD5.HashData(Encoding.ASCII.GetBytes("RFC 3947")), NatTVendorIds.Rfc3947);
        Assert.Equal(MD5.HashData(Encoding.ASCII.GetBytes("draft-ietf-ipsec-nat-t-ike-03")), NatTVendorIds.Draft03);
        Assert.Equal(MD5.HashData(Encoding.ASCII.GetBytes("draft-ietf-ipsec-nat-t-ike-02")), NatTVendorIds.Draft02);
        Assert.Equal(MD5.HashData(Encoding.ASCII.GetBytes("draft-ietf-ipsec-nat-t-ike-02\n")), NatTVendorIds.Draft02N);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(0)]
    public void A_vendor_id_of_another_length_is_none(int count)
    {
        // The RFC 3947 ID followed by one more byte, or cut one short: not the ID (RFC 3947 §3.1 is 16 bytes).
        byte[] buffer = new byte[20];
        Array.Copy(NatTVendorIds.Rfc3947, buffer, 16);
        Assert.Equal(NatTVersion.None, NatTVendorIds.Identify(buffer, 0, count));
    }

    [Theory]
    [InlineData(NatTVersion.None, NatTVersion.None, NatTVersion.None)]
    [InlineData(NatTVersion.None, NatTVersion.Draft02, NatTVersion.Draft02)]
    [InlineData(NatTVersion.Draft02, NatTVersion.None, NatTVersion.Draft02)]
    [InlineData(NatTVersion.Draft02, NatTVersion.Draft03, NatTVersion.Draft03)]
    [InlineData(NatTVersion.Draft03, NatTVersion.Draft02, NatTVersion.Draft03)]
    [InlineData(NatTVersion.Rfc3947, NatTVersion.Draft03, NatTVersion.Rfc3947)]
    [InlineData(NatTVersion.Draft02, NatTVersion.Rfc3947, NatTVersion.Rfc3947)]
    [InlineData(NatTVersion.Rfc3947, NatTVersion.Rfc3947, NatTVersion.Rfc3947)]
    public void The_rfc_is_preferred_over_the_drafts_and_03_over_02(NatTVersion a, NatTVersion b, NatTVersion better)
    {
        Assert.Equal(better, NatTVendorIds.Better(a, b));
    }

    [Theory]
    [InlineData(NatTVersion.Rfc3947, 20)]    // RFC 3947 §3.2: NAT-D is payload type 20
    [InlineData(NatTVersion.Draft03, 130)]   // the drafts used the private-use type 130
    [InlineData(NatTVersion.Draft02, 130)]
    public void Nat_d_payload_type_follows_the_version(NatTVersion version, int type)
    {
        Assert.Equal(type, NatTVendorIds.NatDPayloadType(version));
    }
}
