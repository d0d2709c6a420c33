using System.Xml.Linq;

namespace NanoGate.Guard.Tests;

/// <summary>The device build cannot drift from the host build: same sources, every project in the solution.</summary>
public class NfprojTests
{
    [Fact]
    public void Every_portable_project_has_a_device_project_beside_it()
    {
        foreach (string csproj in RepoLayout.PortableProjects())
        {
            string nfproj = Path.ChangeExtension(csproj, ".nfproj");
            Assert.True(File.Exists(nfproj), $"{Rel(csproj)} has no {Path.GetFileName(nfproj)}");
            string packages = Path.Combine(Path.GetDirectoryName(csproj)!, "packages.config");
            Assert.True(File.Exists(packages), $"{Rel(csproj)} has no packages.config");
            Assert.Contains("nanoFramework.CoreLibrary", File.ReadAllText(packages), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_nfproj_lists_exactly_the_sources_of_its_component()
    {
        var problems = new List<string>();
        foreach (string nfproj in RepoLayout.SourceFiles("*.nfproj"))
        {
            string dir = Path.GetDirectoryName(nfproj)!;
            var listed = XDocument.Load(nfproj).Descendants()
                .Where(e => e.Name.LocalName == "Compile")
                .Select(e => ((string)e.Attribute("Include")!).Replace('\\', '/'))
                .ToHashSet(StringComparer.Ordinal);
            // A project owns its whole folder: no second project beneath it (the device tooling and
            // reviewers read a folder as one component).
            problems.AddRange(Directory.EnumerateFiles(dir, "*.nfproj", SearchOption.AllDirectories)
                .Where(p => !RepoLayout.IsBuildOutput(p) && Path.GetDirectoryName(p) != dir)
                .Select(p => $"{Rel(nfproj)} has another project beneath it: {Rel(p)}"));
            var onDisk = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                .Where(p => !RepoLayout.IsBuildOutput(p))
                .Select(p => Path.GetRelativePath(dir, p).Replace('\\', '/'))
                .ToHashSet(StringComparer.Ordinal);
            problems.AddRange(onDisk.Except(listed).Select(f => $"{Rel(nfproj)} does not list {f}"));
            problems.AddRange(listed.Except(onDisk).Select(f => $"{Rel(nfproj)} lists missing {f}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n(run tests/tools/nfproj-sync.sh)");
    }

    [Fact]
    public void NanoFramework_sln_holds_every_nfproj_and_nothing_else()
    {
        string sln = File.ReadAllText(Path.Combine(RepoLayout.Root, "nanoFramework.sln"));
        var inSln = System.Text.RegularExpressions.Regex.Matches(sln, "\"([^\"]+\\.[a-z]+proj)\"")
            .Select(m => m.Groups[1].Value.Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);
        var onDisk = RepoLayout.SourceFiles("*.nfproj").Select(Rel).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(onDisk.OrderBy(x => x), inSln.OrderBy(x => x));
    }

    private static string Rel(string path) => Path.GetRelativePath(RepoLayout.Root, path).Replace('\\', '/');
}
