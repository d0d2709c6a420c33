using NanoGate.Boards.Sim;

namespace NanoGate.Pstn.Tests;

/// <summary>The far end of a simulated call that only records what arrives.</summary>
internal sealed class FarEndRecorder : ISimModemFarEnd
{
    public List<byte> Received { get; } = new();

    public void FromGateway(byte value) => Received.Add(value);

    public void CallStarted()
    {
    }
}
