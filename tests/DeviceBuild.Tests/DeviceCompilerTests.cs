namespace NanoGate.DeviceBuild.Tests;

/// <summary>
/// The device build fails where the nanoFramework project system would (issue 21): a member 1.x
/// lacks, a type from a package the project does not declare, C# 10 syntax; and passes a clean project.
/// </summary>
public sealed class DeviceCompilerTests
{
    private const string Core = "nanoFramework.CoreLibrary 1.17.11";
    private const string Collections = "nanoFramework.System.Collections 1.5.67";
    private const string Text = "nanoFramework.System.Text 1.3.42";

    [Fact]
    public void A_clean_project_compiles_with_0_errors()
    {
        using var sln = new SampleSolution().Project("Clean", "Library", [Core, Collections, Text], [], ("Table.cs", """
            using System.Collections;
            using System.Text;

            namespace Sample
            {
                public sealed class Table
                {
                    private readonly Hashtable _names = new Hashtable();

                    public void Add(string key, byte[] value, int offset, int count) => _names[key] = Encoding.UTF8.GetString(value, offset, count);

                    public string Describe(int id) => id switch { 0 => "none", _ => $"entry {id}" };
                }
            }
            """));
        var (errors, output) = sln.Build();
        Assert.True(errors == 0, output);
        Has(output, "Clean (Clean/Clean.nfproj, Library, 1 files, packages: " + Core + " " + Collections + " " + Text + "): 0 errors");
    }

    [Fact]
    public void A_member_that_1x_lacks_is_an_error()
    {
        // string.Join and Array.Resize exist on .NET, not in the nanoFramework 1.x mscorlib.
        using var sln = new SampleSolution().Project("Lacks", "Library", [Core], [], ("Names.cs", """
            namespace Sample
            {
                public static class Names
                {
                    public static string All(string[] names) => string.Join(",", names);
                }
            }
            """));
        var (errors, output) = sln.Build();
        Assert.Equal(1, errors);
        Has(output, "Lacks/Names.cs(5,60): error CS0117: 'string' does not contain a definition for 'Join'");
    }

    [Fact]
    public void A_type_from_a_package_the_project_does_not_declare_is_an_error()
    {
        // Hashtable lives in nanoFramework.System.Collections, which this packages.config leaves out.
        using var sln = new SampleSolution().Project("Undeclared", "Library", [Core], [], ("Cache.cs", """
            namespace Sample
            {
                public sealed class Cache
                {
                    public readonly System.Collections.Hashtable Entries = new System.Collections.Hashtable();
                }
            }
            """));
        var (errors, output) = sln.Build();
        Assert.Equal(2, errors);
        Has(output, "Undeclared/Cache.cs(5,44): error CS0234: The type or namespace name 'Hashtable' does not exist in the namespace 'System.Collections'");
    }

    [Theory]
    [InlineData("namespace Sample;\npublic sealed class Point { public int X; }\n", "CS8773")]
    [InlineData("namespace Sample\n{\n    public record struct Point(int X, int Y);\n}\n", "CS8773")]
    public void CSharp_10_syntax_is_an_error(string source, string code)
    {
        using var sln = new SampleSolution().Project("Newer", "Library", [Core], [], ("Point.cs", source));
        var (errors, output) = sln.Build();
        Assert.True(errors > 0, output);
        Has(output, $"error {code}: Feature");
        Has(output, "is not available in C# 9.0");
    }

    [Fact]
    public void A_declared_package_the_project_does_not_use_is_an_error()
    {
        using var sln = new SampleSolution().Project("Unused", "Library", [Core, Text], [], ("Empty.cs", "namespace Sample { public sealed class Empty { } }\n"));
        var (errors, output) = sln.Build();
        Assert.Equal(1, errors);
        Has(output, "error: packages.config declares nanoFramework.System.Text, which the project does not use");
    }

    [Fact]
    public void A_package_missing_from_the_project_references_is_an_error()
    {
        using var sln = new SampleSolution().Project("Hint", "Library", [Core, Text], [], ("Utf.cs", """
            namespace Sample
            {
                public static class Utf
                {
                    public static byte[] Bytes(string s) => System.Text.Encoding.UTF8.GetBytes(s);
                }
            }
            """));
        string nfproj = Path.Combine(sln.Root, "Hint", "Hint.nfproj");
        File.WriteAllText(nfproj, File.ReadAllText(nfproj).Replace("nanoFramework.System.Text.1.3.42", "nanoFramework.System.Text.1.2.0", StringComparison.Ordinal));
        var (errors, output) = sln.Build();
        Assert.True(errors > 0, output);
        Has(output, "packages.config declares nanoFramework.System.Text 1.3.42 but the project has no reference with HintPath");
    }

    [Fact]
    public void Referenced_projects_compile_first_and_an_exe_needs_its_Main()
    {
        // The solution lists the application before the library it references.
        using var sln = new SampleSolution()
            .Project("App", "Exe", [Core], ["Lib"], ("Program.cs", """
                namespace Sample
                {
                    public static class Program
                    {
                        public static void Main() => System.Diagnostics.Debug.WriteLine(Lib.Greeting.Text);
                    }
                }
                """))
            .Project("Lib", "Library", [Core], [], ("Greeting.cs", "namespace Lib { public static class Greeting { public const string Text = \"hello\"; } }\n"));
        var (errors, output) = sln.Build();
        Assert.True(errors == 0, output);
        Assert.True(output.IndexOf("Lib (Lib/Lib.nfproj", StringComparison.Ordinal) < output.IndexOf("App (App/App.nfproj", StringComparison.Ordinal), output);

        using var noMain = new SampleSolution().Project("NoMain", "Exe", [Core], [], ("Lib.cs", "namespace Sample { public static class Nothing { } }\n"));
        var (mainErrors, mainOutput) = noMain.Build();
        Assert.True(mainErrors > 0, mainOutput);
        Has(mainOutput, "error CS5001");
    }

    private static void Has(string output, string expected) =>
        Assert.True(output.Contains(expected, StringComparison.Ordinal), $"expected \"{expected}\" in:\n{output}");
}
