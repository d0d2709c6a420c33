using System.Diagnostics;
using NanoGate.Ike.Tests.Wire;
using Xunit.Abstractions;

namespace NanoGate.Ike.Tests.Fuzz;

/// <summary>
/// Deterministic mutation fuzzing of the ISAKMP parser, seeded with the strongSwan captures.
/// At least 1,000,000 inputs per run (NANOGATE_FUZZ_INPUTS raises it) in 8 partitions with a
/// fixed seed each (the same inputs on every machine), spread over the cores. Zero unhandled exceptions, zero out-of-range reads, zero outcomes
/// that depend on bytes outside the input. Every failing input is written to
/// data/fuzz-regressions (source tree when found) and then replayed by <see cref="FuzzRegressionTests"/>.
/// </summary>
public class MutationFuzzTests(ITestOutputHelper output)
{
    public const int DefaultInputs = 1_000_000;
    public const int BaseSeed = 0x1CE5EED;

    [Fact]
    public void A_million_mutated_messages_never_throw_or_read_outside_the_input()
    {
        int total = int.TryParse(Environment.GetEnvironmentVariable("NANOGATE_FUZZ_INPUTS"), out int n) && n > 0 ? n : DefaultInputs;
        // Fixed partitions, each with its own seed: the same inputs on any machine, spread over its cores.
        const int workers = 8;
        byte[][] seeds = FuzzSeeds.All;
        Capture[] encrypted = Captures.All.Where(c => c.Plaintext is not null).ToArray();
        var harnesses = new FuzzHarness[workers];
        var failures = new List<byte[]>[workers];
        var sw = Stopwatch.StartNew();
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, w =>
        {
            var mutator = new Mutator(BaseSeed + w);
            var placement = new Random(~(BaseSeed + w));
            var harness = harnesses[w] = new FuzzHarness();
            failures[w] = [];
            int share = total / workers + (w < total % workers ? 1 : 0);
            for (int i = 0; i < share; i++)
            {
                byte[]? header = null;
                byte[] input;
                if ((i & 7) == 7)
                {
                    // Decrypted-body path: a real encrypted header, a mutated real plaintext (with padding).
                    Capture c = encrypted[placement.Next(encrypted.Length)];
                    header = c.Message;
                    input = mutator.Next([c.Plaintext!]);
                }
                else
                {
                    input = mutator.Next(seeds);
                }

                if (!harness.Run(input, placement.Next(FuzzHarness.Slack), placement.Next(FuzzHarness.Slack), header))
                {
                    failures[w].Add(header is null ? input : [.. header, .. input]);
                }
            }
        });
        sw.Stop();

        long inputs = harnesses.Sum(h => h.Inputs);
        long accepted = harnesses.Sum(h => h.Accepted);
        long outOfRange = harnesses.Sum(h => h.OutOfRange);
        long unhandled = harnesses.Sum(h => h.Unhandled);
        long mismatch = harnesses.Sum(h => h.CanaryMismatch);
        output.WriteLine($"fuzz: {inputs:N0} inputs ({seeds.Length} seeds), {workers} partitions on {Environment.ProcessorCount} cores, {sw.Elapsed.TotalSeconds:F1} s, "
            + $"{inputs / sw.Elapsed.TotalSeconds:N0} inputs/s (each parsed twice); accepted {accepted / 2:N0}; "
            + $"out-of-range {outOfRange}, unhandled {unhandled}, canary mismatch {mismatch}");
        int[] codes = Enumerable.Range(0, 64).Where(c => harnesses.Any(h => h.CodesSeen[c])).ToArray();
        output.WriteLine($"fuzz: error codes reached ({codes.Length}): {string.Join(" ", codes)}");
        List<string> saved = SaveFailures(failures.SelectMany(f => f).Take(100));
        string first = harnesses.Select(h => h.FirstFailure).FirstOrDefault(f => f is not null) ?? "";
        Assert.True(inputs >= total, "ran fewer inputs than asked");

        // The mutations must reach deep checks, not stop at the header: proposal/transform/attribute,
        // ID, nonce and delete checks, and the message rules.
        Assert.Contains(NanoGate.Ike.Wire.WireError.ChildPastEnd, codes);
        Assert.Contains(NanoGate.Ike.Wire.WireError.TransformCountMismatch, codes);
        Assert.Contains(NanoGate.Ike.Wire.WireError.AttributePastEnd, codes);
        Assert.Contains(NanoGate.Ike.Wire.WireError.IdDataLength, codes);
        Assert.Contains(NanoGate.Ike.Wire.WireError.NonceLength, codes);
        Assert.Contains(NanoGate.Ike.Wire.WireError.DeleteSpiCount, codes);
        Assert.Contains(NanoGate.Ike.Wire.WireError.RuleUnexpectedPayload, codes);
        Assert.True(codes.Length >= 25, "only " + codes.Length + " distinct error codes reached");
        Assert.True(outOfRange == 0 && unhandled == 0 && mismatch == 0,
            $"fuzz failures; inputs saved: {string.Join(", ", saved)}\n{first}");
    }

    private List<string> SaveFailures(IEnumerable<byte[]> inputs)
    {
        var names = new List<string>();
        string dir = FuzzRegressionTests.SourceDirectory() ?? Path.Combine(Captures.DataDirectory, "fuzz-regressions");
        Directory.CreateDirectory(dir);
        foreach (byte[] input in inputs)
        {
            // An encrypted header (its Length covers exactly itself) followed by a mutated plaintext: ".dec.bin".
            bool decrypted = input.Length > 28 && (input[19] & 1) != 0 && (input[24] << 24 | input[25] << 16 | input[26] << 8 | input[27]) < input.Length;
            string name = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(input))[..16].ToLowerInvariant() + (decrypted ? ".dec.bin" : ".bin");
            File.WriteAllBytes(Path.Combine(dir, name), input);
            names.Add(name);
        }

        return names;
    }
}
