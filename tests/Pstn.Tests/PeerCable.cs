using NanoGate.Boards.Sim;
using NanoGate.Hal;

namespace NanoGate.Pstn.Tests;

/// <summary>A direct serial cable from the gateway to a simulated PPP server.</summary>
internal sealed class PeerCable : ISerialPort
{
    private readonly Queue<byte> _toGateway = new();

    public PeerCable()
    {
        Peer = new SimPppPeer((b, o, n) =>
        {
            for (int i = 0; i < n; i++)
            {
                _toGateway.Enqueue(b[o + i]);
            }
        });
    }

    public SimPppPeer Peer { get; }

    /// <summary>Bytes the gateway wrote.</summary>
    public long Written { get; private set; }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = 0;
        while (n < count && _toGateway.Count > 0)
        {
            buffer[offset + n++] = _toGateway.Dequeue();
        }

        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        Written += count;
        for (int i = 0; i < count; i++)
        {
            Peer.FromGateway(buffer[offset + i]);
        }
    }
}
