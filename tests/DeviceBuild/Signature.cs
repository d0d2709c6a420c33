using System.Text.RegularExpressions;

namespace NanoGate.DeviceBuild;

/// <summary>A member line of a listing, split: modifiers, type, name, parameters, accessors.</summary>
internal sealed partial class Signature
{
    private static readonly string[] s_modifiers =
        ["static", "virtual", "abstract", "extern(native)", "override", "sealed", "const", "readonly", "protected", "new"];

    private readonly HashSet<string> _modifiers = new(StringComparer.Ordinal);

    /// <summary>Return, property, field or event type ("" for a constructor or an enum value).</summary>
    public string Type { get; private set; } = "";

    public string Name { get; private set; } = "";

    public List<Parameter> Params { get; } = [];

    /// <summary>Indexer parameter types, or null.</summary>
    public string[]? Index { get; private set; }

    /// <summary>"get", "set".</summary>
    public List<string> Accessors { get; } = [];

    public bool Has(string modifier) => _modifiers.Contains(modifier);

    /// <summary>Parses the text after "X:" ("static extern(native) double Abs(double value)").</summary>
    public static Signature Parse(string text)
    {
        var sig = new Signature();
        bool stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (string m in s_modifiers)
            {
                if (text.StartsWith(m + " ", StringComparison.Ordinal))
                {
                    sig._modifiers.Add(m);
                    text = text[(m.Length + 1)..];
                    stripped = true;
                }
            }
        }

        int paren = text.IndexOf('(', StringComparison.Ordinal);
        Match property = PropertyRegex().Match(text);
        if (property.Success)
        {
            sig.Type = property.Groups["type"].Value;
            sig.Name = property.Groups["name"].Value;
            if (property.Groups["index"].Success)
            {
                sig.Index = property.Groups["index"].Value.Split(',', StringSplitOptions.TrimEntries);
            }

            sig.Accessors.AddRange(property.Groups["acc"].Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }
        else if (paren >= 0)
        {
            string head = text[..paren];
            int space = head.LastIndexOf(' ');
            sig.Type = space < 0 ? "" : head[..space];
            sig.Name = head[(space + 1)..];
            string inner = text[(paren + 1)..text.LastIndexOf(')')];
            foreach (string p in inner.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                string[] words = p.Split(' ');
                string modifier = words.Length == 3 ? words[0] : "";
                sig.Params.Add(new Parameter(modifier, words[^2], words[^1]));
            }
        }
        else
        {
            int space = text.LastIndexOf(' ');
            sig.Type = space < 0 ? "" : text[..space];
            sig.Name = text[(space + 1)..];
        }

        return sig;
    }

    [GeneratedRegex(@"^(?<type>\S+) (?<name>[A-Za-z_][A-Za-z0-9_]*)(\[(?<index>[^\]]*)\])? \{(?<acc>[^}]*)\}$")]
    private static partial Regex PropertyRegex();

    /// <summary>"ref", "out", "params" or "".</summary>
    internal sealed record Parameter(string Modifier, string Type, string Name);
}
