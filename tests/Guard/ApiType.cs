namespace NanoGate.Guard;

/// <summary>A type of the listing with its kind ("class", "struct", "enum", ...), bases and members.</summary>
public sealed class ApiType(string name, string kind, IReadOnlyList<string> bases)
{
    public string Name { get; } = name;
    public string Kind { get; } = kind;
    public IReadOnlyList<string> Bases { get; } = bases;
    public List<ApiMember> Members { get; } = [];
    public bool IsEnum => Kind == "enum";
    public bool IsValueType => Kind.EndsWith("struct", StringComparison.Ordinal) || IsEnum;
    public bool IsDelegate => Kind == "delegate";
}
