namespace NanoGate.Boards.Sim;

/// <summary>What the simulated network does wrong, per datagram. Percentages are 0..100.</summary>
public sealed class NetworkFaults
{
    public int LossPercent { get; set; }
    public int DuplicatePercent { get; set; }
    /// <summary>A reordered datagram is held back by an extra <see cref="ReorderDelayMs"/>.</summary>
    public int ReorderPercent { get; set; }
    public int ReorderDelayMs { get; set; } = 30;
    /// <summary>One-way delay of every datagram.</summary>
    public int DelayMs { get; set; } = 1;
}
