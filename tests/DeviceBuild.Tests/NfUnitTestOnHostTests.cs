using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoGate.DeviceBuild.Tests;

/// <summary>
/// tests/NFUnitTest runs on a chip, which is not here; so its sources also run on .NET against the
/// host builds of hal, esp and ike, with the few nanoFramework.TestFramework members they call
/// (Assert, CollectionAssert, the attributes) written below with the same meaning. This proves the
/// device tests' expectations (the vectors, the round trips) hold for the same code; the device
/// build step proves they compile for nanoFramework.
/// </summary>
public sealed class NfUnitTestOnHostTests
{
    private const string TestFramework = """
        namespace nanoFramework.TestFramework
        {
            [System.AttributeUsage(System.AttributeTargets.Class)] public class TestClassAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Method)] public class TestMethodAttribute : System.Attribute { }
            public sealed class Assert
            {
                private static void Check(bool ok, string what, object expected, object actual, string message)
                {
                    if (!ok) throw new System.Exception(what + " failed: expected " + expected + ", actual " + actual + ": " + message);
                }
                public static void AreEqual(int expected, int actual, string message) => Check(expected == actual, "AreEqual", expected, actual, message);
                public static void AreEqual(uint expected, uint actual, string message) => Check(expected == actual, "AreEqual", expected, actual, message);
                public static void AreEqual(long expected, long actual, string message) => Check(expected == actual, "AreEqual", expected, actual, message);
                public static void AreEqual(ulong expected, ulong actual, string message) => Check(expected == actual, "AreEqual", expected, actual, message);
                public static void AreEqual(string expected, string actual, string message) => Check(expected == actual, "AreEqual", expected, actual, message);
                public static void AreEqual(object expected, object actual, string message) => Check(Equals(expected, actual), "AreEqual", expected, actual, message);
                public static void IsTrue(bool condition, string message) => Check(condition, "IsTrue", true, condition, message);
                public static void IsFalse(bool condition, string message) => Check(!condition, "IsFalse", false, condition, message);
            }
            public sealed class CollectionAssert
            {
                public static void AreEqual(System.Collections.ICollection expected, System.Collections.ICollection actual, string message)
                {
                    var e = new System.Collections.ArrayList(expected);
                    var a = new System.Collections.ArrayList(actual);
                    bool same = e.Count == a.Count;
                    for (int i = 0; same && i < e.Count; i++) same = Equals(e[i], a[i]);
                    if (!same) throw new System.Exception("CollectionAssert.AreEqual failed: " + message);
                }
            }
        }
        """;

    [Fact]
    public void Every_device_test_passes_against_the_host_build_of_the_same_code()
    {
        string dir = Path.Combine(RepoRoot(), "tests", "NFUnitTest");
        var trees = Directory.GetFiles(dir, "*.cs")
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.CSharp9), path: f))
            .Append(CSharpSyntaxTree.ParseText(TestFramework, new CSharpParseOptions(LanguageVersion.CSharp9)))
            .ToList();
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        string[] portable = [typeof(Hal.Ipv4).Assembly.Location, typeof(Esp.EspEngine).Assembly.Location, typeof(Ike.IkeDaemon).Assembly.Location];
        var refs = tpa.Split(Path.PathSeparator).Where(p => p.EndsWith(".dll", StringComparison.Ordinal))
            .Concat(portable).Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        var compilation = CSharpCompilation.Create("NFUnitTest.Host", trees, refs, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var pe = new MemoryStream();
        var emitted = compilation.Emit(pe);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        Assembly assembly = Assembly.Load(pe.ToArray());
        var ran = new List<string>();
        var failed = new List<string>();
        foreach (Type type in assembly.GetTypes().Where(t => t.GetCustomAttributes().Any(a => a.GetType().Name == "TestClassAttribute")))
        {
            object instance = Activator.CreateInstance(type)!;
            foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttributes().Any(a => a.GetType().Name == "TestMethodAttribute")))
            {
                ran.Add(type.Name + "." + method.Name);
                try
                {
                    method.Invoke(instance, null);
                }
                catch (TargetInvocationException e)
                {
                    failed.Add(type.Name + "." + method.Name + ": " + e.InnerException!.Message);
                }
            }
        }

        Assert.True(failed.Count == 0, string.Join("\n", failed));
        Assert.Contains("CryptoKnownAnswerTests.Aes128_FIPS_197_appendix_C_1_and_back", ran);
        Assert.Contains("EspRoundTripTests.A_flipped_bit_is_dropped_as_bad_icv", ran);
        Assert.Contains("WireRoundTripTests.Header_written_is_the_header_read", ran);
        Assert.True(ran.Count >= 9, string.Join(", ", ran));
    }

    private static string RepoRoot()
    {
        for (string? d = AppContext.BaseDirectory; d is not null; d = Path.GetDirectoryName(d))
        {
            if (File.Exists(Path.Combine(d, "nanoFramework.sln")))
            {
                return d;
            }
        }

        throw new InvalidOperationException("nanoFramework.sln not found above " + AppContext.BaseDirectory);
    }
}
