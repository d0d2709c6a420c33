using System.Text;

namespace NanoGate.DeviceBuild.Tests;

/// <summary>
/// A nanoFramework solution in a temporary folder, written the way the repository's are: an
/// .nfproj with Compile items and HintPath references, a packages.config, a .sln listing it.
/// </summary>
internal sealed class SampleSolution : IDisposable
{
    private readonly List<string> _projects = [];
    private DeviceCompiler? _compiler;

    public SampleSolution()
    {
        Root = Path.Combine(Path.GetTempPath(), "nanogate-devicebuild-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string SolutionPath => Path.Combine(Root, "nanoFramework.sln");

    /// <summary>Adds a project in folder <paramref name="name"/>; packages as "id version".</summary>
    public SampleSolution Project(string name, string outputType, string[] packages, string[] projectReferences, params (string File, string Text)[] sources)
    {
        string dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        foreach (var (file, text) in sources)
        {
            File.WriteAllText(Path.Combine(dir, file), text);
        }

        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project ToolsVersion=\"15.0\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\n");
        xml.Append($"  <PropertyGroup>\n    <OutputType>{outputType}</OutputType>\n    <AssemblyName>{name}</AssemblyName>\n  </PropertyGroup>\n  <ItemGroup>\n");
        foreach (var (file, _) in sources)
        {
            xml.Append($"    <Compile Include=\"{file}\" />\n");
        }

        xml.Append("  </ItemGroup>\n  <ItemGroup>\n");
        var config = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<packages>\n");
        foreach (string package in packages)
        {
            string[] p = package.Split(' ');
            string assembly = NanoFrameworkLibraries.PackageAssemblies[p[0]];
            xml.Append($"    <Reference Include=\"{assembly}\">\n      <HintPath>..\\packages\\{p[0]}.{p[1]}\\lib\\{assembly}.dll</HintPath>\n    </Reference>\n");
            config.Append($"  <package id=\"{p[0]}\" version=\"{p[1]}\" targetFramework=\"netnano1.0\" />\n");
        }

        foreach (string reference in projectReferences)
        {
            xml.Append($"    <ProjectReference Include=\"..\\{reference}\\{reference}.nfproj\" />\n");
        }

        xml.Append("  </ItemGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(dir, name + ".nfproj"), xml.ToString());
        File.WriteAllText(Path.Combine(dir, "packages.config"), config.Append("</packages>\n").ToString());
        _projects.Add(name);
        return this;
    }

    /// <summary>Writes the .sln (projects in the order given) and compiles it; returns the error count and the output.</summary>
    public (int Errors, string Output) Build()
    {
        var sln = new StringBuilder("Microsoft Visual Studio Solution File, Format Version 12.00\n");
        foreach (string p in _projects)
        {
            sln.Append($"Project(\"{{11A8DD76-328B-46DF-9F39-F559912D0360}}\") = \"{p}\", \"{p}\\{p}.nfproj\", \"{{{Guid.NewGuid()}}}\"\nEndProject\n");
        }

        File.WriteAllText(SolutionPath, sln.ToString());
        var output = new StringWriter();
        _compiler = new DeviceCompiler(Libraries, output);
        int errors = _compiler.CompileAll(DeviceCompiler.SolutionProjects(SolutionPath), Root);
        return (errors, output.ToString());
    }

    /// <summary>The assembly project <paramref name="name"/> compiled to in the last Build, or null.</summary>
    public byte[]? Image(string name) => _compiler?.Image(Path.Combine(Root, name, name + ".nfproj"));

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>The device build's libraries, generated once for all tests (about a second).</summary>
    public static NanoFrameworkLibraries Libraries => s_libraries.Value;

    private static readonly Lazy<NanoFrameworkLibraries> s_libraries =
        new(() => NanoFrameworkLibraries.Load(Path.Combine(AppContext.BaseDirectory, "data")));
}
