using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Config;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Tests.Cli;

/// <summary>Every configuration command and its undo form, typed at the console, and the errors of bad lines.</summary>
public class ParseTests
{
    private static CliHarness Loaded()
    {
        var h = new CliHarness();
        Assert.True(h.Cli.LoadStartup(CliHarness.Issue8Example), h.Output.ToString());
        return h;
    }

    private static PeerConfig Peer(CliHarness h) => h.Cli.Working.FindPeer("hq");

    [Fact]
    public void System_view_commands_and_undo()
    {
        var h = new CliHarness();
        h.Expect(true, "sysname edge-1");
        Assert.Equal("edge-1", h.Cli.Working.Sysname);
        Assert.Equal("[edge-1]", h.Cli.Prompt);
        h.Expect(true, "undo sysname");
        Assert.Equal("NanoGate", h.Cli.Working.Sysname);

        h.Expect(true, "interface wan address 192.0.2.10/29 gateway 192.0.2.9");
        Assert.Equal(0xC000020Au, h.Cli.Working.WanAddress);
        Assert.Equal(29, h.Cli.Working.WanPrefixLength);
        Assert.Equal(0xC0000209u, h.Cli.Working.WanGateway);
        h.Expect(true, "interface wan dhcp");
        Assert.True(h.Cli.Working.WanDhcp);
        Assert.Equal(0u, h.Cli.Working.WanAddress);
        h.Expect(true, "undo interface wan dhcp");
        Assert.False(h.Cli.Working.WanDhcp);
        h.Expect(true, "interface wan address 192.0.2.10/29");
        h.Expect(true, "undo interface wan address");
        Assert.Equal(0u, h.Cli.Working.WanAddress);

        h.Expect(true, "interface lan address 10.9.0.1/16");
        Assert.Equal(0x0A090001u, h.Cli.Working.LanAddress);
        Assert.Equal(16, h.Cli.Working.LanPrefixLength);
        h.Expect(true, "undo interface lan address");
        Assert.Equal(0u, h.Cli.Working.LanAddress);
    }

    [Fact]
    public void Gateway_outside_the_wan_network_is_rejected()
    {
        var h = new CliHarness();
        Assert.Equal("Error: gateway 198.51.100.1 is not in 192.0.2.10/29\n", h.Expect(false, "interface wan address 192.0.2.10/29 gateway 198.51.100.1"));
        Assert.Equal(0u, h.Cli.Working.WanAddress);
    }

    [Theory]
    [InlineData("encryption-algorithm aes-128", CipherAlgorithm.AesCbc, 16)]
    [InlineData("encryption-algorithm aes-192", CipherAlgorithm.AesCbc, 24)]
    [InlineData("encryption-algorithm 3des", CipherAlgorithm.TripleDesCbc, 24)]
    [InlineData("undo encryption-algorithm", CipherAlgorithm.AesCbc, 32)]
    public void Ike_proposal_encryption(string line, CipherAlgorithm cipher, int keySize)
    {
        var h = Loaded();
        h.Expect(true, "ike proposal 10");
        Assert.Equal("[branch-gw-ike-proposal-10]", h.Cli.Prompt);
        h.Expect(true, line);
        IkeProposal p = h.Cli.Working.FindIkeProposal(10);
        Assert.Equal(cipher, p.Encryption);
        Assert.Equal(keySize, p.KeySize);
    }

    [Fact]
    public void Ike_proposal_hash_group_duration_and_undo()
    {
        var h = Loaded();
        h.Run("ike proposal 10", "authentication-algorithm sha1", "dh group19", "sa duration 3600");
        IkeProposal p = h.Cli.Working.FindIkeProposal(10);
        Assert.Equal(HashAlgorithm.Sha1, p.Hash);
        Assert.Equal(DhGroup.Ecp256, p.Group);
        Assert.Equal(3600, p.LifetimeSeconds);
        h.Run("undo authentication-algorithm", "undo dh", "undo sa duration");
        Assert.Equal(HashAlgorithm.Sha256, p.Hash);
        Assert.Equal(DhGroup.Modp2048, p.Group);
        Assert.Equal(86400, p.LifetimeSeconds);
    }

    [Fact]
    public void New_ike_proposal_is_kept_in_number_order_and_undo_removes_it()
    {
        var h = Loaded();
        h.Run("ike proposal 5", "quit", "ike proposal 20", "quit");
        Assert.Equal(new[] { 5, 10, 20 }, h.Cli.Working.IkeProposals.Cast<IkeProposal>().Select(p => p.Number));
        h.Expect(true, "undo ike proposal 5");
        Assert.Null(h.Cli.Working.FindIkeProposal(5));
    }

    [Fact]
    public void Objects_in_use_cannot_be_removed()
    {
        var h = Loaded();
        Assert.Equal("Error: ike proposal 10 is used by ike peer hq\n", h.Expect(false, "undo ike proposal 10"));
        Assert.Equal("Error: ike peer hq is used by ipsec policy to-hq\n", h.Expect(false, "undo ike peer hq"));
        Assert.Equal("Error: ipsec proposal p1 is used by ipsec policy to-hq\n", h.Expect(false, "undo ipsec proposal p1"));
        Assert.Equal("Error: ike peer nope does not exist\n", h.Expect(false, "undo ike peer nope"));
        h.Expect(true, "undo ipsec policy to-hq");
        h.Expect(true, "undo ike peer hq");
        h.Expect(true, "undo ike proposal 10");
        h.Expect(true, "undo ipsec proposal p1");
        Assert.Empty(h.Cli.Working.Peers);
        Assert.Empty(h.Cli.Working.IkeProposals);
    }

    [Fact]
    public void Ike_peer_commands_and_undo()
    {
        var h = Loaded();
        h.Expect(true, "ike peer hq");
        Assert.Equal("[branch-gw-ike-peer-hq]", h.Cli.Prompt);
        PeerConfig p = Peer(h);

        h.Expect(true, "exchange-mode aggressive");
        Assert.Equal(ExchangeMode.Aggressive, p.Mode);
        h.Expect(true, "undo exchange-mode");
        Assert.Equal(ExchangeMode.Main, p.Mode);

        h.Expect(true, "pre-shared-key simple \"two words\"");
        Assert.Equal("two words", System.Text.Encoding.UTF8.GetString(p.PreSharedKey));
        h.Expect(true, "pre-shared-key simple rest of the line");
        Assert.Equal("rest of the line", System.Text.Encoding.UTF8.GetString(p.PreSharedKey));
        h.Expect(true, "undo pre-shared-key");
        Assert.Null(p.PreSharedKey);
        Assert.NotNull(h.Cli.PendingProblem);

        h.Expect(true, "remote-address 0.0.0.0/0");
        Assert.Equal(0, p.RemotePrefixLength);
        h.Expect(true, "remote-address 198.51.100.7");
        Assert.Equal(0xC6336407u, p.RemoteAddress);
        Assert.Equal(32, p.RemotePrefixLength);
        h.Expect(true, "undo remote-address");
        Assert.Equal(0u, p.RemoteAddress);

        h.Expect(true, "local-id user-fqdn branch@example.net");
        Assert.Equal(IdentityType.UserFqdn, p.LocalId.Type);
        Assert.Equal("branch@example.net", p.LocalId.Value);
        h.Expect(true, "local-id ip 192.168.100.2");
        Assert.Equal(IdentityType.Ipv4Address, p.LocalId.Type);
        Assert.Equal("Error: an ip identity must be an IPv4 address\n", h.Expect(false, "local-id ip branch"));
        h.Expect(true, "undo local-id");
        Assert.Equal(IdentityType.None, p.LocalId.Type);
        h.Expect(true, "remote-id key-id abc123");
        Assert.Equal(IdentityType.KeyId, p.RemoteId.Type);
        h.Expect(true, "undo remote-id");
        Assert.Equal(IdentityType.None, p.RemoteId.Type);

        h.Expect(true, "undo nat traversal");
        Assert.False(p.NatTraversal);
        h.Expect(true, "nat traversal");
        Assert.True(p.NatTraversal);
        h.Expect(true, "nat force-encapsulation");
        Assert.True(p.ForceEncapsulation);
        h.Expect(true, "undo nat force-encapsulation");
        Assert.False(p.ForceEncapsulation);

        h.Expect(true, "dpd interval 60 retry 5");
        Assert.Equal(60, p.DpdIntervalSeconds);
        Assert.Equal(5, p.DpdRetrySeconds);
        h.Expect(true, "undo dpd");
        Assert.Equal(0, p.DpdIntervalSeconds);

        h.Expect(true, "sha2 compatible");
        Assert.True(p.Sha256Truncated96);
        h.Expect(true, "undo sha2 compatible");
        Assert.False(p.Sha256Truncated96);
    }

    [Fact]
    public void Peer_proposals_are_offered_in_order_and_undo_removes_one_or_all()
    {
        var h = Loaded();
        h.Run("ike proposal 20", "encryption-algorithm aes-128", "ike peer hq", "ike-proposal 20");
        GatewayConfiguration applied = h.Cli.Applied!;
        PeerConfig p = applied.FindPeer("hq");
        Assert.Equal(2, p.ProposalCount);
        Assert.Equal(10, p.GetProposal(0).Number);
        Assert.Equal(20, p.GetProposal(1).Number);
        Assert.Equal(16, p.GetProposal(1).KeySize);

        Assert.Equal("Error: ike-proposal 30 is not configured for this peer\n", h.Expect(false, "undo ike-proposal 30"));
        h.Expect(true, "undo ike-proposal 10");
        Assert.Equal(20, h.Cli.Applied!.FindPeer("hq").GetProposal(0).Number);
        h.Expect(true, "undo ike-proposal");
        PeerConfig fallback = h.Cli.Applied!.FindPeer("hq");
        Assert.Equal(1, fallback.ProposalCount);
        Assert.Equal(0, fallback.GetProposal(0).Number);
    }

    [Fact]
    public void Ipsec_proposal_commands_and_undo()
    {
        var h = Loaded();
        h.Expect(true, "ipsec proposal p1");
        Assert.Equal("[branch-gw-ipsec-proposal-p1]", h.Cli.Prompt);
        IpsecProposal p = h.Cli.Working.FindIpsecProposal("p1");
        h.Expect(true, "esp encryption-algorithm aes-gcm-256");
        Assert.Equal(CipherAlgorithm.AesGcm, p.Encryption);
        Assert.Equal(32, p.KeySize);
        h.Expect(true, "esp authentication-algorithm sha2-512");
        Assert.Equal(HashAlgorithm.Sha512, p.Integrity);
        Assert.Equal("ipsec proposal p1: aes-gcm carries its own integrity; remove esp authentication-algorithm", h.Cli.PendingProblem!.Message);
        h.Expect(true, "undo esp authentication-algorithm");
        Assert.Equal(HashAlgorithm.Sha256, p.Integrity);
        Assert.Null(h.Cli.PendingProblem);
        h.Expect(true, "undo esp encryption-algorithm");
        Assert.Equal(CipherAlgorithm.AesCbc, p.Encryption);
        Assert.Equal(16, p.KeySize);
    }

    [Fact]
    public void Ipsec_policy_commands_and_undo()
    {
        var h = Loaded();
        h.Expect(true, "ipsec policy to-hq");
        Assert.Equal("[branch-gw-ipsec-policy-to-hq]", h.Cli.Prompt);
        IpsecPolicy p = h.Cli.Working.FindPolicy("to-hq");
        h.Expect(true, "pfs dh-group21");
        Assert.Equal(DhGroup.Ecp521, p.Pfs);
        h.Expect(true, "undo pfs");
        Assert.Equal(DhGroup.None, p.Pfs);
        h.Expect(true, "sa duration time-based 7200");
        Assert.Equal(7200, p.LifetimeSeconds);
        h.Expect(true, "sa duration traffic-based 100000");
        Assert.Equal(100000, p.LifetimeKilobytes);
        h.Expect(true, "undo sa duration time-based");
        h.Expect(true, "undo sa duration traffic-based");
        Assert.Equal(3600, p.LifetimeSeconds);
        Assert.Equal(0, p.LifetimeKilobytes);
        h.Expect(true, "sa trigger-mode auto");
        Assert.True(p.AutoStart);
        h.Expect(true, "sa trigger-mode traffic-based");
        Assert.False(p.AutoStart);
        h.Expect(true, "sa trigger-mode auto");
        h.Expect(true, "undo sa trigger-mode");
        Assert.False(p.AutoStart);
        h.Expect(true, "local-subnet 10.5.0.0/16");
        Assert.Equal(0x0A050000u, p.LocalSubnet);
        h.Expect(true, "undo local-subnet");
        h.Expect(true, "undo remote-subnet");
        h.Expect(true, "undo ike-peer");
        h.Expect(true, "undo proposal");
        Assert.Null(p.PeerName);
        Assert.Null(p.ProposalName);
        Assert.Equal("Info: Configuration not applied yet: ipsec policy to-hq: no ike-peer configured.\n", h.Expect(true, "quit"));
        Assert.Equal("[branch-gw]", h.Cli.Prompt);
        Assert.Equal("hq", h.Cli.Applied!.FindPolicy("to-hq").PeerName);
    }

    [Fact]
    public void Network_with_host_bits_is_a_wrong_parameter()
    {
        var h = Loaded();
        h.Expect(true, "ipsec policy to-hq");
        Assert.Equal(CliHarness.Lines(
            "local-subnet 10.1.0.1/24",
            "             ^",
            "Error: Wrong parameter found at '^' position.",
            "Expected: A.B.C.D/M (host bits set; the network is 10.1.0.0/24)"), h.Expect(false, "local-subnet 10.1.0.1/24"));
    }

    [Fact]
    public void Misspelt_keyword_points_at_the_word_and_lists_what_was_expected()
    {
        // The example of the task: a caret under "mian", then what would have been accepted.
        var h = Loaded();
        h.Expect(true, "ike peer hq");
        Assert.Equal(CliHarness.Lines(
            " exchange-mode mian",
            "               ^",
            "Error: Unrecognized command found at '^' position.",
            "Expected: main | aggressive"), h.Expect(false, " exchange-mode mian"));
    }

    [Fact]
    public void Out_of_range_integer_is_a_wrong_parameter()
    {
        var h = Loaded();
        h.Expect(true, "ike peer hq");
        Assert.Equal(CliHarness.Lines(
            "dpd interval 5 retry 15",
            "             ^",
            "Error: Wrong parameter found at '^' position.",
            "Expected: INTEGER<10-3600> (5 is out of range 10-3600)"), h.Expect(false, "dpd interval 5 retry 15"));
        Assert.Equal(30, Peer(h).DpdIntervalSeconds);
    }

    [Fact]
    public void Incomplete_too_many_ambiguous_and_unterminated()
    {
        var h = Loaded();
        Assert.Equal(CliHarness.Lines(
            "ike peer",
            "         ^",
            "Error: Incomplete command found at '^' position.",
            "Expected: STRING<1-15>"), h.Expect(false, "ike peer"));
        Assert.Equal(CliHarness.Lines(
            "sysname a b",
            "          ^",
            "Error: Too many parameters found at '^' position."), h.Expect(false, "sysname a b"));
        Assert.Equal(CliHarness.Lines(
            "display i sa",
            "        ^",
            "Error: Ambiguous command found at '^' position.",
            "Expected: ike | ipsec"), h.Expect(false, "display i sa"));
        Assert.Equal(CliHarness.Lines(
            "sysname \"open",
            "        ^",
            "Error: Unterminated quoted string found at '^' position."), h.Expect(false, "sysname \"open"));
        Assert.Equal(CliHarness.Lines(
            "ike peer abcdefghijklmnop",
            "         ^",
            "Error: Wrong parameter found at '^' position.",
            "Expected: STRING<1-15> (length must be 1-15 characters)"), h.Expect(false, "ike peer abcdefghijklmnop"));
    }

    [Fact]
    public void Keywords_abbreviate_to_unique_prefixes_and_ignore_case()
    {
        var h = Loaded();
        h.Expect(true, "ike pe hq");
        Assert.Equal(CliView.IkePeer, h.Cli.View);
        h.Expect(true, "EXCH aggr");
        Assert.Equal(ExchangeMode.Aggressive, Peer(h).Mode);
        Assert.Equal("Info: IKE/IPsec is not running.\n", h.Expect(true, "disp ike sa"));
    }

    [Fact]
    public void A_system_command_typed_in_a_block_leaves_the_block()
    {
        var h = Loaded();
        h.Expect(true, "ike peer hq");
        h.Expect(true, "sysname other");
        Assert.Equal(CliView.System, h.Cli.View);
        Assert.Equal("[other]", h.Cli.Prompt);
        h.Expect(true, "ike proposal 10");
        h.Expect(true, "return");
        Assert.Equal(CliView.System, h.Cli.View);
        Assert.Equal("Info: Already in the system view.\n", h.Expect(true, "quit"));
    }

    [Fact]
    public void Cipher_form_restores_the_key_and_garbage_is_rejected()
    {
        var h = Loaded();
        string cipher = SecretCipher.Encode(System.Text.Encoding.UTF8.GetBytes("another-test-key"));
        h.Expect(true, "ike peer hq");
        h.Expect(true, "pre-shared-key cipher " + cipher);
        Assert.Equal("another-test-key", System.Text.Encoding.UTF8.GetString(Peer(h).PreSharedKey));
        Assert.Equal("Error: the cipher text is not a key saved by this device (use pre-shared-key simple)\n", h.Expect(false, "pre-shared-key cipher ******"));
        Assert.Equal("another-test-key", System.Text.Encoding.UTF8.GetString(Peer(h).PreSharedKey));
    }
}
