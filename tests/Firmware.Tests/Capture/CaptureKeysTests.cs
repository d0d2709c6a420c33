using System.Text;
using NanoGate.Boards.Sim;
using NanoGate.Firmware.Capture;
using NanoGate.Firmware.Tests.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike;
using static NanoGate.Firmware.Tests.Gateway.ManualKeys;

namespace NanoGate.Firmware.Tests.Capture;

/// <summary>
/// The key tables for Wireshark. Expected lines follow the files in Wireshark's own test suite
/// (test/config/esp_sa.tmpl: eight quoted fields; test/config/ikev1_decryption_table.tmpl:
/// cookie,key as unquoted hex) and the algorithm names of packet-ipsec.c's value strings.
/// Keys are obviously fake test patterns.
/// </summary>
public sealed class CaptureKeysTests
{
    private static IpsecSaInfo Info(bool inbound, uint spi, CipherAlgorithm cipher, int encLength, HashAlgorithm hash, int intLength, string local, string remote) => new()
    {
        Inbound = inbound,
        Spi = spi,
        Cipher = cipher,
        Integrity = hash,
        EncryptionKey = Enumerable.Range(0, encLength).Select(i => (byte)(0x10 + i)).ToArray(),
        IntegrityKey = intLength == 0 ? null : Enumerable.Range(0, intLength).Select(i => (byte)(0xA0 + i)).ToArray(),
        LocalAddress = Ip(local),
        RemoteAddress = Ip(remote),
    };

    private static string EspTable(CaptureKeys keys)
    {
        byte[] b = new byte[keys.EspTableBound];
        return Encoding.ASCII.GetString(b, 0, keys.WriteEspTable(b));
    }

    private static string[] DataLines(string table) => table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();

    [Fact]
    public void Esp_table_lines_for_AES_CBC_with_HMAC_SHA2_256_both_directions()
    {
        var keys = new CaptureKeys();
        keys.Enable();
        IpsecSaInfo inbound = Info(true, 0x0000C254, CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha256, 32, "192.168.1.2", "203.0.113.2");
        IpsecSaInfo outbound = Info(false, 0x070883C2, CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha256, 32, "192.168.1.2", "203.0.113.2");
        keys.RetainEsp(inbound, outbound);

        // ike wipes its arrays after the call: the retained copies must not change.
        inbound.WipeKeys();
        outbound.WipeKeys();

        string table = EspTable(keys);
        Assert.StartsWith("#", table);
        Assert.Equal(
        [
            "\"IPv4\",\"203.0.113.2\",\"192.168.1.2\",\"0x0000c254\",\"AES-CBC [RFC3602]\",\"0x101112131415161718191a1b1c1d1e1f\","
                + "\"HMAC-SHA-256-128 [RFC4868]\",\"0xa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf\"",
            "\"IPv4\",\"192.168.1.2\",\"203.0.113.2\",\"0x070883c2\",\"AES-CBC [RFC3602]\",\"0x101112131415161718191a1b1c1d1e1f\","
                + "\"HMAC-SHA-256-128 [RFC4868]\",\"0xa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf\"",
        ], DataLines(table));
    }

    [Fact]
    public void Esp_table_gives_AES_GCM_its_salt_in_the_key_and_NULL_authentication()
    {
        var keys = new CaptureKeys();
        keys.Enable();

        // RFC 4106 §8.1: KEYMAT for AES-GCM-128 is 16 key bytes followed by the 4-byte salt.
        keys.RetainEsp(Info(true, 1, CipherAlgorithm.AesGcm, 20, HashAlgorithm.Sha256, 0, "192.0.2.1", "198.51.100.7"), null!);
        Assert.Equal(
            ["\"IPv4\",\"198.51.100.7\",\"192.0.2.1\",\"0x00000001\",\"AES-GCM with 16 octet ICV [RFC4106]\",\"0x101112131415161718191a1b1c1d1e1f20212223\",\"NULL\",\"0x\""],
            DataLines(EspTable(keys)));
    }

    [Theory]
    [InlineData(CipherAlgorithm.TripleDesCbc, HashAlgorithm.Sha1, false, "TripleDES-CBC [RFC2451]", "HMAC-SHA-1-96 [RFC2404]")]
    [InlineData(CipherAlgorithm.AesCbc, HashAlgorithm.Md5, false, "AES-CBC [RFC3602]", "HMAC-MD5-96 [RFC2403]")]
    [InlineData(CipherAlgorithm.AesCbc, HashAlgorithm.Sha256, true, "AES-CBC [RFC3602]", "HMAC-SHA-256-96 [draft-ietf-ipsec-ciph-sha-256-00]")]
    [InlineData(CipherAlgorithm.AesCbc, HashAlgorithm.Sha384, false, "AES-CBC [RFC3602]", "HMAC-SHA-384-192 [RFC4868]")]
    [InlineData(CipherAlgorithm.AesCbc, HashAlgorithm.Sha512, false, "AES-CBC [RFC3602]", "HMAC-SHA-512-256 [RFC4868]")]
    public void Algorithm_names_are_Wiresharks_value_strings(CipherAlgorithm cipher, HashAlgorithm hash, bool truncated, string encryption, string authentication)
    {
        Assert.Equal(encryption, WiresharkNames.Encryption(cipher));
        Assert.Equal(authentication, WiresharkNames.Authentication(cipher, hash, truncated));
    }

    [Fact]
    public void Nothing_is_retained_while_disabled_and_disable_wipes_the_copies()
    {
        var keys = new CaptureKeys();
        keys.RetainEsp(Info(true, 5, CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha1, 20, "192.0.2.1", "192.0.2.2"), null!);
        Assert.Equal(0, keys.EspCount);

        keys.Enable();
        keys.RetainEsp(Info(true, 5, CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha1, 20, "192.0.2.1", "192.0.2.2"), null!);
        EspKeyEntry e = keys.GetEsp(0);
        byte[] enc = e.EncryptionKey;
        byte[] integ = e.IntegrityKey;
        keys.Disable();
        Assert.False(keys.Enabled);
        Assert.Equal(0, keys.EspCount);
        Assert.All(enc, b => Assert.Equal(0, b));
        Assert.All(integ, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Esp_keys_go_when_their_SAs_leave_the_data_path()
    {
        var clock = new ManualClock();
        var net = new SimNetwork(clock, new DeterministicRandom(7));
        var gw = new SimGateway(net, "gw", Ip("192.0.2.1"), 1,
            SimGateway.Config("gw", "192.0.2.1/24", "192.0.2.254", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24"), new StringWriter());
        Install(gw.Node, 0, Ip("192.0.2.1"), Ip("203.0.113.2"), 4500, "10.1.0.0/24", "10.2.0.0/24", 0x30000101, 0xB1, 0x40000202, 0xA1, 0);
        var keys = gw.Node.CaptureKeys;
        keys.Enable();
        keys.RetainEsp(Info(true, 0x30000101, CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha256, 32, "192.0.2.1", "203.0.113.2"),
            Info(false, 0x40000202, CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha256, 32, "192.0.2.1", "203.0.113.2"));
        Assert.Equal(0, keys.Prune(gw.Node.Esp));
        Assert.Equal(2, keys.EspCount);
        byte[] copy = keys.GetEsp(1).EncryptionKey;

        gw.Console("reset ipsec sa");
        Assert.Equal(2, keys.Prune(gw.Node.Esp));
        Assert.Equal(0, keys.EspCount);
        Assert.All(copy, b => Assert.Equal(0, b));
        Assert.True(keys.Enabled);
    }
}
