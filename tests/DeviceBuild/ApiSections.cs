namespace NanoGate.DeviceBuild;

/// <summary>
/// The API listings (tests/Guard/data/api-1x-*.txt) split by their "# assembly NAME" sections:
/// each section is one nanoFramework class library, in the format the listings' headers describe.
/// </summary>
internal static class ApiSections
{
    /// <summary>Assembly name to its top-level types (nested types hang under their outer type).</summary>
    public static SortedDictionary<string, List<ListedType>> Load(IEnumerable<string> paths)
    {
        var sections = new SortedDictionary<string, List<ListedType>>(StringComparer.Ordinal);
        var byName = new Dictionary<string, ListedType>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            string? assembly = null;
            ListedType? current = null;
            foreach (string raw in File.ReadLines(path))
            {
                if (raw.StartsWith("# assembly ", StringComparison.Ordinal))
                {
                    assembly = raw["# assembly ".Length..].Split(' ')[0];
                    current = null;
                }
                else if (raw.StartsWith("T:", StringComparison.Ordinal) && assembly is not null)
                {
                    current = ParseType(assembly, raw[2..]);
                    string key = assembly + "|" + current.Name;
                    if (byName.TryGetValue(key, out ListedType? seen))
                    {
                        current = seen;
                        continue;
                    }

                    byName.Add(key, current);
                    if (current.IsNested && byName.TryGetValue(assembly + "|" + current.OuterName, out ListedType? outer))
                    {
                        outer.Nested.Add(current);
                    }
                    else
                    {
                        if (!sections.TryGetValue(assembly, out List<ListedType>? types))
                        {
                            types = [];
                            sections.Add(assembly, types);
                        }

                        types.Add(current);
                    }
                }
                else if (current is not null && raw.StartsWith("  ", StringComparison.Ordinal) && raw.Length > 4 && raw[3] == ':')
                {
                    if (!current.Members.Contains(raw[2..]))
                    {
                        current.Members.Add(raw[2..]);
                    }
                }
            }
        }

        return sections;
    }

    private static ListedType ParseType(string assembly, string line)
    {
        // "System.IO.MemoryStream [class] : System.IO.Stream, System.IDisposable"
        int bracket = line.IndexOf(" [", StringComparison.Ordinal);
        int close = line.IndexOf(']', bracket);
        string rest = line[(close + 1)..].Trim();
        string[] bases = rest.StartsWith(':')
            ? rest[1..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        return new ListedType(assembly, line[..bracket], line[(bracket + 2)..close], bases);
    }
}
