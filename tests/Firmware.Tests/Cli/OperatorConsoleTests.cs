using System.Text;
using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Hal;

namespace NanoGate.Firmware.Tests.Cli;

/// <summary>Issue 16 on the console alone: where save writes, what a board refuses, the new commands, the command reference.</summary>
public sealed class OperatorConsoleTests
{
    private static string Example => CliHarness.Issue8Example;

    private static uint Ip(string text)
    {
        Assert.True(Ipv4.TryParse(text, out uint address));
        return address;
    }

    [Fact]
    public void Save_writes_the_startup_file_the_board_loads_and_display_saved_configuration_reads_it()
    {
        // The linux board names its --config file: saved changes are what the next start loads (finding 1).
        var storage = new MemoryStorage();
        var h = new CliHarness();
        h.Cli.Storage = storage;
        h.Cli.StartupName = "a.cfg";
        Assert.True(h.Cli.LoadStartup(Example));
        h.Expect(true, "sysname renamed");
        Assert.StartsWith("Info: The current configuration was saved to a.cfg (", h.Expect(true, "save"));
        Assert.Equal(-1, storage.Length(CommandLine.StartupFileName));
        byte[] saved = new byte[storage.Length("a.cfg")];
        storage.Read("a.cfg", saved, 0, saved.Length);
        Assert.StartsWith("#\nsysname renamed\n", Encoding.UTF8.GetString(saved));
        Assert.StartsWith("#\nsysname renamed\n", h.Expect(true, "display saved-configuration"));

        var next = new CliHarness();
        next.Cli.Storage = storage;
        next.Cli.StartupName = "a.cfg";
        Assert.True(next.Cli.LoadStartupFromStorage());
        Assert.Equal("renamed", next.Cli.Applied.Sysname);
    }

    [Fact]
    public void A_board_with_a_fixed_WAN_address_refuses_DHCP_and_another_address()
    {
        var h = new CliHarness();
        Assert.True(h.Cli.LoadStartup(Example));
        h.Cli.FixedWanAddress = Ip("192.168.100.2");
        string dhcp = h.Expect(false, "interface wan dhcp");
        Assert.Contains("Error: this board's UDP 500/4500 sockets are bound to 192.168.100.2 and cannot move (no DHCP either)", dhcp);
        h.Expect(false, "interface wan address 192.168.100.3/24");
        h.Expect(false, "undo interface wan address");
        Assert.True(h.Cli.Applied.WanAddress == Ip("192.168.100.2") && !h.Cli.Applied.WanDhcp);

        // The same address with another gateway moves nothing.
        Assert.Equal("", h.Expect(true, "interface wan address 192.168.100.2/24 gateway 192.168.100.254"));
    }

    [Fact]
    public void The_new_operational_commands_reach_the_runtime()
    {
        var h = new CliHarness();
        var rt = new FakeRuntime();
        h.Cli.Runtime = rt;
        Assert.Equal("Info: IKE statistics cleared.\n", h.Expect(true, "reset ike statistics"));
        Assert.Equal("Info: tunnel 1 to-hq\n", h.Expect(true, "tunnel initiate to-hq"));
        Assert.Equal("Info: tunnel 2 to-hq\n", h.Expect(true, "tunnel term to-hq"));
        Assert.Equal("Info: tunnel 3 to-hq\n", h.Expect(true, "tunnel rekey to-hq"));
        Assert.Equal("Error: No ipsec policy missing.\n", h.Expect(false, "tunnel initiate missing"));
        Assert.Equal("  Offline records: 0\n", h.Expect(true, "display ike offline-info"));
        Assert.Equal("NanoGate firmware " + FirmwareVersion.Version + "\n", h.Expect(true, "display version"));
        Assert.Equal(["reset ike statistics", "tunnel 1 to-hq", "tunnel 2 to-hq", "tunnel 3 to-hq", "tunnel 1 missing"], rt.Calls);

        // Without a runtime the console still says which firmware it is.
        Assert.Equal("NanoGate firmware " + FirmwareVersion.Version + " (" + FirmwareVersion.Build + ")\n", new CliHarness().Expect(true, "display version"));
    }

    /// <summary>Every command of every view's tree, by its leading keywords, is in docs/CLI.md (finding 11).</summary>
    [Fact]
    public void Every_command_of_the_command_tree_is_documented_in_CLI_md()
    {
        string doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "CLI.md"));
        var missing = new SortedSet<string>();
        foreach (CliView view in Enum.GetValues<CliView>())
        {
            Walk(CommandSet.For(view).Root, "", true, doc, missing);
        }

        Assert.True(missing.Count == 0, "not in docs/CLI.md: " + string.Join(", ", missing));
    }

    private static void Walk(CommandNode node, string words, bool plain, string doc, SortedSet<string> missing)
    {
        for (int i = 0; i < node.ChildCount; i++)
        {
            CommandNode child = node.GetChild(i);
            bool keyword = plain && child.Kind == NodeKind.Keyword && child.Slot is null;
            string next = keyword ? (words.Length == 0 ? child.Keyword : words + " " + child.Keyword) : words;
            if (child.Command != 0 && !doc.Contains("`" + next, StringComparison.Ordinal))
            {
                missing.Add(next);
            }

            // A choice (encryption-algorithm {aes-128|...}): each keyword it offers is named too.
            if (child.Kind == NodeKind.Keyword && child.Slot is not null && !doc.Contains(child.Keyword, StringComparison.Ordinal))
            {
                missing.Add(next + " " + child.Keyword);
            }

            Walk(child, next, keyword, doc, missing);
        }
    }

    private static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "NanoGate.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("NanoGate.sln not found above " + AppContext.BaseDirectory);
    }
}
