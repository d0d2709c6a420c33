namespace NanoGate.Guard.Tests;

/// <summary>Each forbidden construct, alone in a tiny assembly, is caught and named.</summary>
public class GuardRuleTests
{
    private static readonly PortabilityGuard s_guard = new(ApiListing.LoadDefault());

    private static IReadOnlyList<Violation> Check(string name, string source, bool allowUnsafe = false) =>
        s_guard.Check([SampleCompiler.Compile(name, source, allowUnsafe)]);

    private static void AssertCaught(IReadOnlyList<Violation> violations, string rule, string member, string detailPart)
    {
        Assert.Contains(violations, v => v.Rule == rule && v.Member == member && v.Detail.Contains(detailPart, StringComparison.Ordinal));
    }

    [Fact]
    public void Clean_portable_code_passes()
    {
        const string Source = """
            using NanoGate.Hal;
            public sealed class Counter
            {
                private readonly byte[] _buffer = new byte[16];
                private int _count;
                public static int Parse(string s) { int v; return int.TryParse(s, out v) ? v : -1; }
                [FastPath]
                public int Add(byte[] data, int offset, int count)
                {
                    System.Array.Copy(data, offset, _buffer, 0, count < 16 ? count : 16);
                    _count += count;
                    return _count;
                }
                public override string ToString() { return "count " + _count.ToString(); }
            }
            """;
        Assert.Empty(Check("Clean", Source));
    }

    [Fact]
    public void Generic_collection_is_caught()
    {
        var v = Check("ListT", "public class C { public int M() { var l = new System.Collections.Generic.List<int>(); l.Add(1); return l.Count; } }");
        AssertCaught(v, "construct", "C::M", "generic type System.Collections.Generic.List`1<int>");
        AssertCaught(v, "api", "C::M", "System.Collections.Generic.List`1 does not exist");
    }

    [Fact]
    public void Span_is_caught()
    {
        var v = Check("SpanT", "public class C { public byte M(byte[] b) { System.Span<byte> s = b; return s[0]; } }");
        AssertCaught(v, "construct", "C::M", "generic type System.Span`1<byte>");
    }

    [Fact]
    public void Missing_member_is_caught_and_overloads_named()
    {
        var v = Check("BlockCopy", "public class C { public void M(byte[] a, byte[] b) { System.Buffer.BlockCopy(a, 0, b, 0, 4); } }");
        AssertCaught(v, "api", "C::M", "type System.Buffer does not exist in nanoFramework 1.x");

        var w = Check("ArrayClear1", "public class C { public void M(byte[] a) { System.Array.Clear(a); } }");
        AssertCaught(w, "api", "C::M", "System.Array::static void Clear(System.Array) does not exist");
        AssertCaught(w, "api", "C::M", "nanoFramework has static void Clear(System.Array, int, int)");
    }

    [Fact]
    public void Multidimensional_array_is_caught()
    {
        var v = Check("Md", "public class C { public int M() { var a = new int[2, 3]; return a[1, 2]; } }");
        AssertCaught(v, "construct", "C::M", "multidimensional array int[,]");
    }

    [Fact]
    public void Stackalloc_is_caught()
    {
        var v = Check("Stackalloc", "public unsafe class C { public int M() { byte* p = stackalloc byte[16]; p[0] = 1; return p[0]; } public static int P(byte* p) { return p[0]; } }", allowUnsafe: true);
        AssertCaught(v, "construct", "C::M", "stackalloc (localloc");
        AssertCaught(v, "construct", "C::P", "pointer type byte*");
    }

    [Fact]
    public void Generic_definitions_are_caught()
    {
        var v = Check("GenDef", "public class Box<T> { public T Value; } public static class U { public static T Id<T>(T x) { return x; } public static int Use() { return Id(3); } }");
        AssertCaught(v, "construct", "Box`1", "defines a generic type");
        AssertCaught(v, "construct", "U::Id", "defines a generic method");
        AssertCaught(v, "construct", "U::Use", "instantiates a generic method");
    }

    [Fact]
    public void New_in_fast_path_is_caught()
    {
        var v = Check("FastNew", "using NanoGate.Hal; public class C { [FastPath] public byte[] M() { return new byte[4]; } [FastPath] public object N() { return new object(); } }");
        AssertCaught(v, "fast-path", "C::M", "newarr");
        AssertCaught(v, "fast-path", "C::N", "newobj System.Object::.ctor");
    }

    [Fact]
    public void Box_throw_string_building_and_struct_locals_in_fast_path_are_caught()
    {
        const string Source = """
            using NanoGate.Hal;
            public struct Pair { public int A; public int B; }
            public enum Reason { None, Replay }
            public class C
            {
                [FastPath] public object Boxes(int x) { return x; }
                [FastPath] public void Throws(int x) { if (x < 0) throw new System.ArgumentException("x"); }
                [FastPath] public string Builds(int x) { return "n=" + x.ToString(); }
                [FastPath] public int StructLocal(int x) { Pair p; p.A = x; p.B = x; return p.A + p.B; }
                [FastPath] public int EnumLocalIsFine(int x) { Reason r = x > 0 ? Reason.Replay : Reason.None; return (int)r; }
            }
            """;
        var v = Check("FastMisc", Source);
        AssertCaught(v, "fast-path", "C::Boxes", "box System.Int32");
        AssertCaught(v, "fast-path", "C::Throws", "throw");
        AssertCaught(v, "fast-path", "C::Builds", "call System.String::Concat allocates");
        AssertCaught(v, "fast-path", "C::StructLocal", "local of value type Pair");
        Assert.DoesNotContain(v, x => x.Member == "C::EnumLocalIsFine");
    }

    [Fact]
    public void Fast_path_follows_direct_calls_into_our_code()
    {
        const string Source = """
            using NanoGate.Hal;
            public static class Helpers { public static byte[] Scratch(int n) { return new byte[n]; } public static int Pure(int n) { return n * 2; } }
            public class C
            {
                [FastPath] public int M(int n) { return Helpers.Scratch(n).Length; }
                [FastPath] public int P(int n) { return Helpers.Pure(n); }
            }
            """;
        var v = Check("FastVia", Source);
        AssertCaught(v, "fast-path", "C::M", "via Helpers::Scratch: newarr");
        Assert.DoesNotContain(v, x => x.Member == "C::P");
    }

    [Fact]
    public void Allocation_outside_fast_path_is_allowed()
    {
        var v = Check("SlowNew", "public class C { public byte[] M() { return new byte[4]; } public object N(int x) { return x; } }");
        Assert.Empty(v);
    }
}
