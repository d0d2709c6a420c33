using System.Xml.Linq;

namespace NanoGate.DeviceBuild;

/// <summary>What the compile needs from a .nfproj and the packages.config beside it.</summary>
internal sealed class DeviceProject
{
    private DeviceProject(string path, XDocument xml, XDocument? packages)
    {
        Path = System.IO.Path.GetFullPath(path);
        string dir = System.IO.Path.GetDirectoryName(Path)!;
        AssemblyName = Property(xml, "AssemblyName") ?? System.IO.Path.GetFileNameWithoutExtension(path);
        OutputType = Property(xml, "OutputType") ?? "Library";
        AllowUnsafe = string.Equals(Property(xml, "AllowUnsafeBlocks"), "true", StringComparison.OrdinalIgnoreCase);
        Sources = Items(xml, "Compile").Select(i => Combine(dir, i)).ToList();
        ProjectReferences = Items(xml, "ProjectReference").Select(i => Combine(dir, i)).ToList();
        HintPaths = xml.Descendants().Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value.Replace('\\', '/')).ToList();
        HasPackagesConfig = packages is not null;
        Packages = packages?.Descendants("package")
            .Select(p => new Package((string?)p.Attribute("id") ?? "", (string?)p.Attribute("version") ?? ""))
            .ToList() ?? [];
    }

    public string Path { get; }

    public string AssemblyName { get; }

    /// <summary>"Library" or "Exe".</summary>
    public string OutputType { get; }

    public bool AllowUnsafe { get; }

    public List<string> Sources { get; }

    public List<string> ProjectReferences { get; }

    /// <summary>Reference HintPaths ("../packages/nanoFramework.CoreLibrary.1.17.11/lib/mscorlib.dll").</summary>
    public List<string> HintPaths { get; }

    public bool HasPackagesConfig { get; }

    public List<Package> Packages { get; }

    public static DeviceProject Load(string path)
    {
        string packages = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, "packages.config");
        return new DeviceProject(path, XDocument.Load(path), File.Exists(packages) ? XDocument.Load(packages) : null);
    }

    private static string? Property(XDocument xml, string name) =>
        xml.Descendants().FirstOrDefault(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup")?.Value.Trim();

    private static IEnumerable<string> Items(XDocument xml, string kind) =>
        xml.Descendants().Where(e => e.Name.LocalName == kind).Select(e => (string?)e.Attribute("Include")).OfType<string>();

    private static string Combine(string dir, string include) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, include.Replace('\\', '/')));

    /// <summary>A packages.config entry.</summary>
    internal sealed record Package(string Id, string Version);
}
