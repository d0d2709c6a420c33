namespace NanoGate.CostModel;

/// <summary>
/// What the instrumented assemblies call: at the start of every basic block with its IL instruction
/// count, and before every call into the native crypto component. One thread, no locking.
/// </summary>
public static class IlCounter
{
    public static long Instructions;
    public static long NativeCalls;

    public static void Block(int instructions) => Instructions += instructions;

    public static void Native() => NativeCalls++;
}
