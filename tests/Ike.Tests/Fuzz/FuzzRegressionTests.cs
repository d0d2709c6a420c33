using NanoGate.Ike.Tests.Wire;

namespace NanoGate.Ike.Tests.Fuzz;

/// <summary>
/// Replays every input that ever made the fuzzer fail (data/fuzz-regressions/*.bin), plus a few
/// hand-made edge cases, through the same two-canary harness.
/// </summary>
public class FuzzRegressionTests
{
    /// <summary>The fuzz-regressions folder of the source tree, when the tests run from a checkout.</summary>
    public static string? SourceDirectory()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "Ike.Tests", "data", "fuzz-regressions");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static IEnumerable<object[]> Files()
    {
        string dir = Path.Combine(Captures.DataDirectory, "fuzz-regressions");
        string[] files = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.bin") : [];
        return files.Length == 0 ? [["(none)"]] : files.Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Saved_failure_input_is_handled(string name)
    {
        if (name == "(none)")
        {
            return;
        }

        byte[] input = File.ReadAllBytes(Path.Combine(Captures.DataDirectory, "fuzz-regressions", name));
        var harness = new FuzzHarness();
        if (name.EndsWith(".dec.bin", StringComparison.Ordinal))
        {
            int headerLength = input[24] << 24 | input[25] << 16 | input[26] << 8 | input[27];
            Assert.True(harness.Run(input[headerLength..], 3, 41, input[..headerLength]), harness.FirstFailure);
        }
        else
        {
            Assert.True(harness.Run(input, 3, 41, null), harness.FirstFailure);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(27)]
    [InlineData(28)]
    [InlineData(29)]
    [InlineData(31)]
    [InlineData(32)]
    public void Every_prefix_of_a_real_message_is_handled(int length)
    {
        foreach (Capture c in Captures.All)
        {
            byte[] input = c.Message[..Math.Min(length, c.Message.Length)];
            var harness = new FuzzHarness();
            Assert.True(harness.Run(input, 0, 17, null), harness.FirstFailure);
        }
    }
}
