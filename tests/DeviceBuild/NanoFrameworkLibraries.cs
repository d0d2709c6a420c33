using System.Reflection;
using Microsoft.CodeAnalysis;

namespace NanoGate.DeviceBuild;

/// <summary>
/// The nanoFramework 1.x libraries a device project may compile against: the real mscorlib of the
/// nanoFramework.CoreLibrary package (downloaded by this project's build) and reference assemblies
/// generated from the listings beside this tool, found by the NuGet package id packages.config names.
/// </summary>
internal sealed class NanoFrameworkLibraries
{
    /// <summary>The core library package; its lib/mscorlib.dll is the real device mscorlib.</summary>
    public const string CoreLibraryPackage = "nanoFramework.CoreLibrary";

    /// <summary>The version of it this tool downloads (NanoGate.DeviceBuild.csproj).</summary>
    public const string CoreLibraryVersion = "1.17.11";

    /// <summary>NuGet package id to the assembly (listing section) it ships.</summary>
    public static readonly IReadOnlyDictionary<string, string> PackageAssemblies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [CoreLibraryPackage] = "mscorlib",
        ["nanoFramework.System.Collections"] = "nanoFramework.System.Collections",
        ["nanoFramework.System.Text"] = "nanoFramework.System.Text",
        ["nanoFramework.System.Math"] = "System.Math",
        ["nanoFramework.System.Threading"] = "System.Threading",
        ["nanoFramework.System.Net"] = "System.Net",
        ["nanoFramework.System.Net.Sockets.UdpClient"] = "System.Net.Sockets.UdpClient",
        ["nanoFramework.System.Device.Gpio"] = "System.Device.Gpio",
        ["nanoFramework.System.Device.Spi"] = "System.Device.Spi",
        ["nanoFramework.System.IO.Ports"] = "System.IO.Ports",
        ["nanoFramework.System.IO.Streams"] = "System.IO.Streams",
        ["nanoFramework.System.IO.FileSystem"] = "System.IO.FileSystem",
        ["nanoFramework.System.IO.Hashing"] = "nanoFramework.System.IO.Hashing",
        ["nanoFramework.System.Security.Cryptography"] = "nanoFramework.System.Security.Cryptography",
        ["nanoFramework.Hardware.Esp32"] = "nanoFramework.Hardware.Esp32",
        ["nanoFramework.Runtime.Events"] = "nanoFramework.Runtime.Events",
        ["nanoFramework.Runtime.Native"] = "nanoFramework.Runtime.Native",
        ["nanoFramework.TestFramework"] = "nanoFramework.TestFramework",
    };

    private readonly Dictionary<string, MetadataReference> _assemblies;

    private NanoFrameworkLibraries(Dictionary<string, MetadataReference> assemblies, string mscorlibPath)
    {
        _assemblies = assemblies;
        MscorlibPath = mscorlibPath;
    }

    public string MscorlibPath { get; }

    /// <summary>Assembly names built (mscorlib included).</summary>
    public IEnumerable<string> AssemblyNames => _assemblies.Keys;

    /// <summary>Loads mscorlib and generates the other assemblies from the listings in <paramref name="dataDir"/>.</summary>
    public static NanoFrameworkLibraries Load(string dataDir)
    {
        string mscorlibPath = FindMscorlib();
        MetadataReference mscorlib = MetadataReference.CreateFromFile(mscorlibPath);
        var sections = ApiSections.Load(Directory.GetFiles(dataDir, "api-1x-*.txt").Order(StringComparer.Ordinal));
        Dictionary<string, MetadataReference> built = ReferenceAssemblies.Build(sections, mscorlib);
        built["mscorlib"] = mscorlib;
        foreach (string assembly in PackageAssemblies.Values)
        {
            if (!built.ContainsKey(assembly))
            {
                throw new InvalidOperationException($"the package table names assembly {assembly}, which no listing in {dataDir} has");
            }
        }

        return new NanoFrameworkLibraries(built, mscorlibPath);
    }

    /// <summary>The assembly of a package, or null when the package is unknown.</summary>
    public MetadataReference? ForPackage(string packageId) =>
        PackageAssemblies.TryGetValue(packageId, out string? assembly) ? _assemblies[assembly] : null;

    private static string FindMscorlib()
    {
        var roots = new List<string>();
        string? fromBuild = typeof(NanoFrameworkLibraries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value;
        if (!string.IsNullOrEmpty(fromBuild))
        {
            roots.Add(fromBuild);
        }

        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } env)
        {
            roots.Add(env);
        }

        roots.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));
        foreach (string root in roots)
        {
            string path = Path.Combine(root, CoreLibraryPackage.ToLowerInvariant(), CoreLibraryVersion, "lib", "mscorlib.dll");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"{CoreLibraryPackage} {CoreLibraryVersion} lib/mscorlib.dll is not in the NuGet packages folder (restore tests/DeviceBuild)");
    }
}
