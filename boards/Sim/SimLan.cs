using NanoGate.Hal;

namespace NanoGate.Boards.Sim;

/// <summary>
/// A protected LAN behind one gateway: the gateway's <see cref="ILanPort"/> on one side, simulated
/// hosts that send and answer pings on the other.
/// </summary>
public sealed class SimLan : ILanPort
{
    private readonly Queue<byte[]> _toGateway = new();
    private readonly Dictionary<uint, SimLanHost> _hosts = [];

    /// <summary>Packets the gateway delivered to an address with no host.</summary>
    public int Undeliverable { get; private set; }

    public SimLanHost AddHost(uint address)
    {
        var host = new SimLanHost(this, address);
        _hosts[address] = host;
        return host;
    }

    int ILanPort.Receive(byte[] buffer, int offset, int count)
    {
        if (!_toGateway.TryPeek(out byte[]? packet))
        {
            return 0;
        }

        _toGateway.Dequeue();
        if (packet.Length > count)
        {
            return -1;
        }

        Array.Copy(packet, 0, buffer, offset, packet.Length);
        return packet.Length;
    }

    bool ILanPort.Send(byte[] buffer, int offset, int count)
    {
        byte[] packet = buffer.AsSpan(offset, count).ToArray();
        if (count < 20 || !_hosts.TryGetValue(Ipv4.Read(packet, 16), out SimLanHost? host))
        {
            Undeliverable++;
            return true;
        }

        host.Receive(packet);
        return true;
    }

    internal void FromHost(byte[] packet) => _toGateway.Enqueue(packet);
}
