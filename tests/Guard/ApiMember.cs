namespace NanoGate.Guard;

/// <summary>One callable member of the listing, normalised to what IL references: properties
/// become get_/set_ methods, events add_/remove_, constructors ".ctor".</summary>
public sealed record ApiMember(char Kind, bool IsStatic, string Name, string ReturnType, string[]? Parameters)
{
    /// <summary>C#-like text for messages.</summary>
    public override string ToString() =>
        Parameters is null ? $"{ReturnType} {Name}" : $"{(IsStatic ? "static " : "")}{ReturnType} {Name}({string.Join(", ", Parameters)})";
}
