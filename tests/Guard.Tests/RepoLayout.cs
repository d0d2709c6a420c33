using System.Text.RegularExpressions;

namespace NanoGate.Guard.Tests;

/// <summary>Finds the repository and its projects from the test's output directory.</summary>
internal static partial class RepoLayout
{
    public static string Root
    {
        get
        {
            string? dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "nanoFramework.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir ?? throw new InvalidOperationException("nanoFramework.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Host projects that declare themselves portable (NanoGatePortable).</summary>
    public static IEnumerable<string> PortableProjects() =>
        SourceFiles("*.csproj").Where(p => File.ReadAllText(p).Contains("<NanoGatePortable>true</NanoGatePortable>", StringComparison.Ordinal));

    public static IEnumerable<string> SourceFiles(string pattern) =>
        Directory.EnumerateFiles(Root, pattern, SearchOption.AllDirectories)
            .Where(p => !IsBuildOutput(p))
            .OrderBy(p => p, StringComparer.Ordinal);

    public static bool IsBuildOutput(string path)
    {
        string rel = Path.GetRelativePath(Root, path).Replace('\\', '/');
        return BuildOutput().IsMatch("/" + rel);
    }

    [GeneratedRegex(@"/(bin|obj|\.git)/")]
    private static partial Regex BuildOutput();
}
