using NanoGate.Hal;

namespace NanoGate.Boards.Sim;

/// <summary>An IPv4 address and UDP port, for the simulation's bookkeeping.</summary>
public readonly record struct Endpoint(uint Address, int Port)
{
    public static Endpoint Parse(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon < 0 || !Ipv4.TryParse(text[..colon], out uint address) || !int.TryParse(text[(colon + 1)..], out int port))
        {
            throw new FormatException($"not an address:port: '{text}'");
        }

        return new Endpoint(address, port);
    }

    public override string ToString() => $"{Ipv4.Format(Address)}:{Port}";
}
