using NanoGate.Hal;

namespace NanoGate.Boards.Sim;

/// <summary>A UDP socket on the simulated network (the gateway's WAN port 500 or 4500).</summary>
public sealed class SimUdpSocket : IDatagramTransport
{
    private readonly SimNetwork _network;
    private readonly Queue<(Endpoint From, byte[] Data)> _inbox = new();

    internal SimUdpSocket(SimNetwork network, Endpoint local)
    {
        _network = network;
        Local = local;
    }

    public Endpoint Local { get; }

    public int LocalPort => Local.Port;

    /// <summary>Datagrams waiting to be received.</summary>
    public int Pending => _inbox.Count;

    public int Receive(byte[] buffer, int offset, int count, out uint remoteAddress, out int remotePort)
    {
        remoteAddress = 0;
        remotePort = 0;
        if (!_inbox.TryDequeue(out var item))
        {
            return 0;
        }

        remoteAddress = item.From.Address;
        remotePort = item.From.Port;
        if (item.Data.Length > count)
        {
            return DatagramReceive.TooBig;
        }

        if (item.Data.Length == 0)
        {
            return DatagramReceive.Empty;
        }

        Array.Copy(item.Data, 0, buffer, offset, item.Data.Length);
        return item.Data.Length;
    }

    /// <summary>Unbound (its board powered off): sends nothing, receives nothing more.</summary>
    public bool Closed { get; internal set; }

    public bool Send(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort)
    {
        if (Closed)
        {
            return false;
        }

        _network.Send(Local, new Endpoint(remoteAddress, remotePort), buffer.AsSpan(offset, count).ToArray());
        return true;
    }

    internal void Deliver(Endpoint from, byte[] data) => _inbox.Enqueue((from, data));
}
