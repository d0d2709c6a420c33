using System;

namespace NanoGate.Hal
{
    /// <summary>
    /// Marks a method that runs once per packet. The nanoFramework guard (tests/Guard) rejects a
    /// marked method, and any method of ours it calls directly, that allocates (newobj, newarr,
    /// box, string building), throws, or declares a local of a user-defined value type: nanoCLR
    /// allocates a heap block for every such local on method entry.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false)]
    public sealed class FastPathAttribute : Attribute
    {
    }
}
