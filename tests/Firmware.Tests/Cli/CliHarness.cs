using NanoGate.Firmware.Cli;

namespace NanoGate.Firmware.Tests.Cli;

/// <summary>A console printing into a buffer, with helpers to run lines and read what was printed.</summary>
internal sealed class CliHarness
{
    public CliHarness()
    {
        Output = new TextBuffer();
        Cli = new CommandLine(Output);
    }

    public TextBuffer Output { get; }

    public CommandLine Cli { get; }

    /// <summary>Runs lines; returns what they printed (and clears the buffer).</summary>
    public string Run(params string[] lines)
    {
        Output.Clear();
        foreach (string line in lines)
        {
            Cli.Execute(line, 0);
        }

        string text = Output.ToString();
        Output.Clear();
        return text;
    }

    /// <summary>Runs one line, asserting whether it was accepted; returns its output.</summary>
    public string Expect(bool accepted, string line)
    {
        Output.Clear();
        bool ok = Cli.Execute(line, 0);
        string text = Output.ToString();
        Output.Clear();
        Assert.True(ok == accepted, $"'{line}' accepted={ok}, output:\n{text}");
        return text;
    }

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    /// <summary>The example configuration of issue 8 (secret replaced by an obviously fake test key).</summary>
    public const string Issue8Example =
        "sysname branch-gw\n" +
        "interface wan address 192.168.100.2/24 gateway 192.168.100.1\n" +
        "interface lan address 10.1.0.1/24\n" +
        "ike proposal 10\n" +
        " encryption-algorithm aes-256\n" +
        " authentication-algorithm sha2-256\n" +
        " dh group14\n" +
        "ike peer hq\n" +
        " exchange-mode main\n" +
        " pre-shared-key simple test-only-key\n" +
        " remote-address 203.0.113.2\n" +
        " remote-id fqdn hq.example.net\n" +
        " ike-proposal 10\n" +
        " nat traversal\n" +
        " dpd interval 30 retry 15\n" +
        "ipsec proposal p1\n" +
        " esp encryption-algorithm aes-128\n" +
        " esp authentication-algorithm sha2-256\n" +
        "ipsec policy to-hq\n" +
        " ike-peer hq\n" +
        " proposal p1\n" +
        " pfs dh-group14\n" +
        " local-subnet 10.1.0.0/24\n" +
        " remote-subnet 10.2.0.0/24\n";
}
