using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Ike;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Issue 16, the operator's settings on two sim gateways keyed by IKE (the branch gwA behind a
/// NAPT initiates, the head office gwB answers), as console sessions: the NAT keepalive interval,
/// the console password.
/// </summary>
public sealed class OperatorToolsTests
{
    private readonly ManualClock _clock = new();
    private readonly SimNetwork _net;
    private readonly StringWriter _warnings = new();
    private readonly SimGateway _a;
    private readonly SimGateway _b;
    private readonly IkeKeyExchange _ikeA;
    private readonly IkeKeyExchange _ikeB;

    public OperatorToolsTests()
    {
        _net = new SimNetwork(_clock, new DeterministicRandom(7));
        _net.AddNat("branch", ManualKeys.Ip("198.51.100.1"), ManualKeys.Ip("192.168.1.0"), 24, NatPortMode.Change);
        _a = new SimGateway(_net, "gwA", ManualKeys.Ip("192.168.1.2"), 1,
            SimGateway.Config("gwA", "192.168.1.2/24", "192.168.1.1", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24"), _warnings);
        _b = new SimGateway(_net, "gwB", ManualKeys.Ip("203.0.113.2"), 2,
            SimGateway.Config("gwB", "203.0.113.2/24", "203.0.113.1", "10.2.0.1/24", "198.51.100.1", "10.2.0.0/24", "10.1.0.0/24"), _warnings);
        _ikeA = new IkeKeyExchange(_a.Node);
        _a.Node.KeyExchange = _ikeA;
        _ikeB = new IkeKeyExchange(_b.Node);
        _b.Node.KeyExchange = _ikeB;
        _a.Node.Start(_clock.NowMs);
        _b.Node.Start(_clock.NowMs);
    }

    private void Pump(int ms)
    {
        for (int i = 0; i < ms; i++)
        {
            _a.Node.RunOnce(_clock.NowMs);
            _b.Node.RunOnce(_clock.NowMs);
            _net.Poll();
            _clock.Advance(1);
        }
    }

    private void BringUp()
    {
        Assert.Contains("Info: Negotiating tunnel to-peer", _a.Console("tunnel initiate to-peer"));
        Pump(3000);
        Assert.Equal(1UL, _ikeA.Statistics.Phase2Established);
        Assert.Equal(1UL, _ikeB.Statistics.Phase2Established);
    }

    [Fact]
    public void Nat_keepalive_interval_applies_to_the_tunnel_that_is_up_without_restarting_it()
    {
        BringUp();
        IkeDaemon natted = _ikeA.Daemon;

        // The default (20 s): one keepalive in 30 s of silence.
        int before = natted.KeepalivesSent;
        Pump(30000);
        Assert.Equal(1, natted.KeepalivesSent - before);

        // 5 s, applied to the SA that is up: five or six more in the next 30 s, and nothing renegotiated.
        Assert.Equal("", _a.Console("ike nat-keepalive-timer interval 5"));
        Assert.Contains("#\nike nat-keepalive-timer interval 5\n#\n", _a.Console("display current-configuration"));
        before = natted.KeepalivesSent;
        Pump(30000);
        Assert.InRange(natted.KeepalivesSent - before, 5, 6);
        Assert.Same(natted, _ikeA.Daemon);
        Assert.Equal(1UL, _ikeA.Statistics.Phase1Established);
        Assert.Equal(1UL, _ikeA.Statistics.Phase2Established);

        // Out of range is refused; undo restores the default and is not written.
        Assert.Contains("Error:", _a.Console("ike nat-keepalive-timer interval 4"));
        Assert.Equal("", _a.Console("undo ike nat-keepalive-timer interval"));
        Assert.DoesNotContain("nat-keepalive-timer", _a.Console("display current-configuration"));
        before = natted.KeepalivesSent;
        Pump(30000);
        Assert.InRange(natted.KeepalivesSent - before, 1, 2);
    }

    [Fact]
    public void PBKDF2_HMAC_SHA256_gives_RFC_7914s_answer()
    {
        // RFC 7914 §11: P "passwd", S "salt", c 1; its first 32 bytes.
        var crypto = new NanoGate.Hal.Crypto.Soft.PortableCryptoProvider();
        const string Stored = "pbkdf2-sha256:1:73616c74:55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc";
        Assert.True(ConsolePassword.Verify("passwd", Stored, crypto));
        Assert.False(ConsolePassword.Verify("passwe", Stored, crypto));
        Assert.False(ConsolePassword.IsWellFormed("pbkdf2-sha256:0:73616c74:55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"));
        Assert.False(ConsolePassword.IsWellFormed("pbkdf2-sha256:1:73616c74:55ac"));
    }

    [Fact]
    public void Console_password_is_a_salted_hash_asked_at_each_session_with_a_lockout()
    {
        CommandLine cli = _a.Node.Cli;

        // Factory default: no password, and the console says so.
        Assert.False(cli.NeedsLogin);
        Assert.Equal(CommandLine.NoPasswordNotice, cli.LoginNotice);

        // Set: only the salted hash is kept, shown and saved; the session that set it goes on.
        string set = _a.Console("console password simple s3cret pass");
        Assert.Equal("Info: Console password set (kept as a salted PBKDF2-HMAC-SHA-256 hash); 'save' keeps it for the next start.\n", set);
        string shown = _a.Console("display current-configuration");
        Assert.Matches(@"\n#\nconsole password cipher pbkdf2-sha256:4096:[0-9a-f]{32}:[0-9a-f]{64}\n", shown);
        Assert.DoesNotContain("s3cret", shown);
        Assert.DoesNotContain("s3cret", cli.SavedText());
        Assert.False(cli.NeedsLogin);
        string hash = cli.Working.ConsolePassword;

        // A new session (a console socket connection) gives the password first; its first line is it.
        cli.ReturnToSystemView();
        Assert.True(cli.NeedsLogin);
        Assert.Equal("Password:", cli.Prompt);
        Assert.Equal("Error: Wrong password.\n", _a.Console("display clock"));
        Assert.Equal("Info: Logged in.\n", _a.Console("s3cret pass"));
        Assert.Contains("Uptime:", _a.Console("display clock"));

        // Three wrong passwords lock the console for 60 s: even the right one is refused, unchecked.
        cli.ReturnToSystemView();
        Assert.Equal("Error: Wrong password.\n", _a.Console("guess1"));
        Assert.Equal("Error: Wrong password.\n", _a.Console("guess2"));
        Assert.Equal("Error: Wrong password; the console is locked for 60 s.\n", _a.Console("guess3"));
        Assert.Equal("Error: The console is locked for 60 s more after 3 wrong passwords.\n", _a.Console("s3cret pass"));
        cli.ReturnToSystemView(); // a new connection does not end it
        _clock.Advance(30000);
        Assert.Equal("Error: The console is locked for 30 s more after 3 wrong passwords.\n", _a.Console("s3cret pass"));
        _clock.Advance(30000);
        Assert.Equal("Info: Logged in.\n", _a.Console("s3cret pass"));
        Assert.Equal(4, cli.Login.TotalFailures); // "display clock" was one

        // The same password set again gets a new salt; the stored form is taken back as it is
        // (a restored configuration), a malformed one and the plain form in a file are refused.
        _a.Console("console password simple s3cret pass");
        Assert.NotEqual(hash, cli.Working.ConsolePassword);
        Assert.Equal("", _a.Console("console password cipher " + hash));
        Assert.Equal(hash, cli.Working.ConsolePassword);
        Assert.Contains("Error:", _a.Console("console password cipher pbkdf2-sha256:1:zz:00"));
        var report = new TextBuffer();
        Assert.False(new CommandLine(report).LoadStartup("console password simple s3cret\n"));
        Assert.DoesNotContain("s3cret", report.ToString());
        Assert.True(new CommandLine(new TextBuffer()).LoadStartup("console password cipher " + hash + "\n"));

        // undo: back to no password.
        Assert.Equal("", _a.Console("undo console password"));
        cli.ReturnToSystemView();
        Assert.False(cli.NeedsLogin);
        Assert.Equal(CommandLine.NoPasswordNotice, cli.LoginNotice);
    }

    private static string ReadBlob(IStorage storage, string name)
    {
        int length = storage.Length(name);
        Assert.True(length >= 0, name + " missing");
        byte[] b = new byte[length];
        Assert.Equal(length, storage.Read(name, b, 0, length));
        return System.Text.Encoding.UTF8.GetString(b);
    }

    [Fact]
    public void Backup_restore_and_reset_saved_configuration_on_the_boards_storage()
    {
        IStorage storage = _a.Board.Storage;
        Assert.Equal("", _a.Console("info-center loghost 203.0.113.9"));
        Assert.Matches(@"^Info: The current configuration was backed up to b1\.cfg \(\d+ bytes\)\.\n$", _a.Console("backup configuration b1.cfg"));
        string backup = ReadBlob(storage, "b1.cfg");
        Assert.Equal(_a.Node.Cli.SavedText(), backup);
        Assert.Contains(" pre-shared-key cipher ", backup);
        Assert.DoesNotContain("fake-test-key", backup);

        // Restore: the file runs again, whole.
        Assert.Equal("", _a.Console("undo info-center loghost"));
        Assert.DoesNotContain("info-center", _a.Console("display current-configuration"));
        Assert.Equal("Info: The configuration of b1.cfg is running now; 'save' keeps it for the next start.\n", _a.Console("restore configuration b1.cfg"));
        Assert.Contains("\ninfo-center loghost 203.0.113.9\n", _a.Console("display current-configuration"));

        // Names: no paths, not the startup file; a missing or cut file restores nothing.
        Assert.Equal("Error: A file name holds letters, digits, '-', '_' and '.' only.\n", _a.Console("backup configuration ../etc"));
        Assert.StartsWith("Error: startup.cfg is not a backup name", _a.Console("backup configuration startup.cfg"));
        Assert.Equal("Error: No file nope.cfg in the board's storage.\n", _a.Console("restore configuration nope.cfg"));
        byte[] cut = System.Text.Encoding.UTF8.GetBytes("sysname other\n");
        storage.Write("cut.cfg", cut, 0, cut.Length);
        Assert.StartsWith("Error: cut.cfg does not end with its 'return' line", _a.Console("restore configuration cut.cfg"));
        Assert.Contains("sysname gwA", _a.Console("display current-configuration"));

        // Factory reset: the next start begins empty; the running configuration stays until then.
        Assert.StartsWith("Info: The current configuration was saved", _a.Console("save"));
        Assert.Equal("Info: The saved configuration was erased: the next start begins with the factory default (no peers, "
            + "no console password). The running configuration is unchanged until then.\n", _a.Console("reset saved-configuration"));
        Assert.Contains("ike peer peer", _a.Console("display current-configuration"));
        var next = new CommandLine(new TextBuffer()) { Storage = storage };
        Assert.True(next.LoadStartupFromStorage());
        Assert.Empty(next.Working.Peers);
        Assert.Null(next.Working.ConsolePassword);
        // The backup is still there.
        Assert.Equal(backup, ReadBlob(storage, "b1.cfg"));
    }
}
