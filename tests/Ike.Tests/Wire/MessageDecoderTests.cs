using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>The text decoder renders what tshark shows for the same captured messages (tshark-decode.txt).</summary>
public class MessageDecoderTests
{
    [Fact]
    public void MM1_tree()
    {
        Capture c = Captures.Get("main-mode", "01-mm1");
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(c.Message, 0, c.Message.Length));
        string text = new MessageDecoder().Decode(m);
        string[] lines = text.Split('\n');
        Assert.Equal("ISAKMP Identity Protection (Main Mode), 180 bytes, message ID 0x00000000", lines[0]);
        Assert.Equal("  cookies a7e7f74a51ab4336 / 0000000000000000, version 1.0, flags none", lines[1]);
        Assert.Equal("  SA, 56 bytes: DOI 1, situation 0x00000001", lines[2]);
        Assert.Equal("    proposal #1 ISAKMP, no SPI, 1 transform(s)", lines[3]);
        Assert.Equal("      transform #1 KEY_IKE", lines[4]);
        Assert.Equal("        Encryption-Algorithm = AES-CBC (7)", lines[5]);
        Assert.Equal("        Key-Length = 128", lines[6]);
        Assert.Equal("        Hash-Algorithm = SHA2-256 (4)", lines[7]);
        Assert.Equal("        Group-Description = MODP 2048 (14)", lines[8]);
        Assert.Equal("        Authentication-Method = pre-shared key (1)", lines[9]);
        Assert.Equal("        Life-Type = seconds (1)", lines[10]);
        Assert.Equal("        Life-Duration = 15840", lines[11]);
        Assert.Contains("  VID, 20 bytes: 4a131c81070358455c5728f20e95452f (RFC 3947 NAT-T)", lines);
        Assert.Contains("  VID, 20 bytes: afcad71368a1f1c96b8696fc77570100 (RFC 3706 DPD)", lines);
    }

    [Fact]
    public void QM1_tree_before_and_after_decryption()
    {
        Capture c = Captures.Get("main-mode", "07-qm1");
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(c.Message, 0, c.Message.Length));
        var d = new MessageDecoder();
        Assert.Contains("  encrypted body, 160 bytes, first payload HASH", d.Decode(m).Split('\n'));
        Assert.True(m.TryParseDecrypted(c.Plaintext!, 0, c.Plaintext!.Length));
        string[] lines = d.Decode(m).Split('\n');
        Assert.Equal("  cookies a7e7f74a51ab4336 / dd51686f2e01662d, version 1.0, flags E", lines[1]);
        Assert.Equal("  HASH, 36 bytes: d8ed444f8f6d28a3e126810295cfaa8ced45a9861e0fe6f929df5996b115c871", lines[2]);
        Assert.Equal("    proposal #1 ESP, SPI 89b262d7, 1 transform(s)", lines[4]);
        Assert.Equal("      transform #1 ESP_AES", lines[5]);
        Assert.Contains("        Encapsulation-Mode = UDP-encapsulated tunnel (3)", lines);
        Assert.Contains("        Authentication-Algorithm = HMAC-SHA2-256 (5)", lines);
        Assert.Contains("        SA-Life-Duration = 3960", lines);
        Assert.Contains("  ID, 16 bytes: IPV4_ADDR_SUBNET 10.1.0.0/255.255.255.0", lines);
        Assert.Contains("  ID, 16 bytes: IPV4_ADDR_SUBNET 10.2.0.0/255.255.255.0", lines);
        Assert.Contains("  (decrypted; 4 bytes of padding)", lines);
    }

    [Fact]
    public void Informational_trees()
    {
        var d = new MessageDecoder();
        var m = new IsakmpMessage();
        Capture dpd = Captures.Get("aggressive-mode", "07-info-dpd-1");
        Assert.True(m.TryParse(dpd.Message, 0, dpd.Message.Length));
        Assert.True(m.TryParseDecrypted(dpd.Plaintext!, 0, dpd.Plaintext!.Length));
        Assert.Contains("  N, 32 bytes: R-U-THERE (36136), ISAKMP, SPI 88088d7f858c7cc15dae9109ccfb9c7c, data 2e45c3fb", d.Decode(m).Split('\n'));

        Capture del = Captures.Get("aggressive-mode", "09-info-delete-esp");
        Assert.True(m.TryParse(del.Message, 0, del.Message.Length));
        Assert.True(m.TryParseDecrypted(del.Plaintext!, 0, del.Plaintext!.Length));
        Assert.Contains("  D, 16 bytes: ESP, 1 SPI(s) b7dbe9c0", d.Decode(m).Split('\n'));
    }

    [Fact]
    public void Every_capture_decodes_and_errors_read_well()
    {
        var d = new MessageDecoder();
        var m = new IsakmpMessage();
        foreach (Capture c in Captures.All)
        {
            Assert.True(m.TryParse(c.Message, 0, c.Message.Length));
            if (m.NeedsDecryption)
            {
                Assert.True(m.TryParseDecrypted(c.Plaintext!, 0, c.Plaintext!.Length));
            }

            string text = d.Decode(m);
            Assert.Equal(m.PayloadCount, text.Split('\n').Count(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal) && char.IsUpper(l[2])));
        }

        byte[] bad = (byte[])Captures.Get("main-mode", "03-mm3").Message.Clone();
        bad[28] = 99;
        Assert.False(m.TryParse(bad, 0, bad.Length));
        Assert.Equal("invalid payload type: 99 after KE (notify INVALID-PAYLOAD-TYPE)", MessageDecoder.DecodeError(m.Error));
        Assert.StartsWith("ISAKMP (not parsed): invalid payload type", d.Decode(m));
    }
}
