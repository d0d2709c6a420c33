using System.Reflection;
using NanoGate.Bench;

// Usage: NanoGate.Bench [--quick] [NAME...]   (no NAME: every benchmark)
bool quick = args.Contains("--quick");
string[] names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
IBench[] benches = typeof(IBench).Assembly.GetTypes()
    .Where(t => typeof(IBench).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBench)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToArray();
if (benches.Length == 0)
{
    Console.Error.WriteLine("no benchmarks");
    return 2;
}

string[] unknown = names.Where(n => benches.All(b => b.Name != n)).ToArray();
if (unknown.Length > 0)
{
    Console.Error.WriteLine($"unknown benchmark(s): {string.Join(", ", unknown)}; have: {string.Join(", ", benches.Select(b => b.Name))}");
    return 2;
}

Console.WriteLine($"NanoGate benchmarks, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {(quick ? "quick" : "full")} run");
#if DEBUG
Console.WriteLine("WARNING: Debug build; run with -c Release for figures worth recording");
#endif
foreach (IBench bench in benches.Where(b => names.Length == 0 || names.Contains(b.Name)))
{
    Console.WriteLine();
    Console.WriteLine($"== {bench.Name}");
    bench.Run(Console.Out, quick);
}

return 0;
