using NanoGate.Boards.Sim;
using NanoGate.Firmware.Capture;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Tests.Gateway;
using NanoGate.Hal;
using static NanoGate.Firmware.Tests.Gateway.ManualKeys;

namespace NanoGate.Firmware.Tests.Capture;

/// <summary>The capture commands on a sim gateway: golden output (docs/CLI.md, "Packet capture").</summary>
public sealed class CaptureCliTests
{
    private readonly ManualClock _clock = new();
    private readonly SimGateway _gw;

    public CaptureCliTests()
    {
        var net = new SimNetwork(_clock, new DeterministicRandom(7));
        _gw = new SimGateway(net, "gw", Ip("192.0.2.1"), 1,
            SimGateway.Config("gw", "192.0.2.1/24", "192.0.2.254", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24"), new StringWriter());
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    [Fact]
    public void Start_display_stop_export_print_one_status_each()
    {
        Assert.Equal(Lines(
            "Capture: never started",
            "Packets: 0, file bytes: 0 of 65536, snap length: 65535",
            "Key export: disabled"), _gw.Console("display capture"));
        Assert.Equal(Lines("Error: Nothing captured yet (capture start)."), _gw.Console("capture export"));

        _gw.Node.RunOnce(_clock.NowMs);
        Assert.Equal(Lines("Info: Capture started (buffer 65536 bytes, snap length 65535 bytes, stops when full)."), _gw.Console("capture start"));

        // One datagram sent on 4500 by the gateway's own transport (what the IKE daemon uses).
        _clock.Advance(2500);
        _gw.Node.RunOnce(_clock.NowMs);
        _gw.Node.Board.NatT.Send([0xFF], 0, 1, Ip("203.0.113.2"), 4500);
        Assert.Equal(Lines(
            "Capture: running for 2 s",
            "Packets: 1, file bytes: 69 of 65536, snap length: 65535", // 24 file header + 16 record header + 28 IPv4/UDP + 1
            "Key export: disabled"), _gw.Console("disp capt"));
        Assert.Equal(Lines("Info: Capture stopped: 1 packet(s), 69 bytes."), _gw.Console("capture stop"));
        Assert.Equal(Lines("Info: Capture is not running: 1 packet(s), 69 bytes."), _gw.Console("capture stop"));
        Assert.Equal(Lines("Info: Wrote capture.pcap: 1 packet(s), 69 bytes (times are since capture start)."), _gw.Console("capture export"));
        Assert.Equal(69, _gw.Board.Storage.Length(CaptureControl.PcapFileName));
        Assert.Equal(-1, _gw.Board.Storage.Length(CaptureControl.EspKeyFileName));
    }

    [Fact]
    public void Snap_length_is_an_option_of_start_with_a_range()
    {
        Assert.Equal(Lines("Info: Capture started (buffer 65536 bytes, snap length 128 bytes, stops when full)."), _gw.Console("capture start snaplen 128"));
        string bad = _gw.Console("capture start snaplen 10");
        Assert.Contains("Error: Wrong parameter", bad);
        Assert.Contains("10 is out of range 64-65535", bad);
    }

    [Fact]
    public void Key_export_warns_is_never_saved_and_undo_wipes()
    {
        Assert.Equal(Lines(
            "Warning: From now on the keys of new IKE and IPsec SAs are kept in memory and written by capture export (ikev1_decryption_table, esp_sa): whoever has those files can decrypt the tunnel's traffic.",
            "Info: Not saved in the configuration; undo capture keys wipes them."), _gw.Console("capture keys enable"));
        Assert.True(_gw.Node.CaptureKeys.Enabled);
        Assert.DoesNotContain("capture", _gw.Console("display current-configuration"));
        Assert.Equal(Lines(
            "Capture: never started",
            "Packets: 0, file bytes: 0 of 65536, snap length: 65535",
            "Key export: enabled (0 ISAKMP SA(s), 0 ESP SA(s) retained)"), _gw.Console("display capture"));

        _gw.Console("capture start");
        Assert.Equal(Lines(
            "Info: Wrote capture.pcap: 0 packet(s), 24 bytes (times are since capture start).",
            "Info: No keys retained (only SAs established after capture keys enable, while they live)."), _gw.Console("capture export"));

        // A key table left by an earlier export is emptied once the switch goes off.
        _gw.Board.Storage.Write(CaptureControl.EspKeyFileName, [1, 2, 3], 0, 3);
        Assert.Equal(Lines("Info: Key export is off; 0 retained key(s) wiped.", "Info: Key tables of an earlier export were emptied."),
            _gw.Console("undo capture keys"));
        Assert.Equal(0, _gw.Board.Storage.Length(CaptureControl.EspKeyFileName));
        Assert.False(_gw.Node.CaptureKeys.Enabled);
    }

    [Fact]
    public void Capture_commands_are_not_configuration_commands()
    {
        var report = new TextBuffer();
        Assert.False(_gw.Node.LoadStartup("sysname x\ncapture keys enable\n", report));
        Assert.Contains("line 2", report.ToString());
        Assert.False(_gw.Node.CaptureKeys.Enabled);
    }

    [Fact]
    public void Help_lists_the_capture_words_with_the_key_warning()
    {
        string help = _gw.Console("capture ?");
        Assert.Contains("start", help);
        Assert.Contains("keys", help);
        Assert.Contains("WARNING: exposes the tunnel keys", help);
        Assert.Contains("WARNING", _gw.Console("capture keys ?"));
    }
}
