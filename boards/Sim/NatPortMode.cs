namespace NanoGate.Boards.Sim;

/// <summary>How the simulated NAPT picks the public source port.</summary>
public enum NatPortMode
{
    /// <summary>Keeps the inside source port (500 stays 500) while it is free.</summary>
    Preserve,

    /// <summary>Maps every new flow to a random port in 40000-49999, like nftables "masquerade random".</summary>
    Change,
}
