namespace NanoGate.Boards.Sim;

/// <summary>One datagram as a tap on a link saw it (what tcpdump would show there).</summary>
public sealed record WireRecord(long TimeMs, string Link, Endpoint Source, Endpoint Destination, byte[] Payload)
{
    public override string ToString() => $"{TimeMs,6} ms {Link,-8} {Source} -> {Destination} {Payload.Length} bytes";
}
