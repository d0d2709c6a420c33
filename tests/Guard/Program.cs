using NanoGate.Guard;

// Usage: NanoGate.Guard <assembly.dll>...   Prints every violation; exit 1 when there is one.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: NanoGate.Guard <assembly.dll>...");
    return 2;
}

var guard = new PortabilityGuard(ApiListing.LoadDefault());
IReadOnlyList<Violation> violations = guard.Check(args);
foreach (Violation v in violations)
{
    Console.WriteLine(v);
}

Console.WriteLine($"nanoFramework guard: {args.Length} assemblies, {violations.Count} violations");
return violations.Count == 0 ? 0 : 1;
