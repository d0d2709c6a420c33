using NanoGate.Hal;

namespace NanoGate.Pstn.Tests;

/// <summary>
/// A cable that first carries a live negotiation (<see cref="Live"/>), then replays one recorded
/// frame per read on demand and swallows what the gateway sends, allocating nothing itself.
/// </summary>
internal sealed class ReplayCable(PeerCable live) : ISerialPort
{
    public PeerCable Live { get; } = live;

    public byte[]? Replay { get; set; }

    public int Pending { get; set; }

    public long BytesSwallowed { get; private set; }

    public int Read(byte[] buffer, int offset, int count)
    {
        if (Replay is null)
        {
            return Live.Read(buffer, offset, count);
        }

        if (Pending == 0 || count < Replay.Length)
        {
            return 0;
        }

        Pending--;
        Array.Copy(Replay, 0, buffer, offset, Replay.Length);
        return Replay.Length;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        if (Replay is null)
        {
            Live.Write(buffer, offset, count);
            return;
        }

        BytesSwallowed += count;
    }
}
