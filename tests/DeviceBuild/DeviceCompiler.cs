using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoGate.DeviceBuild;

/// <summary>
/// Compiles the device projects of a solution as the nanoFramework project system does: C# 9.0,
/// no standard library, NANOFRAMEWORK_1_0 and TRACE defined, each project against the assemblies
/// of the packages its packages.config declares and the projects it references (built first).
/// </summary>
internal sealed partial class DeviceCompiler
{
    /// <summary>The language version the nanoFramework project system forces (NFProjectSystem.Default.props).</summary>
    public const LanguageVersion Language = LanguageVersion.CSharp9;

    private static readonly string[] s_defines = ["NANOFRAMEWORK_1_0", "TRACE"];

    private readonly NanoFrameworkLibraries _libraries;
    private readonly TextWriter _output;
    private readonly Dictionary<string, MetadataReference?> _built = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _images = new(StringComparer.Ordinal);

    public DeviceCompiler(NanoFrameworkLibraries libraries, TextWriter output)
    {
        _libraries = libraries;
        _output = output;
    }

    /// <summary>The .nfproj paths a solution lists, in its order.</summary>
    public static List<string> SolutionProjects(string solution)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(solution))!;
        return ProjectRegex().Matches(File.ReadAllText(solution))
            .Select(m => Path.GetFullPath(Path.Combine(dir, m.Groups[1].Value.Replace('\\', '/'))))
            .ToList();
    }

    /// <summary>The assembly a project compiled to without errors (Compile first), or null.</summary>
    public byte[]? Image(string projectPath) => _images.GetValueOrDefault(Path.GetFullPath(projectPath));

    /// <summary>Compiles every project (references first); prints one line per project, then its errors. Returns the error count.</summary>
    public int CompileAll(IEnumerable<string> projects, string root)
    {
        int errors = 0;
        foreach (string project in projects)
        {
            errors += Compile(project, root, []).Errors;
        }

        return errors;
    }

    /// <summary>Compiles one project after the projects it references; the image is null on errors.</summary>
    public (MetadataReference? Image, int Errors) Compile(string projectPath, string root, HashSet<string> visiting)
    {
        string key = Path.GetFullPath(projectPath);
        if (_built.TryGetValue(key, out MetadataReference? done))
        {
            return (done, 0);
        }

        if (!visiting.Add(key))
        {
            _output.WriteLine($"{Rel(root, key)}: project reference cycle");
            return (null, 1);
        }

        var problems = new List<string>();
        int errors = 0;
        var refs = new List<MetadataReference>();
        DeviceProject project;
        try
        {
            project = DeviceProject.Load(key);
        }
        catch (Exception e) when (e is IOException or System.Xml.XmlException)
        {
            _output.WriteLine($"{Rel(root, key)}: cannot read: {e.Message}");
            _built[key] = null;
            return (null, 1);
        }

        foreach (string reference in project.ProjectReferences)
        {
            var (image, refErrors) = Compile(reference, root, visiting);
            errors += refErrors;
            if (image is null)
            {
                problems.Add($"referenced project {Rel(root, reference)} did not build");
            }
            else
            {
                refs.Add(image);
            }
        }

        if (problems.Count > 0)
        {
            // Its own errors would only repeat the referenced project's.
            _output.WriteLine($"{project.AssemblyName} ({Rel(root, key)}): not compiled: {string.Join("; ", problems)}");
            visiting.Remove(key);
            _built[key] = null;
            return (null, errors + 1);
        }

        problems.AddRange(PackageProblems(project, refs));
        var trees = new List<SyntaxTree>();
        var parse = new CSharpParseOptions(Language, preprocessorSymbols: s_defines);
        foreach (string source in project.Sources)
        {
            if (!File.Exists(source))
            {
                problems.Add($"{Rel(root, source)}: listed source file is missing");
                continue;
            }

            trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(source), parse, path: source));
        }

        var options = new CSharpCompilationOptions(
            project.OutputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            allowUnsafe: project.AllowUnsafe,
            nullableContextOptions: NullableContextOptions.Disable);
        CSharpCompilation compilation = CSharpCompilation.Create(project.AssemblyName, trees, refs, options);
        using var pe = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(pe);
        var diagnostics = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (result.Success)
        {
            // packages.config names exactly what the project uses: a package nothing uses is an error too.
            var used = compilation.GetUsedAssemblyReferences().ToHashSet();
            foreach (DeviceProject.Package package in project.Packages)
            {
                if (package.Id != NanoFrameworkLibraries.CoreLibraryPackage && _libraries.ForPackage(package.Id) is { } assembly && !used.Contains(assembly))
                {
                    problems.Add($"packages.config declares {package.Id}, which the project does not use");
                }
            }
        }

        int warnings = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        int own = diagnostics.Count + problems.Count;
        _output.WriteLine($"{project.AssemblyName} ({Rel(root, key)}, {project.OutputType}, {trees.Count} files, " +
            $"packages: {string.Join(" ", project.Packages.Select(p => p.Id + " " + p.Version))}): {own} errors, {warnings} warnings");
        foreach (string p in problems)
        {
            _output.WriteLine("  error: " + p);
        }

        foreach (Diagnostic d in diagnostics)
        {
            FileLinePositionSpan span = d.Location.GetLineSpan();
            string where = d.Location.IsInSource ? $"{Rel(root, span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): " : "";
            _output.WriteLine($"  {where}error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        visiting.Remove(key);
        MetadataReference? built = null;
        if (own == 0 && result.Success)
        {
            _images[key] = pe.ToArray();
            built = MetadataReference.CreateFromImage(_images[key], filePath: project.AssemblyName + ".dll");
        }

        _built[key] = built;
        return (built, errors + own);
    }

    /// <summary>
    /// The packages.config entries become references; a package the table does not know, another
    /// CoreLibrary than the real one, or a .nfproj HintPath that disagrees with packages.config is an error.
    /// </summary>
    private IEnumerable<string> PackageProblems(DeviceProject project, List<MetadataReference> refs)
    {
        if (!project.HasPackagesConfig)
        {
            yield return "no packages.config beside the project";
            yield break;
        }

        if (!project.Packages.Any(p => p.Id == NanoFrameworkLibraries.CoreLibraryPackage))
        {
            yield return $"packages.config does not declare {NanoFrameworkLibraries.CoreLibraryPackage}";
        }

        foreach (DeviceProject.Package package in project.Packages)
        {
            MetadataReference? assembly = _libraries.ForPackage(package.Id);
            if (assembly is null)
            {
                yield return $"packages.config declares {package.Id}, a package this build has no API listing for (tests/Guard/data)";
                continue;
            }

            if (package.Id == NanoFrameworkLibraries.CoreLibraryPackage && package.Version != NanoFrameworkLibraries.CoreLibraryVersion)
            {
                yield return $"packages.config declares {package.Id} {package.Version}; the device build has {NanoFrameworkLibraries.CoreLibraryVersion}";
            }

            refs.Add(assembly);
            string hint = $"packages/{package.Id}.{package.Version}/lib/{NanoFrameworkLibraries.PackageAssemblies[package.Id]}.dll";
            if (!project.HintPaths.Any(h => h.EndsWith(hint, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"packages.config declares {package.Id} {package.Version} but the project has no reference with HintPath .../{hint}";
            }
        }

        foreach (string hint in project.HintPaths)
        {
            if (!project.Packages.Any(p => hint.Contains($"packages/{p.Id}.{p.Version}/", StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"the project references {hint}, which packages.config does not declare";
            }
        }
    }

    private static string Rel(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    [GeneratedRegex("\"([^\"]+\\.nfproj)\"")]
    private static partial Regex ProjectRegex();
}
