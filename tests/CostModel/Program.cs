using System.Reflection;
using System.Runtime.Loader;
using NanoGate.CostModel;

// The device cost model (issue #15): instrument the portable assemblies, run the scenarios in a
// load context that sees the instrumented copies, print IL instructions and native calls per
// operation with the ESP32 time range they imply. Method and figures: docs/PERFORMANCE.md.
//   dotnet tests/CostModel/bin/Release/net10.0/NanoGate.CostModel.dll
string[] portable = ["NanoGate.Hal", "NanoGate.Nat", "NanoGate.Esp", "NanoGate.Ike", "NanoGate.Crypto.Native"];
string here = AppContext.BaseDirectory;
if (args.Length == 1 && args[0] == "--scenarios")
{
    // Inside the instrumented context (below): run and print.
    return CostTable.Print(Console.Out, Scenarios.Run()) ? 0 : 1;
}

string instrumented = Path.Combine(Path.GetTempPath(), $"nanogate-cost-model-{Environment.ProcessId}");
Instrumenter.Run(here, instrumented, portable);
var context = new InstrumentedContext(here, instrumented);
Assembly self = context.LoadFromAssemblyPath(Path.Combine(here, "NanoGate.CostModel.dll"));
MethodInfo main = self.EntryPoint!;
object? result = main.Invoke(null, [new[] { "--scenarios" }]);
Directory.Delete(instrumented, recursive: true);
return (int)result!;

/// <summary>Loads NanoGate assemblies from the instrumented folder when there, else from beside this program.</summary>
internal sealed class InstrumentedContext(string original, string instrumented) : AssemblyLoadContext("instrumented")
{
    protected override Assembly? Load(AssemblyName name)
    {
        foreach (Assembly a in Assemblies)
        {
            if (a.GetName().Name == name.Name)
            {
                return a;
            }
        }

        string path = Path.Combine(instrumented, name.Name + ".dll");
        if (File.Exists(path))
        {
            return LoadFromAssemblyPath(path);
        }

        path = Path.Combine(original, name.Name + ".dll");
        return name.Name!.StartsWith("NanoGate", StringComparison.Ordinal) && File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        unmanagedDllName == "nanogate_crypto" ? LoadUnmanagedDllFromPath(Path.Combine(original, "libnanogate_crypto.so")) : IntPtr.Zero;
}
