using NanoGate.Firmware.Config;
using NanoGate.Firmware.Tests.Cli;

namespace NanoGate.Firmware.Tests.Config;

/// <summary>
/// The difference between two applied configurations, per peer: what counts as a change of a peer
/// (its block, the ike and ipsec proposals it uses, its policies) and what changes no peer.
/// </summary>
public sealed class ConfigDiffTests
{
    private const string Base = """
        sysname gw
        interface wan address 203.0.113.2/24 gateway 203.0.113.1
        interface lan address 10.2.0.1/24
        ike proposal 10
        ike proposal 20
        ike peer a
         pre-shared-key simple fake-test-key
         remote-address 198.51.100.11
         ike-proposal 10
        ike peer b
         pre-shared-key simple fake-test-key
         remote-address 198.51.100.12
         ike-proposal 20
        ipsec proposal p1
        ipsec proposal p2
        ipsec policy to-a
         ike-peer a
         proposal p1
         local-subnet 10.2.0.0/24
         remote-subnet 10.11.0.0/24
        ipsec policy to-b
         ike-peer b
         proposal p2
         local-subnet 10.2.0.0/24
         remote-subnet 10.12.0.0/24
        """;

    /// <summary>The difference the typed <paramref name="lines"/> make to <see cref="Base"/>.</summary>
    private static ConfigDiff After(params string[] lines)
    {
        var cli = new CliHarness();
        Assert.True(cli.Cli.LoadStartup(Base), cli.Output.ToString());
        GatewayConfiguration before = cli.Cli.Applied;
        foreach (string line in lines)
        {
            cli.Expect(true, line);
        }

        return ConfigDiff.Between(before, cli.Cli.Applied);
    }

    private static string Describe(ConfigDiff d) =>
        (d.Everything ? "everything " : "") + "added " + string.Join(",", d.Added.Cast<string>()) + " removed "
        + string.Join(",", d.Removed.Cast<string>()) + " changed " + string.Join(",", d.Changed.Cast<string>());

    [Fact]
    public void The_first_configuration_is_everything()
    {
        var cli = new CliHarness();
        Assert.True(cli.Cli.LoadStartup(Base));
        Assert.True(ConfigDiff.Between(null, cli.Cli.Applied).Everything);
    }

    [Theory]
    [InlineData("sysname other")]
    [InlineData("ike peer a", "quit")]
    [InlineData("ike proposal 30", "dh group19", "quit")]
    [InlineData("ipsec proposal p3", "esp encryption-algorithm aes-256", "quit")]
    [InlineData("interface lan address 10.3.0.1/24")]
    [InlineData("interface wan address 203.0.113.2/24 gateway 203.0.113.254")]
    public void Changes_no_peer_uses_are_empty(params string[] lines)
    {
        ConfigDiff d = After(lines);
        Assert.True(d.IsEmpty, Describe(d));
    }

    [Theory]
    [InlineData("b", "ike peer b", "dpd interval 20 retry 5", "quit")]
    [InlineData("b", "ike peer b", "pre-shared-key simple another-key", "quit")]
    [InlineData("b", "ike proposal 20", "sa duration 43200", "quit")]
    [InlineData("a", "ipsec proposal p1", "esp encryption-algorithm aes-256", "quit")]
    [InlineData("a", "ipsec policy to-a", "pfs dh-group14", "quit")]
    public void A_change_to_what_one_peer_uses_changes_that_peer_only(string peer, params string[] lines)
    {
        ConfigDiff d = After(lines);
        Assert.False(d.Everything);
        Assert.Equal(new[] { peer }, d.Changed.Cast<string>());
        Assert.Empty(d.Added);
        Assert.Empty(d.Removed);
        Assert.True(d.Drops(peer) && d.Builds(peer));
        Assert.False(d.Drops(peer == "a" ? "b" : "a"));
    }

    [Fact]
    public void A_new_policy_for_a_peer_changes_that_peer()
    {
        ConfigDiff d = After("ipsec policy to-a2", "ike-peer a", "proposal p1", "local-subnet 10.2.0.0/24", "remote-subnet 10.21.0.0/24", "quit");
        Assert.Equal(new[] { "a" }, d.Changed.Cast<string>());
    }

    [Fact]
    public void Removed_and_added_peers_are_named()
    {
        ConfigDiff removed = After("undo ipsec policy to-b", "undo ike peer b");
        Assert.Equal(new[] { "b" }, removed.Removed.Cast<string>());
        Assert.Empty(removed.Changed);
        Assert.False(removed.Builds("b"));

        ConfigDiff added = After("ike peer c", "pre-shared-key simple fake-test-key", "remote-address 198.51.100.13", "quit");
        Assert.Equal(new[] { "c" }, added.Added.Cast<string>());
        Assert.Empty(added.Changed);
    }

    [Fact]
    public void A_new_WAN_address_is_everything()
    {
        Assert.True(After("interface wan address 203.0.113.9/24 gateway 203.0.113.1").Everything);
        Assert.True(After("interface wan dhcp").Everything);
    }
}
