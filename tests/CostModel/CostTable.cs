namespace NanoGate.CostModel;

/// <summary>
/// Prints the figures with the time they imply on an ESP32: IL instructions at 0.2 to 1 µs each
/// (nanoCLR interprets roughly 1 to 5 million IL instructions per second, issue #15), plus each
/// native call at <see cref="NativeCallLowUs"/> to <see cref="NativeCallHighUs"/> µs.
/// </summary>
public static class CostTable
{
    /// <summary>
    /// Per native call, the interop transition alone: nanoCLR's InternalCall dispatch and the
    /// generated marshalling (one Interop_Marshal_* per argument, up to 11, and SetResult), taken as
    /// 10 to 40 interpreted-instruction equivalents at 0.2 to 1 µs. An estimate from reading
    /// nf-interpreter's stub path (native/device), not a measurement on a board. The
    /// mbedTLS work itself (on the AES/SHA/bignum accelerators) is not in these figures.
    /// </summary>
    public const double NativeCallLowUs = 2;
    public const double NativeCallHighUs = 40;

    public const double IlLowUs = 0.2;
    public const double IlHighUs = 1.0;

    /// <summary>Prints the table; false when a native figure misses its target.</summary>
    public static bool Print(TextWriter output, List<Scenarios.Figure> figures)
    {
        bool met = true;
        output.WriteLine($"{"operation",-70} {"provider",-9} {"IL instr.",12} {"native",7} {"ESP32 managed + call time",28}");
        foreach (Scenarios.Figure f in figures)
        {
            double low = (f.Instructions * IlLowUs) + (f.NativeCalls * NativeCallLowUs);
            double high = (f.Instructions * IlHighUs) + (f.NativeCalls * NativeCallHighUs);
            output.WriteLine($"{f.Operation,-70} {f.Provider,-9} {f.Instructions,12:N0} {f.NativeCalls,7:N0} {Time(low) + " - " + Time(high),28}");
        }

        output.WriteLine();
        output.WriteLine($"time = IL x {IlLowUs}-{IlHighUs} us + native calls x {NativeCallLowUs}-{NativeCallHighUs} us (interop transition only; the mbedTLS work on the accelerators is not included)");
        output.WriteLine("targets (issue #15): native provider <= 5,000 IL instructions per 1400-byte packet, <= 200,000 per key-exchange side");
        foreach (Scenarios.Figure f in figures.Where(f => f.Provider == "native"))
        {
            long target = f.Operation.StartsWith("ESP", StringComparison.Ordinal) ? 5_000 : 200_000;
            if (f.Operation.Contains("1400", StringComparison.Ordinal) || !f.Operation.StartsWith("ESP", StringComparison.Ordinal))
            {
                output.WriteLine($"  {(f.Instructions <= target ? "met    " : "MISSED ")} {f.Operation}: {f.Instructions:N0} IL (target {target:N0})");
                met &= f.Instructions <= target;
            }
        }

        return met;
    }

    private static string Time(double us) => us switch
    {
        >= 1_000_000 => $"{us / 1_000_000:F1} s",
        >= 1_000 => $"{us / 1_000:F1} ms",
        _ => $"{us:F0} us",
    };
}
