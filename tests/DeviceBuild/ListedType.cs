namespace NanoGate.DeviceBuild;

/// <summary>One "T:" line of an API listing and the member lines under it.</summary>
internal sealed class ListedType
{
    public ListedType(string assembly, string name, string kind, IReadOnlyList<string> bases)
    {
        Assembly = assembly;
        Name = name;
        Kind = kind;
        Bases = bases;
    }

    /// <summary>The "# assembly" section the type is listed in.</summary>
    public string Assembly { get; }

    /// <summary>Full name, nested types as "Outer+Inner".</summary>
    public string Name { get; }

    /// <summary>"class", "sealed class", "abstract class", "static class", "struct", "interface", "enum", "delegate".</summary>
    public string Kind { get; }

    public IReadOnlyList<string> Bases { get; }

    /// <summary>The member lines without their indent ("M:void Dispose()").</summary>
    public List<string> Members { get; } = [];

    /// <summary>Nested types listed as "Name+Inner".</summary>
    public List<ListedType> Nested { get; } = [];

    public string SimpleName => Name[(Math.Max(Name.LastIndexOf('+'), Name.LastIndexOf('.')) + 1)..];

    public string Namespace => Name.Contains('+', StringComparison.Ordinal) ? "" : Name[..Math.Max(0, Name.LastIndexOf('.'))];

    public string OuterName => Name[..Name.LastIndexOf('+')];

    public bool IsNested => Name.Contains('+', StringComparison.Ordinal);
}
