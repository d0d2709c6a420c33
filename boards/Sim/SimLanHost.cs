namespace NanoGate.Boards.Sim;

/// <summary>A host on a simulated LAN: sends pings through its gateway and answers the ones it gets.</summary>
public sealed class SimLanHost
{
    private readonly SimLan _lan;

    internal SimLanHost(SimLan lan, uint address)
    {
        _lan = lan;
        Address = address;
    }

    public uint Address { get; }

    /// <summary>Echo replies received: (from, sequence).</summary>
    public List<(uint From, ushort Sequence)> Replies { get; } = [];

    /// <summary>Echo requests answered.</summary>
    public int Answered { get; private set; }

    public void Ping(uint destination, ushort sequence, int payloadLength = 56) =>
        _lan.FromHost(IcmpEcho.Build(Address, destination, IcmpEcho.EchoRequest, 0x4E47, sequence, payloadLength, sequence));

    internal void Receive(byte[] packet)
    {
        if (!IcmpEcho.TryRead(packet, packet.Length, out uint source, out uint destination, out int type, out ushort id, out ushort sequence)
            || destination != Address)
        {
            return;
        }

        if (type == IcmpEcho.EchoRequest)
        {
            Answered++;
            _lan.FromHost(IcmpEcho.Build(Address, source, IcmpEcho.EchoReply, id, sequence, packet.Length - 28, sequence));
        }
        else
        {
            Replies.Add((source, sequence));
        }
    }
}
