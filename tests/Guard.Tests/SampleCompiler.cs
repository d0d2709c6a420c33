using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoGate.Guard.Tests;

/// <summary>Compiles a C# snippet into an in-memory assembly, as the host build would.</summary>
internal static class SampleCompiler
{
    private static readonly Lazy<MetadataReference[]> s_references = new(() =>
    {
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return tpa.Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Hal.FastPathAttribute).Assembly.Location))
            .ToArray();
    });

    public static (string Name, byte[] Image) Compile(string name, string source, bool allowUnsafe = false)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "NanoGate.Sample." + name,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: allowUnsafe, optimizationLevel: OptimizationLevel.Release));
        using var pe = new MemoryStream();
        var result = compilation.Emit(pe);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return (name + ".dll", pe.ToArray());
    }

    public static string Location(Assembly assembly) => assembly.Location;
}
