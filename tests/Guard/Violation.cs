namespace NanoGate.Guard;

/// <summary>One broken rule: the assembly file, the member where it occurs, the rule and the detail.</summary>
public sealed record Violation(string Assembly, string Member, string Rule, string Detail)
{
    public override string ToString() => $"{Assembly}: {Member}: [{Rule}] {Detail}";
}
