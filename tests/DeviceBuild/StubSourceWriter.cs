using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoGate.DeviceBuild;

/// <summary>
/// Writes C# for one listing section: every type and member with its listed signature and a body
/// that only throws (a reference assembly: the compiler needs the shapes, never the code). Each
/// member goes on a line of its own, and <see cref="MemberAtLine"/> maps a diagnostic back to it.
/// </summary>
internal sealed class StubSourceWriter
{
    private static readonly Dictionary<string, string> s_operators = new(StringComparer.Ordinal)
    {
        ["op_Equality"] = "==",
        ["op_Inequality"] = "!=",
        ["op_Addition"] = "+",
        ["op_Subtraction"] = "-",
        ["op_GreaterThan"] = ">",
        ["op_LessThan"] = "<",
        ["op_GreaterThanOrEqual"] = ">=",
        ["op_LessThanOrEqual"] = "<=",
    };

    private readonly StringBuilder _text = new();
    private readonly Dictionary<int, string> _lines = [];
    private readonly ISet<string> _overrides;
    private readonly IReadOnlyDictionary<string, List<string>> _extra;
    private int _line;

    /// <param name="overrides">"Type|member line" keys to write as override (found by a first compile).</param>
    /// <param name="extra">Type name to extra member text (interface members the listing leaves out).</param>
    public StubSourceWriter(ISet<string> overrides, IReadOnlyDictionary<string, List<string>> extra)
    {
        _overrides = overrides;
        _extra = extra;
    }

    /// <summary>"Type|member line" of the member written on a 0-based source line.</summary>
    public IReadOnlyDictionary<int, string> MemberAtLine => _lines;

    public string Write(IEnumerable<ListedType> types)
    {
        foreach (ListedType type in types)
        {
            if (type.Namespace.Length > 0)
            {
                Line("namespace " + type.Namespace + " {");
            }

            WriteType(type);
            if (type.Namespace.Length > 0)
            {
                Line("}");
            }
        }

        return _text.ToString();
    }

    private void WriteType(ListedType type)
    {
        string name = type.SimpleName;
        string kind = type.Kind;
        if (kind == "delegate")
        {
            string? invoke = type.Members.FirstOrDefault(m => m.Contains(" Invoke(", StringComparison.Ordinal));
            Signature sig = Signature.Parse(invoke![2..]);
            Line($"public delegate {TypeText(sig.Type)} {Id(name)}({Parameters(sig)});");
            return;
        }

        string bases = type.Bases.Count == 0 ? "" : " : " + string.Join(", ", type.Bases.Select(TypeText));
        Line($"public {kind} {Id(name)}{bases} {{");
        if (kind == "enum")
        {
            foreach (string m in type.Members.Where(m => m.StartsWith("F:", StringComparison.Ordinal)))
            {
                Line(Id(m[2..]) + ",");
            }
        }
        else
        {
            bool hasDefaultCtor = false;
            foreach (string m in type.Members)
            {
                string? text = MemberText(type, m);
                if (text is null)
                {
                    continue;
                }

                hasDefaultCtor |= m.EndsWith(".ctor()", StringComparison.Ordinal) && !m.Contains("static", StringComparison.Ordinal);
                _lines[_line] = type.Name + "|" + m;
                Line(text);
            }

            // A class without a listed parameterless constructor has none the user may call, but the
            // listed classes that derive from it need one to chain to.
            if (kind is "class" or "abstract class" && !hasDefaultCtor)
            {
                Line($"protected {Id(name)}() {{ }}");
            }
            else if (kind == "sealed class" && !hasDefaultCtor)
            {
                Line($"private {Id(name)}() {{ }}");
            }

            if (_extra.TryGetValue(type.Name, out List<string>? extra))
            {
                foreach (string e in extra)
                {
                    Line(e);
                }
            }
        }

        foreach (ListedType nested in type.Nested)
        {
            WriteType(nested);
        }

        Line("}");
    }

    private string? MemberText(ListedType type, string member)
    {
        bool isInterface = type.Kind == "interface";
        bool isStruct = type.Kind == "struct";
        char kind = member[0];
        Signature sig = Signature.Parse(member[2..]);
        string access = isInterface ? "" : sig.Has("protected") ? "protected " : "public ";
        bool isOverride = _overrides.Contains(type.Name + "|" + member);
        // The listings do not mark static events; in a static class every member is static.
        string mods = (sig.Has("static") || type.Kind == "static class" ? "static " : "")
            + (sig.Has("abstract") && !isInterface ? (isOverride ? "abstract override " : "abstract ") : "")
            + (sig.Has("virtual") ? (isOverride ? "override " : "virtual ") : "")
            + (sig.Has("new") && !isOverride ? "new " : "");
        string body = isInterface || sig.Has("abstract") ? ";" : " => throw null;";
        switch (kind)
        {
            case 'C':
                if (sig.Has("static"))
                {
                    return $"static {Id(type.SimpleName)}() {{ }}";
                }

                if (isStruct && sig.Params.Count == 0)
                {
                    return null; // C# 9: a struct has its parameterless constructor implicitly
                }

                return $"{access}{Id(type.SimpleName)}({Parameters(sig)}){(isStruct ? " : this()" : "")} {{ }}";
            case 'M':
                if (sig.Name == "Finalize" && sig.Params.Count == 0)
                {
                    return $"~{Id(type.SimpleName)}() {{ }}";
                }

                if (sig.Name is "op_Implicit" or "op_Explicit")
                {
                    string which = sig.Name == "op_Implicit" ? "implicit" : "explicit";
                    return $"public static {which} operator {TypeText(sig.Type)}({Parameters(sig)}) => throw null;";
                }

                if (s_operators.TryGetValue(sig.Name, out string? op))
                {
                    return $"public static {TypeText(sig.Type)} operator {op}({Parameters(sig)}) => throw null;";
                }

                return $"{access}{mods}{TypeText(sig.Type)} {Id(sig.Name)}({Parameters(sig)}){body}";
            case 'P':
                {
                    string accessors = string.Concat(sig.Accessors.Select(a => isInterface || sig.Has("abstract") ? a + "; " : a + " => throw null; "));
                    string head = sig.Index is null ? Id(sig.Name) : $"this[{string.Join(", ", sig.Index.Select((t, i) => TypeText(t) + " index" + i))}]";
                    return $"{access}{mods}{TypeText(sig.Type)} {head} {{ {accessors}}}";
                }

            case 'F':
                {
                    string fieldMods = sig.Has("const") ? "const " : (sig.Has("static") ? "static " : "") + (sig.Has("readonly") ? "readonly " : "");
                    string init = sig.Has("const") ? " = default" : "";
                    return $"{access}{fieldMods}{TypeText(sig.Type)} {Id(sig.Name)}{init};";
                }

            case 'E':
                return isInterface
                    ? $"event {TypeText(sig.Type)} {Id(sig.Name)};"
                    : $"{access}{mods}event {TypeText(sig.Type)} {Id(sig.Name)} {{ add {{ }} remove {{ }} }}";
            default:
                return null;
        }
    }

    private static string Parameters(Signature sig) =>
        string.Join(", ", sig.Params.Select(p => (p.Modifier.Length > 0 ? p.Modifier + " " : "") + TypeText(p.Type) + " " + Id(p.Name)));

    /// <summary>A listed type name as C#: keywords stay, full names are rooted (a namespace such as
    /// nanoFramework.System.IO.FileSystem would otherwise capture "System").</summary>
    internal static string TypeText(string listed)
    {
        string element = listed.TrimEnd('[', ']');
        string rank = listed[element.Length..];
        return element.Contains('.', StringComparison.Ordinal) ? "global::" + element.Replace('+', '.') + rank : element + rank;
    }

    private static string Id(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private void Line(string text)
    {
        _text.Append(text).Append('\n');
        _line++;
    }
}
