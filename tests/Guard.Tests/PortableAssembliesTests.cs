namespace NanoGate.Guard.Tests;

/// <summary>Every portable assembly of the repository passes the guard.</summary>
public class PortableAssembliesTests
{
    [Fact]
    public void Every_portable_assembly_passes_the_nanoFramework_guard()
    {
        string[] names = RepoLayout.PortableProjects().Select(p => Path.GetFileNameWithoutExtension(p)).ToArray();
        Assert.Contains("NanoGate.Hal", names);
        Assert.True(names.Length >= 5, "hal, nat, ike, esp and firmware core are portable");

        var paths = new List<string>();
        foreach (string name in names)
        {
            string path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            Assert.True(File.Exists(path), $"{name}.dll is not beside the tests: reference its project from NanoGate.Guard.Tests.csproj");
            paths.Add(path);
        }

        var guard = new PortabilityGuard(ApiListing.LoadDefault());
        IReadOnlyList<Violation> violations = guard.Check(paths);
        Assert.True(violations.Count == 0, "nanoFramework 1.x violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Listing_is_loaded_whole()
    {
        ApiListing api = ApiListing.LoadDefault();
        Assert.True(api.TypeCount > 300, $"only {api.TypeCount} types parsed");
        Assert.NotNull(api.Find("System.Collections.Hashtable"));
        Assert.NotNull(api.Find("System.Diagnostics.DebuggableAttribute+DebuggingModes"));
        Assert.Null(api.CheckMember("System.String", new ApiMember('M', false, "get_Chars", "char", ["int"])));
        Assert.Null(api.CheckMember("System.Int32", new ApiMember('M', true, "TryParse", "bool", ["string", "ref int"])));
        Assert.Null(api.CheckMember("System.Int32", new ApiMember('M', false, "GetHashCode", "int", [])));
    }
}
