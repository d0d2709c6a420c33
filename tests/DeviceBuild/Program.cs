using System.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using NanoGate.DeviceBuild;

// NanoGate.DeviceBuild [SOLUTION]: compiles every .nfproj the solution lists (default
// nanoFramework.sln in the current directory) as the nanoFramework project system would; exits 1 on
// any error. The listings come from data/ beside this tool (tests/Guard/data).
string solution = args.Length > 0 ? args[0] : "nanoFramework.sln";
if (!File.Exists(solution))
{
    Console.Error.WriteLine($"device build: no solution {solution}");
    return 2;
}

var clock = Stopwatch.StartNew();
NanoFrameworkLibraries libraries = NanoFrameworkLibraries.Load(Path.Combine(AppContext.BaseDirectory, "data"));
Console.WriteLine($"device build: C# {DeviceCompiler.Language.ToDisplayString()}, no standard library, real mscorlib of " +
    $"{NanoFrameworkLibraries.CoreLibraryPackage} {NanoFrameworkLibraries.CoreLibraryVersion}, " +
    $"{libraries.AssemblyNames.Count() - 1} reference assemblies from the API listings ({clock.ElapsedMilliseconds} ms)");
string root = Path.GetDirectoryName(Path.GetFullPath(solution))!;
List<string> projects = DeviceCompiler.SolutionProjects(solution);
int errors = new DeviceCompiler(libraries, Console.Out).CompileAll(projects, root);
Console.WriteLine($"device build: {projects.Count} projects, {errors} errors ({clock.ElapsedMilliseconds} ms)");
return errors == 0 ? 0 : 1;
