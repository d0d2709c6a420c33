namespace NanoGate.Firmware.Tests.Cli;

/// <summary>"?" help at any point of a command: the next words with their one-line descriptions.</summary>
public class HelpTests
{
    [Fact]
    public void Question_mark_after_a_blank_lists_the_next_words()
    {
        var h = new CliHarness();
        Assert.Equal(CliHarness.Lines(
            "  sa            Security associations",
            "  peer          IKE peer",
            "  proposal      Proposal",
            "  statistics    Counters",
            "  error-info    Records of failed negotiations",
            "  offline-info  Records of IKE SAs that went down: when, after how long, why"), h.Expect(true, "display ike ?"));
    }

    [Fact]
    public void Cr_is_listed_where_the_command_may_end()
    {
        var h = new CliHarness();
        Assert.Equal(CliHarness.Lines(
            "  verbose     Detailed information",
            "  <cr>"), h.Expect(true, "display ike sa ?"));
    }

    [Fact]
    public void Question_mark_inside_a_word_lists_the_keywords_it_may_become()
    {
        var h = new CliHarness();
        Assert.Equal(CliHarness.Lines(
            "  sa          Security associations",
            "  statistics  Counters"), h.Expect(true, "disp ike s?"));
    }

    [Fact]
    public void Arguments_show_their_form_and_range()
    {
        var h = new CliHarness();
        h.Run("ike peer hq");
        Assert.Equal(CliHarness.Lines("  INTEGER<10-3600>  Seconds"), h.Expect(true, "dpd interval ?"));
        Assert.Equal(CliHarness.Lines(
            "  main        Main mode (identity protection)",
            "  aggressive  Aggressive mode (identities in the clear; with a PSK, anyone can get a hash to guess the key offline)"), h.Expect(true, "exchange-mode ?"));
    }

    [Fact]
    public void Question_mark_alone_lists_the_commands_of_the_view()
    {
        var h = new CliHarness();
        h.Run("ipsec proposal p1");
        Assert.Equal(CliHarness.Lines(
            "  esp         ESP transform",
            "  undo        Negate a command or restore its default",
            "  display     Display information",
            "  debugging   Debugging switches",
            "  reset       Clear state",
            "  save        Save the current configuration for the next start",
            "  backup      Copy to a file in the board's storage",
            "  restore     Apply a configuration from a file in the board's storage",
            "  capture     Packet capture",
            "  tunnel      Control one tunnel (ipsec policy) by hand",
            "  ping        Send ICMP echo requests from the box (-a SOURCE-IP: from a LAN address, through the tunnel)",
            "  quit        Leave the current view",
            "  return      Return to the system view"), h.Expect(true, "?"));
    }

    [Fact]
    public void Help_after_a_bad_word_points_at_it()
    {
        var h = new CliHarness();
        Assert.Equal(CliHarness.Lines(
            "display foo ",
            "        ^",
            "Error: Unrecognized command found at '^' position.",
            "Expected: current-configuration | saved-configuration | ike | ipsec | led | debugging | capture | version | clock"), h.Expect(false, "display foo ?"));
    }
}
