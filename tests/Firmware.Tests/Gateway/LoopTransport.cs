using NanoGate.Hal;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>Holds the last datagram sent and hands it back once on Receive. Allocates nothing.</summary>
internal sealed class LoopTransport(uint peer) : IDatagramTransport
{
    private readonly byte[] _held = new byte[2048];
    private int _length;

    public int LocalPort => 4500;

    public int Receive(byte[] buffer, int offset, int count, out uint remoteAddress, out int remotePort)
    {
        remoteAddress = peer;
        remotePort = 4500;
        int n = _length;
        if (n == 0)
        {
            return 0;
        }

        Array.Copy(_held, 0, buffer, offset, n);
        _length = 0;
        return n;
    }

    public bool Send(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort)
    {
        Array.Copy(buffer, offset, _held, 0, count);
        _length = count;
        return true;
    }
}
