using System.Text.RegularExpressions;

namespace NanoGate.DeviceBuild.Tests;

/// <summary>
/// The hand-written nanoFramework stubs of the native crypto (native/device) against the C#
/// declarations they implement (native/Interop/NativeMethods.InternalCall.cs), compiled by the
/// device build: the checksum NanoGate_Crypto_Native_Interop.cpp gives nanoCLR, its method_lookup
/// rows, the header's declarations, the marshalling functions and the native version must be what
/// the metadata processor would derive from the assembly (NativeMethodTable, checked against
/// published assemblies in PublishedNativeAssemblyTests). A method added, removed, reordered or
/// retyped on either side fails here; `NanoGate.DeviceBuild --native-stubs
/// native/Interop/NanoGate.Crypto.Native.Interop.nfproj` prints the rows and checksum to copy.
/// </summary>
public sealed partial class CryptoInteropStubsTests
{
    private const string Project = "NanoGate_Crypto_Native_Interop";
    private const string Struct = "Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods";

    private static readonly string s_root = FindRoot();

    private static readonly Lazy<NativeMethodTable> s_table = new(() =>
    {
        string nfproj = Path.Combine(s_root, "native", "Interop", "NanoGate.Crypto.Native.Interop.nfproj");
        var output = new StringWriter();
        var compiler = new DeviceCompiler(SampleSolution.Libraries, output);
        int errors = compiler.Compile(nfproj, s_root, []).Errors;
        Assert.True(errors == 0, output.ToString());
        return NativeMethodTable.Read(compiler.Image(nfproj)!, Project);
    });

    private static string Device(string file) => File.ReadAllText(Path.Combine(s_root, "native", "device", file));

    [Fact]
    public void The_stubs_checksum_is_the_one_computed_from_the_declarations()
    {
        Match define = ChecksumDefine().Match(Device("NanoGate_Crypto_Native_Interop.cpp"));
        Assert.True(define.Success, "no #define NANOGATE_CRYPTO_INTEROP_CHECKSUM 0x........ in NanoGate_Crypto_Native_Interop.cpp");
        Assert.NotEqual(0u, s_table.Value.Checksum);
        Assert.Equal($"0x{s_table.Value.Checksum:X8}", define.Groups[1].Value);
    }

    [Fact]
    public void The_method_lookup_rows_are_the_declarations_in_method_order()
    {
        string cpp = Device("NanoGate_Crypto_Native_Interop.cpp");
        Match block = LookupBlock().Match(cpp);
        Assert.True(block.Success, "no method_lookup[] in NanoGate_Crypto_Native_Interop.cpp");
        List<string?> rows = block.Groups[1].Value.Split('\n')
            .Select(l => l.Trim().TrimEnd(','))
            .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal))
            .Select(l => l == "NULL" ? null : l)
            .ToList();
        Assert.Equal(s_table.Value.Lookup, rows);
    }

    [Fact]
    public void The_header_declares_and_the_marshalling_defines_each_stub()
    {
        List<string> stubs = s_table.Value.Stubs.ToList();
        Assert.NotEmpty(stubs);
        List<string> declared = NativeDeclare().Matches(Device("NanoGate_Crypto_Native_Interop.h")).Select(m => $"{Struct}::{m.Groups[1].Value}").ToList();
        Assert.Equal(stubs, declared);

        var defined = MarshalDefinition().Matches(Device("NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods_mshl.cpp"))
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(stubs.Order(StringComparer.Ordinal), defined.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_native_assembly_data_names_the_assembly_and_its_native_version()
    {
        Match data = AssemblyData().Match(Device("NanoGate_Crypto_Native_Interop.cpp"));
        Assert.True(data.Success, "no g_CLR_AssemblyNative_NanoGate_Crypto_Native_Interop initializer");
        Assert.Equal(s_table.Value.AssemblyName, data.Groups[1].Value);
        Assert.NotNull(s_table.Value.NativeVersion);
        Assert.Equal(s_table.Value.NativeVersion!.ToString().Replace(".", ", ", StringComparison.Ordinal), data.Groups[2].Value);
    }

    private static string FindRoot()
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

    [GeneratedRegex(@"#define NANOGATE_CRYPTO_INTEROP_CHECKSUM (0x[0-9A-F]{8})\b")]
    private static partial Regex ChecksumDefine();

    [GeneratedRegex(@"method_lookup\[\] =\s*\{([^}]*)\};")]
    private static partial Regex LookupBlock();

    [GeneratedRegex(@"NANOCLR_NATIVE_DECLARE\((\w+)\);")]
    private static partial Regex NativeDeclare();

    [GeneratedRegex(@"HRESULT (Library_\w+::\w+)\( CLR_RT_StackFrame& stack \)")]
    private static partial Regex MarshalDefinition();

    [GeneratedRegex(@"g_CLR_AssemblyNative_NanoGate_Crypto_Native_Interop =\s*\{\s*""([^""]+)"",\s*\w+,\s*method_lookup,\s*\{ ([0-9, ]+) \}")]
    private static partial Regex AssemblyData();
}
