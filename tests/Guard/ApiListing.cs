using System.Text.RegularExpressions;

namespace NanoGate.Guard;

/// <summary>
/// The nanoFramework 1.x public API, parsed from the listing files in data/ (format: their header).
/// Type names are metadata names ("System.Action`1", nested "Outer+Inner"); member signatures use
/// C# keyword aliases and full names, the same text <see cref="SignatureNames"/> produces from IL.
/// </summary>
public sealed partial class ApiListing
{
    private static readonly HashSet<string> s_modifiers =
        ["static", "virtual", "abstract", "extern(native)", "override", "sealed", "const", "readonly", "protected", "new"];

    private readonly Dictionary<string, ApiType> _types = new(StringComparer.Ordinal);

    /// <summary>Loads the listings shipped beside the guard (data/api-1x-*.txt).</summary>
    public static ApiListing LoadDefault()
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "data");
        return Load(Directory.GetFiles(dir, "api-1x-*.txt").OrderBy(p => p, StringComparer.Ordinal).ToArray());
    }

    /// <summary>Parses listing files; a type listed in several files is merged.</summary>
    public static ApiListing Load(params string[] paths)
    {
        var listing = new ApiListing();
        foreach (string path in paths)
        {
            ApiType? current = null;
            foreach (string raw in File.ReadLines(path))
            {
                if (raw.StartsWith("T:", StringComparison.Ordinal))
                {
                    current = listing.AddType(raw[2..]);
                }
                else if (current is not null && raw.StartsWith("  ", StringComparison.Ordinal) && raw.Length > 4 && raw[3] == ':')
                {
                    foreach (ApiMember m in ParseMember(raw[2], raw[4..]))
                    {
                        if (!current.Members.Contains(m))
                        {
                            current.Members.Add(m);
                        }
                    }
                }
            }
        }

        return listing;
    }

    /// <summary>The type with this metadata name, or null.</summary>
    public ApiType? Find(string metadataName) => _types.GetValueOrDefault(metadataName);

    /// <summary>Number of types listed.</summary>
    public int TypeCount => _types.Count;

    /// <summary>
    /// Finds a member on the type or on a base it inherits from (nanoCLR resolves member
    /// references up the hierarchy too). Returns null when found, else the reason.
    /// </summary>
    public string? CheckMember(string typeName, ApiMember wanted)
    {
        ApiType? type = Find(typeName);
        if (type is null)
        {
            return $"type {typeName} does not exist in nanoFramework 1.x";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sameName = new List<ApiMember>();
        var queue = new Queue<ApiType>();
        queue.Enqueue(type);
        while (queue.Count > 0)
        {
            ApiType t = queue.Dequeue();
            if (!seen.Add(t.Name))
            {
                continue;
            }

            foreach (ApiMember m in t.Members)
            {
                if (m.Name != wanted.Name)
                {
                    continue;
                }

                if (wanted.Kind == 'F' || Matches(m, wanted))
                {
                    return null;
                }

                sameName.Add(m);
            }

            // Constructors are not inherited.
            if (wanted.Name is ".ctor" or ".cctor")
            {
                break;
            }

            foreach (string b in ImplicitBases(t))
            {
                if (Find(b) is ApiType bt)
                {
                    queue.Enqueue(bt);
                }
            }
        }

        string kind = wanted.Kind == 'F' ? "field" : "member";
        string have = sameName.Count == 0
            ? ""
            : "; nanoFramework has " + string.Join(" | ", sameName.Select(m => m.ToString()).Distinct());
        return $"{kind} {typeName}::{wanted} does not exist in nanoFramework 1.x{have}";
    }

    private static bool Matches(ApiMember have, ApiMember wanted) =>
        have.IsStatic == wanted.IsStatic
        && have.ReturnType == wanted.ReturnType
        && have.Parameters is not null && wanted.Parameters is not null
        && have.Parameters.SequenceEqual(wanted.Parameters);

    private IEnumerable<string> ImplicitBases(ApiType t)
    {
        foreach (string b in t.Bases)
        {
            yield return b;
        }

        if (t.IsEnum)
        {
            yield return "System.Enum";
        }
        else if (t.IsValueType)
        {
            yield return "System.ValueType";
        }
        else if (t.IsDelegate)
        {
            yield return "System.MulticastDelegate";
        }

        if (t.Name != "System.Object")
        {
            yield return "System.Object";
        }
    }

    private ApiType AddType(string line)
    {
        // "System.Array [abstract class] : System.ICloneable, System.Collections.IList"
        int bracket = line.IndexOf(" [", StringComparison.Ordinal);
        int close = line.IndexOf(']', bracket);
        string name = MetadataName(line[..bracket]);
        string kind = line[(bracket + 2)..close];
        string rest = line[(close + 1)..].Trim();
        var bases = rest.StartsWith(':')
            ? SplitTopLevel(rest[1..]).Select(b => MetadataName(b.Trim())).ToList()
            : [];
        if (!_types.TryGetValue(name, out ApiType? type))
        {
            type = new ApiType(name, kind, bases);
            _types.Add(name, type);
        }

        return type;
    }

    /// <summary>"System.Action&lt;T1,T2&gt;" becomes "System.Action`2".</summary>
    internal static string MetadataName(string csharpName)
    {
        int lt = csharpName.IndexOf('<');
        if (lt < 0)
        {
            return csharpName;
        }

        int arity = SplitTopLevel(csharpName[(lt + 1)..^1]).Count;
        return csharpName[..lt] + "`" + arity;
    }

    private static IEnumerable<ApiMember> ParseMember(char kind, string text)
    {
        var (isStatic, body) = StripModifiers(text);
        switch (kind)
        {
            case 'C':
                {
                    // ".ctor(string message)"
                    var (name, parameters) = SplitCall(body);
                    yield return new ApiMember('M', isStatic, name, "void", parameters);
                    break;
                }

            case 'M':
                {
                    // "void Copy(System.Array sourceArray, int sourceIndex, ...)"
                    int paren = body.IndexOf('(');
                    string head = body[..paren];
                    int space = head.LastIndexOf(' ');
                    string ret = head[..space];
                    var (name, parameters) = SplitCall(head[(space + 1)..] + body[paren..]);
                    yield return new ApiMember('M', isStatic, StripGenericArity(name), ret, parameters);
                    break;
                }

            case 'P':
                {
                    // "char Chars[int] {get;}" or "int Length {get;set;}"
                    Match m = PropertyRegex().Match(body);
                    if (!m.Success)
                    {
                        yield break;
                    }

                    string type = m.Groups["type"].Value;
                    string name = m.Groups["name"].Value;
                    string[] index = m.Groups["index"].Success
                        ? SplitTopLevel(m.Groups["index"].Value).Select(NormaliseType).ToArray()
                        : [];
                    string accessors = m.Groups["acc"].Value;
                    if (accessors.Contains("get", StringComparison.Ordinal))
                    {
                        yield return new ApiMember('M', isStatic, "get_" + name, NormaliseType(type), index);
                    }

                    if (accessors.Contains("set", StringComparison.Ordinal))
                    {
                        yield return new ApiMember('M', isStatic, "set_" + name, "void", [.. index, NormaliseType(type)]);
                    }

                    break;
                }

            case 'F':
                {
                    // "static readonly string Empty", "const int MaxValue", or an enum value "CBC"
                    string name = body[(body.LastIndexOf(' ') + 1)..];
                    yield return new ApiMember('F', isStatic, name, "", null);
                    break;
                }

            case 'E':
                {
                    int space = body.LastIndexOf(' ');
                    string handler = NormaliseType(body[..space]);
                    string name = body[(space + 1)..];
                    yield return new ApiMember('M', isStatic, "add_" + name, "void", [handler]);
                    yield return new ApiMember('M', isStatic, "remove_" + name, "void", [handler]);
                    break;
                }
        }
    }

    private static (bool IsStatic, string Body) StripModifiers(string text)
    {
        bool isStatic = false;
        while (true)
        {
            int space = text.IndexOf(' ');
            if (space < 0)
            {
                return (isStatic, text);
            }

            string word = text[..space];
            if (!s_modifiers.Contains(word))
            {
                return (isStatic, text);
            }

            isStatic |= word == "static" || word == "const";
            text = text[(space + 1)..];
        }
    }

    private static (string Name, string[] Parameters) SplitCall(string text)
    {
        int paren = text.IndexOf('(');
        string name = text[..paren];
        string inner = text[(paren + 1)..text.LastIndexOf(')')];
        string[] parameters = SplitTopLevel(inner)
            .Select(p => p.Trim())
            .Where(p => p.Length > 0)
            .Select(p => NormaliseType(p[..p.LastIndexOf(' ')]))
            .ToArray();
        return (name, parameters);
    }

    /// <summary>Drops parameter modifiers the IL does not distinguish: out/in become ref, params goes.</summary>
    private static string NormaliseType(string type)
    {
        type = type.Trim();
        if (type.StartsWith("params ", StringComparison.Ordinal))
        {
            type = type[7..];
        }

        if (type.StartsWith("out ", StringComparison.Ordinal) || type.StartsWith("in ", StringComparison.Ordinal))
        {
            type = "ref " + type[(type.IndexOf(' ') + 1)..];
        }

        return type;
    }

    private static string StripGenericArity(string name)
    {
        int lt = name.IndexOf('<');
        return lt < 0 ? name : name[..lt];
    }

    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '<':
                case '[':
                    depth++;
                    break;
                case '>':
                case ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(text[start..i]);
                    start = i + 1;
                    break;
            }
        }

        if (text.Length > 0)
        {
            parts.Add(text[start..]);
        }

        return parts;
    }

    [GeneratedRegex(@"^(?<type>.+?) (?<name>[A-Za-z_][A-Za-z0-9_]*)(\[(?<index>[^\]]*)\])? \{(?<acc>[^}]*)\}$")]
    private static partial Regex PropertyRegex();
}
