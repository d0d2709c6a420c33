using NanoGate.Hal;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>Offers <c>packet</c> on every Receive; counts deliveries. Allocates nothing.</summary>
internal sealed class LoopLan(byte[] packet) : ILanPort
{
    public long Delivered;

    public int Receive(byte[] buffer, int offset, int count)
    {
        Array.Copy(packet, 0, buffer, offset, packet.Length);
        return packet.Length;
    }

    public bool Send(byte[] buffer, int offset, int count)
    {
        Delivered++;
        return true;
    }
}
