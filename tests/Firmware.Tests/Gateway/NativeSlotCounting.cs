namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Tests that count the native provider's slots (a process-wide figure) run one at a time: a
/// collection, so xunit does not run them beside each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NativeSlotCounting
{
    public const string Name = "native slot counting";
}
