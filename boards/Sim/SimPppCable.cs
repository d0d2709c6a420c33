using NanoGate.Hal;

namespace NanoGate.Boards.Sim;

/// <summary>
/// A direct serial cable from the gateway to a simulated PPP server (<see cref="Peer"/>). For
/// data-path measurements it can switch to replay: each read returns one recorded frame while
/// <see cref="Pending"/> says so, and the gateway's writes are counted and swallowed, so the cable
/// itself allocates nothing.
/// </summary>
public sealed class SimPppCable : ISerialPort
{
    private readonly Queue<byte> _toGateway = new();
    private int _replayOffset;

    public SimPppCable()
    {
        Peer = new SimPppPeer((b, o, n) =>
        {
            for (int i = 0; i < n; i++)
            {
                _toGateway.Enqueue(b[o + i]);
            }
        });
    }

    /// <summary>The access server at the other end.</summary>
    public SimPppPeer Peer { get; }

    /// <summary>When set, the frame each read replays (the live peer is no longer involved).</summary>
    public byte[]? Replay { get; set; }

    /// <summary>Replayed frames still to deliver.</summary>
    public int Pending { get; set; }

    /// <summary>Bytes the gateway wrote.</summary>
    public long Written { get; private set; }

    public int Read(byte[] buffer, int offset, int count)
    {
        if (Replay is not null)
        {
            if (Pending == 0)
            {
                return 0;
            }

            // Whole frames, or the rest of one, as the gateway's read size allows.
            int take = Math.Min(count, Replay.Length - _replayOffset);
            Array.Copy(Replay, _replayOffset, buffer, offset, take);
            _replayOffset += take;
            if (_replayOffset == Replay.Length)
            {
                _replayOffset = 0;
                Pending--;
            }

            return take;
        }

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
        if (Replay is not null)
        {
            return;
        }

        for (int i = 0; i < count; i++)
        {
            Peer.FromGateway(buffer[offset + i]);
        }
    }
}
