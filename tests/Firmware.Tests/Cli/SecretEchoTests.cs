using NanoGate.Firmware.Cli;

namespace NanoGate.Firmware.Tests.Cli;

/// <summary>
/// Issue 13 finding 7: error reports repeat the offending line, and a line that sets a key used to
/// show the key there (on the console and, for a startup file, on stderr at start-up).
/// </summary>
public class SecretEchoTests
{
    // A key of 130 characters: the parser refuses it (1 to 127) with a caret under it.
    private static readonly string s_key = "fake-test-secret-" + new string('x', 113);

    [Theory]
    [InlineData("pre-shared-key simple ")]
    [InlineData("pre simple ")]
    [InlineData("pre-shared-key s ")]
    public void An_interactive_error_on_a_key_line_masks_the_key(string command)
    {
        var h = new CliHarness();
        h.Run("system-view", "ike peer hq");
        string output = h.Run(command + s_key);
        Assert.Contains("Error", output);
        Assert.DoesNotContain("fake-test-secret", output);
        Assert.Contains(command.TrimEnd() + " " + SecretMask.Mask, output);
    }

    [Fact]
    public void A_refused_cipher_key_is_not_repeated()
    {
        var h = new CliHarness();
        h.Run("system-view", "ike peer hq");
        string output = h.Run("pre-shared-key cipher fake-test-secret-1234");
        Assert.Contains("Error", output);
        Assert.DoesNotContain("fake-test-secret", output);
    }

    [Fact]
    public void A_startup_file_error_on_a_key_line_names_the_line_but_not_the_key()
    {
        var h = new CliHarness();
        string text = CliHarness.Issue8Example.Replace("pre-shared-key simple test-only-key", "pre-shared-key simple " + new string('k', 130));
        Assert.False(h.Cli.LoadStartup(text));
        string output = h.Output.ToString();
        Assert.Contains("line ", output);
        Assert.DoesNotContain(new string('k', 20), output);
        Assert.Contains("pre-shared-key simple " + SecretMask.Mask, output);
    }

    /// <summary>Issue 13 finding 5: switching a peer to aggressive mode says what it exposes.</summary>
    [Fact]
    public void Aggressive_mode_is_accepted_with_a_warning_of_offline_key_guessing()
    {
        var h = new CliHarness();
        h.Run("system-view", "ike peer hq");
        string output = h.Run("exchange-mode aggressive");
        Assert.Contains("Warning: Aggressive mode with a pre-shared key", output);
        Assert.Contains("guess the key offline", output);
        Assert.DoesNotContain("Warning", h.Run("exchange-mode main"));
    }

    // line                                   secret starts at
    [Theory]
    [InlineData("pre-shared-key simple abc", 22)]
    [InlineData(" pre-shared-key cipher abc", 23)]
    [InlineData("pre abc", 4)]
    [InlineData("undo pre-shared-key", -1)]
    [InlineData("password simple s3", 16)]
    [InlineData("remote-address 192.0.2.1", -1)]
    [InlineData("pr simple abc", -1)]
    public void The_secret_starts_after_the_keyword_and_its_mode(string line, int start)
    {
        Assert.Equal(start, SecretMask.SecretStart(line));
    }
}
