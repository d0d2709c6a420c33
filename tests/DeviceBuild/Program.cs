using System.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using NanoGate.DeviceBuild;

// NanoGate.DeviceBuild [SOLUTION]: compiles every .nfproj the solution lists (default
// nanoFramework.sln in the current directory) as the nanoFramework project system would; exits 1 on
// any error. The listings come from data/ beside this tool (tests/Guard/data).
// NanoGate.DeviceBuild --native-stubs PROJECT.nfproj: compiles that interop project and prints what
// the metadata processor would write for its native stubs: the checksum and the method_lookup rows.
var clock = Stopwatch.StartNew();
if (args.Length > 0 && args[0] == "--native-stubs")
{
    if (args.Length != 2 || !File.Exists(args[1]))
    {
        Console.Error.WriteLine("usage: NanoGate.DeviceBuild --native-stubs PROJECT.nfproj");
        return 2;
    }

    var compiler = new DeviceCompiler(NanoFrameworkLibraries.Load(Path.Combine(AppContext.BaseDirectory, "data")), Console.Out);
    string project = Path.GetFullPath(args[1]);
    if (compiler.Compile(project, Path.GetDirectoryName(project)!, []).Errors > 0 || compiler.Image(project) is not { } image)
    {
        return 1;
    }

    string assembly = DeviceProject.Load(project).AssemblyName;
    NativeMethodTable table = NativeMethodTable.Read(image, assembly.Replace('.', '_'));
    Console.WriteLine($"assembly {table.AssemblyName}, native version {table.NativeVersion?.ToString() ?? "(none)"}");
    Console.WriteLine($"types in order: {string.Join(", ", table.Types)}");
    Console.WriteLine($"native methods checksum: 0x{table.Checksum:X8}");
    Console.WriteLine("method_lookup:");
    foreach (string? row in table.Lookup)
    {
        Console.WriteLine("    " + (row ?? "NULL") + ",");
    }

    return 0;
}

string solution = args.Length > 0 ? args[0] : "nanoFramework.sln";
if (!File.Exists(solution))
{
    Console.Error.WriteLine($"device build: no solution {solution}");
    return 2;
}

NanoFrameworkLibraries libraries = NanoFrameworkLibraries.Load(Path.Combine(AppContext.BaseDirectory, "data"));
Console.WriteLine($"device build: C# {DeviceCompiler.Language.ToDisplayString()}, no standard library, real mscorlib of " +
    $"{NanoFrameworkLibraries.CoreLibraryPackage} {NanoFrameworkLibraries.CoreLibraryVersion}, " +
    $"{libraries.AssemblyNames.Count() - 1} reference assemblies from the API listings ({clock.ElapsedMilliseconds} ms)");
string root = Path.GetDirectoryName(Path.GetFullPath(solution))!;
List<string> projects = DeviceCompiler.SolutionProjects(solution);
int errors = new DeviceCompiler(libraries, Console.Out).CompileAll(projects, root);
Console.WriteLine($"device build: {projects.Count} projects, {errors} errors ({clock.ElapsedMilliseconds} ms)");
return errors == 0 ? 0 : 1;
