using System.Text;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Config;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Tests.Cli;

/// <summary>The startup configuration: the example of issue 8 builds the ike/Config objects; errors name the line; nothing half-applied.</summary>
public class StartupConfigurationTests
{
    [Fact]
    public void Issue_8_example_builds_every_object()
    {
        var h = new CliHarness();
        Assert.True(h.Cli.LoadStartup(CliHarness.Issue8Example), h.Output.ToString());
        GatewayConfiguration c = h.Cli.Applied!;
        Assert.NotNull(c);
        Assert.Equal("branch-gw", c.Sysname);
        Assert.Equal(0xC0A86402u, c.WanAddress);
        Assert.Equal(24, c.WanPrefixLength);
        Assert.Equal(0xC0A86401u, c.WanGateway);
        Assert.Equal(0x0A010001u, c.LanAddress);

        var ike = (IkeProposal)Assert.Single(c.IkeProposals)!;
        Assert.Equal(10, ike.Number);
        Assert.Equal(CipherAlgorithm.AesCbc, ike.Encryption);
        Assert.Equal(32, ike.KeySize);
        Assert.Equal(HashAlgorithm.Sha256, ike.Hash);
        Assert.Equal(DhGroup.Modp2048, ike.Group);

        var peer = (PeerConfig)Assert.Single(c.Peers)!;
        Assert.Equal("hq", peer.Name);
        Assert.Equal(ExchangeMode.Main, peer.Mode);
        Assert.Equal("test-only-key", Encoding.UTF8.GetString(peer.PreSharedKey));
        Assert.Equal(0xCB007102u, peer.RemoteAddress);
        Assert.Equal(32, peer.RemotePrefixLength);
        Assert.Equal(IdentityType.Fqdn, peer.RemoteId.Type);
        Assert.Equal("hq.example.net", peer.RemoteId.Value);
        Assert.True(peer.NatTraversal);
        Assert.Equal(30, peer.DpdIntervalSeconds);
        Assert.Equal(15, peer.DpdRetrySeconds);
        Assert.Equal(1, peer.ProposalCount);
        Assert.Equal(10, peer.GetProposal(0).Number);

        var esp = (IpsecProposal)Assert.Single(c.IpsecProposals)!;
        Assert.Equal("p1", esp.Name);
        Assert.Equal(CipherAlgorithm.AesCbc, esp.Encryption);
        Assert.Equal(16, esp.KeySize);
        Assert.Equal(HashAlgorithm.Sha256, esp.Integrity);

        var policy = (IpsecPolicy)Assert.Single(c.Policies)!;
        Assert.Equal("hq", policy.PeerName);
        Assert.Equal("p1", policy.ProposalName);
        Assert.Equal(DhGroup.Modp2048, policy.Pfs);
        Assert.Equal(0x0A010000u, policy.LocalSubnet);
        Assert.Equal(24, policy.LocalPrefixLength);
        Assert.Equal(0x0A020000u, policy.RemoteSubnet);
        Assert.Equal(24, policy.RemotePrefixLength);
    }

    [Fact]
    public void Bad_word_is_reported_with_line_number_and_caret_and_nothing_is_applied()
    {
        var h = new CliHarness();
        Assert.True(h.Cli.LoadStartup("sysname old-gw\n"));
        GatewayConfiguration before = h.Cli.Applied!;
        h.Output.Clear();

        string bad = CliHarness.Issue8Example.Replace(" exchange-mode main", " exchange-mode mian");
        Assert.False(h.Cli.LoadStartup(bad));
        Assert.Equal(CliHarness.Lines(
            "line 9: Error: Unrecognized command found at '^' position.",
            " exchange-mode mian",
            "               ^",
            "Expected: main | aggressive",
            "Info: The startup configuration was not applied; the configuration is unchanged."), h.Output.ToString());
        Assert.Same(before, h.Cli.Applied);
        Assert.Equal("old-gw", h.Cli.Working.Sysname);
        Assert.Empty(h.Cli.Working.Peers);
    }

    [Fact]
    public void Cross_reference_error_names_the_line_of_the_block()
    {
        var h = new CliHarness();
        string bad = CliHarness.Issue8Example.Replace(" ike-proposal 10", " ike-proposal 20");
        Assert.False(h.Cli.LoadStartup(bad));
        Assert.StartsWith("line 8: Error: ike peer hq: ike-proposal 20 does not exist\n", h.Output.ToString());
        Assert.Null(h.Cli.Applied);
        Assert.Equal(GatewayConfiguration.DefaultSysname, h.Cli.Working.Sysname);
    }

    [Theory]
    [InlineData(" pre-shared-key simple test-only-key\n", "", "line 8: Error: ike peer hq: no pre-shared-key configured")]
    [InlineData(" remote-address 203.0.113.2\n", "", "line 8: Error: ike peer hq: no remote-address configured (0.0.0.0/0 accepts any)")]
    [InlineData(" ike-peer hq\n", " ike-peer branch\n", "line 19: Error: ipsec policy to-hq: ike-peer branch does not exist")]
    [InlineData("\n proposal p1\n", "\n proposal p9\n", "line 19: Error: ipsec policy to-hq: proposal p9 does not exist")]
    [InlineData("\n proposal p1\n", "\n", "line 19: Error: ipsec policy to-hq: no proposal configured")]
    [InlineData(" local-subnet 10.1.0.0/24\n", "", "line 19: Error: ipsec policy to-hq: no local-subnet configured")]
    [InlineData(" remote-subnet 10.2.0.0/24\n", "", "line 19: Error: ipsec policy to-hq: no remote-subnet configured")]
    public void Validation_errors(string replace, string with, string expected)
    {
        var h = new CliHarness();
        Assert.False(h.Cli.LoadStartup(CliHarness.Issue8Example.Replace(replace, with)));
        Assert.StartsWith(expected + "\n", h.Output.ToString());
        Assert.Null(h.Cli.Applied);
    }

    /// <summary>
    /// An aggressive mode responder picks the peer (and its key) from the first message, before
    /// any identity is proven (RFC 2409 §5.4): with an address range, only a remote-id tells the
    /// peers apart. Main mode and single addresses need none.
    /// </summary>
    [Theory]
    [InlineData("aggressive", "203.0.113.0/24", false, "line 8: Error: ike peer hq: aggressive mode with an address range needs a remote-id")]
    [InlineData("aggressive", "203.0.113.0/31", false, "line 8: Error: ike peer hq: aggressive mode with an address range needs a remote-id")]
    [InlineData("aggressive", "203.0.113.0/24", true, null)]
    [InlineData("aggressive", "203.0.113.2", false, null)]
    [InlineData("main", "203.0.113.0/24", false, null)]
    public void Aggressive_mode_with_an_address_range_needs_a_remote_id(string mode, string remote, bool remoteId, string? expected)
    {
        var h = new CliHarness();
        string text = CliHarness.Issue8Example
            .Replace(" exchange-mode main\n", " exchange-mode " + mode + "\n")
            .Replace(" remote-address 203.0.113.2\n", " remote-address " + remote + "\n")
            .Replace(" remote-id fqdn hq.example.net\n", remoteId ? " remote-id fqdn hq.example.net\n" : "");
        bool loaded = h.Cli.LoadStartup(text);
        if (expected == null)
        {
            Assert.True(loaded, h.Output.ToString());
            Assert.NotNull(h.Cli.Applied);
        }
        else
        {
            Assert.False(loaded);
            Assert.StartsWith(expected + "\n", h.Output.ToString());
            Assert.Null(h.Cli.Applied);
        }
    }

    [Fact]
    public void Sa_trigger_mode_auto_needs_a_peer_with_one_address()
    {
        var h = new CliHarness();
        string text = (CliHarness.Issue8Example + " sa trigger-mode auto\n").Replace(" remote-address 203.0.113.2\n", " remote-address 203.0.113.0/24\n");
        Assert.False(h.Cli.LoadStartup(text));
        Assert.StartsWith("line 19: Error: ipsec policy to-hq: sa trigger-mode auto needs ike peer hq to have one remote-address to initiate to\n",
            h.Output.ToString());
        Assert.Null(h.Cli.Applied);
        Assert.True(h.Cli.LoadStartup(CliHarness.Issue8Example + " sa trigger-mode auto\n"), h.Output.ToString());
        Assert.True(h.Cli.Applied!.FindPolicy("to-hq")!.AutoStart);
    }

    [Fact]
    public void Indented_line_outside_a_block_is_an_error()
    {
        var h = new CliHarness();
        Assert.False(h.Cli.LoadStartup("sysname gw\n exchange-mode main\n"));
        Assert.StartsWith(CliHarness.Lines(
            "line 2: Error: indented line outside a block (no ike proposal, ike peer, ipsec proposal or ipsec policy open)",
            " exchange-mode main"), h.Output.ToString());
    }

    [Fact]
    public void A_line_at_indent_zero_leaves_the_block()
    {
        // "exchange-mode" at indent 0 is a system-view line, where it does not exist.
        var h = new CliHarness();
        Assert.False(h.Cli.LoadStartup("ike peer hq\nexchange-mode main\n"));
        Assert.StartsWith(CliHarness.Lines(
            "line 2: Error: Unrecognized command found at '^' position.",
            "exchange-mode main",
            "^"), h.Output.ToString());
    }

    [Fact]
    public void Operational_commands_are_not_allowed_in_a_file()
    {
        var h = new CliHarness();
        Assert.False(h.Cli.LoadStartup("sysname gw\ndisplay ike sa\n"));
        Assert.StartsWith("line 2: Error: not a configuration command\ndisplay ike sa\n", h.Output.ToString());
    }

    [Fact]
    public void Comments_blank_lines_and_crlf_are_accepted()
    {
        var h = new CliHarness();
        Assert.True(h.Cli.LoadStartup("#\r\nsysname gw\r\n\r\n! a comment\r\n#\r\n"), h.Output.ToString());
        Assert.Equal("gw", h.Cli.Applied!.Sysname);
    }

    [Fact]
    public void Applied_event_fires_with_a_copy()
    {
        var h = new CliHarness();
        GatewayConfiguration? seen = null;
        h.Cli.ConfigurationApplied += c => seen = c;
        Assert.True(h.Cli.LoadStartup(CliHarness.Issue8Example));
        Assert.Same(h.Cli.Applied, seen);
        Assert.NotSame(h.Cli.Working, seen);
        GatewayConfiguration first = seen!;
        h.Run("sysname changed");
        Assert.Equal("branch-gw", first.Sysname);
        Assert.Equal("changed", seen!.Sysname);
    }
}
