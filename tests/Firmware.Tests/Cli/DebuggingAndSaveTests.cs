using NanoGate.Firmware.Cli;
using NanoGate.Hal;

namespace NanoGate.Firmware.Tests.Cli;

/// <summary>Error records and the debugging switches; save and the saved configuration.</summary>
public class DebuggingAndSaveTests
{
    private sealed class MemoryStorage : IStorage
    {
        public Dictionary<string, byte[]> Blobs { get; } = [];
        public int Length(string name) => Blobs.TryGetValue(name, out byte[]? b) ? b.Length : -1;

        public int Read(string name, byte[] buffer, int offset, int count)
        {
            if (!Blobs.TryGetValue(name, out byte[]? b))
            {
                return -1;
            }

            int n = Math.Min(count, b.Length);
            Array.Copy(b, 0, buffer, offset, n);
            return n;
        }

        public bool Write(string name, byte[] buffer, int offset, int count)
        {
            Blobs[name] = buffer[offset..(offset + count)];
            return true;
        }
    }

    [Fact]
    public void Error_record_reads_as_the_architecture_says()
    {
        // ARCHITECTURE.md, "Errors people can act on": the record names the peer and the reason.
        Assert.Equal("Ikev1 error-info record(peer address: 203.0.113.2, error reason: phase1 proposal mismatch)",
            ErrorRecord.Format(0xCB007102, IkeErrorReason.Phase1ProposalMismatch));
        Assert.Equal("Ikev1 error-info record(peer address: 198.51.100.9, error reason: authentication failed / pre-shared key mismatch)",
            ErrorRecord.Format(0xC6336409, IkeErrorReason.AuthenticationFailed));
    }

    [Fact]
    public void Debugging_switches_decide_what_is_printed()
    {
        var h = new CliHarness();
        DebugLog log = h.Cli.Debug;
        log.ReportError(1_500, 0xCB007102, IkeErrorReason.FlowMismatch);
        Assert.Equal("", h.Output.ToString());

        Assert.Equal("", h.Expect(true, "debugging ikev1 error"));
        log.ReportError(12_345, 0xCB007102, IkeErrorReason.FlowMismatch);
        log.ReportEvent(12_346, "phase1 established");
        Assert.Equal("[    12.345] Ikev1 error-info record(peer address: 203.0.113.2, error reason: flow mismatch)\n", h.Output.ToString());
        h.Output.Clear();

        h.Expect(true, "debugging ikev1 event");
        Assert.Equal("IKEv1 debugging switches on: error event\n", h.Expect(true, "display debugging"));
        log.ReportEvent(0, "phase1 established");
        log.ReportPacket(0, "not shown");
        Assert.Equal("[     0.000] Ikev1 event: phase1 established\n", h.Output.ToString());
        h.Output.Clear();

        h.Expect(true, "undo debugging ikev1 error");
        Assert.Equal("IKEv1 debugging switches on: event\n", h.Expect(true, "display debugging"));
        h.Expect(true, "debugging ikev1 all");
        Assert.Equal("IKEv1 debugging switches on: error event packet\n", h.Expect(true, "display debugging"));
        h.Expect(true, "undo debugging");
        Assert.Equal("Info: No debugging switch is on.\n", h.Expect(true, "display debugging"));
        Assert.False(log.IsOn(DebugLog.Error));
    }

    [Fact]
    public void Save_writes_the_restorable_text_and_a_new_console_starts_from_it()
    {
        var storage = new MemoryStorage();
        var h = new CliHarness();
        h.Cli.Storage = storage;
        Assert.True(h.Cli.LoadStartup(CliHarness.Issue8Example));
        string info = h.Expect(true, "save");
        Assert.Equal("Info: The current configuration was saved to startup.cfg (" + storage.Blobs["startup.cfg"].Length + " bytes).\n", info);
        Assert.Equal(h.Cli.SavedText(), System.Text.Encoding.UTF8.GetString(storage.Blobs["startup.cfg"]));
        Assert.Equal(h.Cli.SavedText(), h.Expect(true, "display saved-configuration"));

        var next = new CliHarness();
        next.Cli.Storage = storage;
        Assert.True(next.Cli.LoadStartupFromStorage(), next.Output.ToString());
        RoundTripTests.AssertEqual(h.Cli.Applied!, next.Cli.Applied!);
    }

    /// <summary>
    /// Issue 13 (configuration durability): a stored startup file cut at a line boundary used to
    /// load as a valid, smaller configuration (a peer or a policy silently gone). <c>save</c> ends
    /// the file with <c>return</c>, and a stored file without it is refused by name. A hand-written
    /// configuration given to <c>LoadStartup</c> (<c>nanogate run --config</c>) needs no marker.
    /// </summary>
    [Fact]
    public void A_stored_startup_file_cut_short_is_refused()
    {
        var storage = new MemoryStorage();
        var h = new CliHarness();
        h.Cli.Storage = storage;
        Assert.True(h.Cli.LoadStartup(CliHarness.Issue8Example));
        h.Expect(true, "save");
        string saved = System.Text.Encoding.UTF8.GetString(storage.Blobs["startup.cfg"]);
        Assert.EndsWith("\nreturn\n", saved);

        // Cut at every line boundary before the marker: each one refused, nothing applied.
        string[] lines = saved.TrimEnd('\n').Split('\n');
        for (int keep = 1; keep < lines.Length; keep++)
        {
            storage.Blobs["startup.cfg"] = System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines[..keep]) + "\n");
            var next = new CliHarness();
            next.Cli.Storage = storage;
            Assert.False(next.Cli.LoadStartupFromStorage(), "loaded with " + keep + " of " + lines.Length + " lines");
            Assert.Contains("Error: startup.cfg does not end with its 'return' line", next.Output.ToString());
            Assert.Null(next.Cli.Applied);
        }

        Assert.True(new CliHarness().Cli.LoadStartup(CliHarness.Issue8Example.TrimEnd() + "\nreturn\nthis line is after the end\n"));
        Assert.True(new CliHarness().Cli.LoadStartup(CliHarness.Issue8Example));
    }

    [Fact]
    public void Save_refuses_an_incomplete_configuration()
    {
        var storage = new MemoryStorage();
        var h = new CliHarness();
        h.Cli.Storage = storage;
        h.Run("ike peer hq");
        Assert.Equal("Error: The configuration is incomplete and was not saved: ike peer hq: no pre-shared-key configured.\n", h.Expect(false, "save"));
        Assert.Empty(storage.Blobs);
        Assert.Equal("Info: No saved configuration.\n", h.Expect(true, "display saved-configuration"));
    }
}
