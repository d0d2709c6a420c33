namespace NanoGate.Boards.Tests;

/// <summary>Paths inside the repository, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            string? dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "NanoGate.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir ?? throw new InvalidOperationException("NanoGate.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>nanogate.dll of the same configuration (Debug/Release) as this test assembly.</summary>
    public static string NanogateDll
    {
        get
        {
            string configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(Root, "firmware", "Host", "bin", configuration, "net10.0", "nanogate.dll");
        }
    }
}
