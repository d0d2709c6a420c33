using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Config;
using NanoGate.Hal;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Tests.Cli;

/// <summary>display current-configuration fed back in yields the same state; secrets are masked there and restorable in the saved form.</summary>
public class RoundTripTests
{
    /// <summary>A configuration touching every command, non-default values everywhere.</summary>
    private const string Everything =
        "sysname \"edge gw\"\n" +
        "interface wan dhcp\n" +
        "interface lan address 10.1.0.1/24\n" +
        "ike proposal 20\n encryption-algorithm 3des\n authentication-algorithm sha1\n dh group2\n sa duration 28800\n" +
        "ike proposal 10\n encryption-algorithm aes-128\n authentication-algorithm sha2-512\n dh group19\n" +
        "ike peer hq\n exchange-mode aggressive\n pre-shared-key simple \"fake key with blanks\"\n remote-address 0.0.0.0/0\n" +
        " local-id user-fqdn branch@example.net\n remote-id fqdn hq.example.net\n ike-proposal 20\n ike-proposal 10\n" +
        " undo nat traversal\n nat force-encapsulation\n undo dpd\n sha2 compatible\n" +
        "ike peer dr\n pre-shared-key simple fake-dr-key\n remote-address 198.51.100.9\n" +
        "ipsec proposal gcm\n esp encryption-algorithm aes-gcm-128\n" +
        "ipsec proposal cbc\n esp encryption-algorithm aes-256\n esp authentication-algorithm sha1\n" +
        "ipsec policy to-hq\n ike-peer hq\n proposal gcm\n pfs dh-group20\n local-subnet 10.1.0.0/24\n remote-subnet 0.0.0.0/0\n" +
        " sa duration time-based 1800\n sa duration traffic-based 50000\n" +
        "ipsec policy to-dr\n ike-peer dr\n proposal cbc\n local-subnet 10.1.0.0/24\n remote-subnet 10.3.0.0/16\n sa trigger-mode auto\n";

    [Theory]
    [InlineData(CliHarness.Issue8Example)]
    [InlineData(Everything)]
    public void Saved_text_parses_back_to_an_equal_configuration(string source)
    {
        var a = new CliHarness();
        Assert.True(a.Cli.LoadStartup(source), a.Output.ToString());
        string saved = a.Cli.SavedText();

        var b = new CliHarness();
        Assert.True(b.Cli.LoadStartup(saved), b.Output.ToString());
        Assert.Equal(saved, b.Cli.SavedText());
        AssertEqual(a.Cli.Applied!, b.Cli.Applied!);
    }

    [Fact]
    public void Display_masks_the_key_and_is_the_canonical_text()
    {
        var h = new CliHarness();
        Assert.True(h.Cli.LoadStartup(CliHarness.Issue8Example));
        // Canonical form of the issue 8 example: every setting written, defaults included.
        Assert.Equal(CliHarness.Lines(
            "#",
            "sysname branch-gw",
            "#",
            "interface wan address 192.168.100.2/24 gateway 192.168.100.1",
            "interface lan address 10.1.0.1/24",
            "#",
            "ike proposal 10",
            " encryption-algorithm aes-256",
            " authentication-algorithm sha2-256",
            " dh group14",
            " sa duration 86400",
            "#",
            "ike peer hq",
            " exchange-mode main",
            " pre-shared-key cipher ******",
            " remote-address 203.0.113.2",
            " remote-id fqdn hq.example.net",
            " ike-proposal 10",
            " nat traversal",
            " dpd interval 30 retry 15",
            "#",
            "ipsec proposal p1",
            " esp encryption-algorithm aes-128",
            " esp authentication-algorithm sha2-256",
            "#",
            "ipsec policy to-hq",
            " ike-peer hq",
            " proposal p1",
            " pfs dh-group14",
            " local-subnet 10.1.0.0/24",
            " remote-subnet 10.2.0.0/24",
            " sa duration time-based 3600",
            "#"), h.Expect(true, "display current-configuration"));
        Assert.DoesNotContain("test-only-key", h.Cli.SavedText());
    }

    [Fact]
    public void Displayed_text_with_masked_key_is_rejected_rather_than_applied_without_key()
    {
        var h = new CliHarness();
        Assert.True(h.Cli.LoadStartup(CliHarness.Issue8Example));
        string shown = h.Expect(true, "display current-configuration");
        var b = new CliHarness();
        Assert.False(b.Cli.LoadStartup(shown));
        Assert.StartsWith("line 15: Error: the cipher text is not a key saved by this device", b.Output.ToString());
    }

    [Fact]
    public void Pasting_the_display_into_the_console_rebuilds_the_state_except_the_masked_key()
    {
        var a = new CliHarness();
        Assert.True(a.Cli.LoadStartup(Everything));
        string saved = a.Cli.SavedText();
        var b = new CliHarness();
        foreach (string line in saved.Split('\n'))
        {
            b.Expect(true, line);
        }

        Assert.Null(b.Cli.PendingProblem);
        AssertEqual(a.Cli.Applied!, b.Cli.Applied!);
    }

    [Fact]
    public void Secret_cipher_round_trips_and_hides_the_text()
    {
        byte[] key = System.Text.Encoding.UTF8.GetBytes("fake-test-key-0123456789-abcdefghijklmnop");
        string cipher = SecretCipher.Encode(key);
        Assert.DoesNotContain("fake", cipher);
        Assert.Equal(key, SecretCipher.Decode(cipher));
        Assert.Null(SecretCipher.Decode("not base64!"));
        Assert.Null(SecretCipher.Decode(Convert.ToBase64String(new byte[] { 9, 1, 2 })));
    }

    internal static void AssertEqual(GatewayConfiguration a, GatewayConfiguration b)
    {
        Assert.Equal(a.Sysname, b.Sysname);
        Assert.Equal(a.WanDhcp, b.WanDhcp);
        Assert.Equal(a.WanAddress, b.WanAddress);
        Assert.Equal(a.WanPrefixLength, b.WanPrefixLength);
        Assert.Equal(a.WanGateway, b.WanGateway);
        Assert.Equal(a.LanAddress, b.LanAddress);
        Assert.Equal(a.LanPrefixLength, b.LanPrefixLength);
        Assert.Equal(a.IkeProposals.Count, b.IkeProposals.Count);
        for (int i = 0; i < a.IkeProposals.Count; i++)
        {
            var x = (IkeProposal)a.IkeProposals[i]!;
            var y = (IkeProposal)b.IkeProposals[i]!;
            Assert.Equal((x.Number, x.Encryption, x.KeySize, x.Hash, x.Group, x.LifetimeSeconds, x.LifetimeKilobytes),
                         (y.Number, y.Encryption, y.KeySize, y.Hash, y.Group, y.LifetimeSeconds, y.LifetimeKilobytes));
        }

        Assert.Equal(a.Peers.Count, b.Peers.Count);
        for (int i = 0; i < a.Peers.Count; i++)
        {
            var x = (PeerConfig)a.Peers[i]!;
            var y = (PeerConfig)b.Peers[i]!;
            Assert.Equal((x.Name, x.Mode, x.RemoteAddress, x.RemotePrefixLength, x.NatTraversal, x.ForceEncapsulation, x.DpdIntervalSeconds, x.DpdRetrySeconds, x.Sha256Truncated96),
                         (y.Name, y.Mode, y.RemoteAddress, y.RemotePrefixLength, y.NatTraversal, y.ForceEncapsulation, y.DpdIntervalSeconds, y.DpdRetrySeconds, y.Sha256Truncated96));
            Assert.Equal(x.PreSharedKey, y.PreSharedKey);
            Assert.Equal(x.LocalId.ToString(), y.LocalId.ToString());
            Assert.Equal(x.RemoteId.ToString(), y.RemoteId.ToString());
            Assert.Equal(x.ProposalCount, y.ProposalCount);
            for (int k = 0; k < x.ProposalCount; k++)
            {
                Assert.Equal(x.GetProposal(k).Number, y.GetProposal(k).Number);
            }
        }

        Assert.Equal(a.IpsecProposals.Count, b.IpsecProposals.Count);
        for (int i = 0; i < a.IpsecProposals.Count; i++)
        {
            var x = (IpsecProposal)a.IpsecProposals[i]!;
            var y = (IpsecProposal)b.IpsecProposals[i]!;
            Assert.Equal((x.Name, x.Encryption, x.KeySize, x.Integrity), (y.Name, y.Encryption, y.KeySize, y.Integrity));
        }

        Assert.Equal(a.Policies.Count, b.Policies.Count);
        for (int i = 0; i < a.Policies.Count; i++)
        {
            var x = (IpsecPolicy)a.Policies[i]!;
            var y = (IpsecPolicy)b.Policies[i]!;
            Assert.Equal((x.Name, x.PeerName, x.ProposalName, x.Pfs, x.LocalSubnet, x.LocalPrefixLength, x.RemoteSubnet, x.RemotePrefixLength, x.LifetimeSeconds, x.LifetimeKilobytes, x.AutoStart),
                         (y.Name, y.PeerName, y.ProposalName, y.Pfs, y.LocalSubnet, y.LocalPrefixLength, y.RemoteSubnet, y.RemotePrefixLength, y.LifetimeSeconds, y.LifetimeKilobytes, y.AutoStart));
        }
    }
}
