using NanoGate.Boards.Linux;
using NanoGate.Hal;

namespace NanoGate.Boards.Tests;

/// <summary>The linux board's UDP transport on loopback (127.0.0.1, ephemeral ports).</summary>
public class UdpTransportTests
{
    private const uint Loopback = 0x7F000001;

    [Fact]
    public void Datagrams_round_trip_with_the_sender_endpoint_and_nothing_waiting_reads_zero()
    {
        using var a = new UdpTransport(Loopback, 0);
        using var b = new UdpTransport(Loopback, 0);
        byte[] buffer = new byte[64];
        Assert.Equal(0, b.Receive(buffer, 0, buffer.Length, out _, out _));

        byte[] message = [0, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF];
        Assert.True(a.Send(message, 4, 4, Loopback, b.LocalPort));
        Assert.True(b.WaitReadable(2000));
        int n = b.Receive(buffer, 10, 50, out uint from, out int port);
        Assert.Equal(4, n);
        Assert.Equal(message[4..], buffer[10..14]);
        Assert.Equal(Loopback, from);
        Assert.Equal(a.LocalPort, port);
        Assert.Equal("127.0.0.1", Ipv4.Format(from));
    }

    [Fact]
    public void Receiving_and_sending_allocate_nothing_per_datagram()
    {
        using var a = new UdpTransport(Loopback, 0);
        using var b = new UdpTransport(Loopback, 0);
        byte[] message = new byte[1400];
        byte[] buffer = new byte[2048];
        for (int i = 0; i < 100; i++)
        {
            a.Send(message, 0, message.Length, Loopback, b.LocalPort);
            b.WaitReadable(2000);
            b.Receive(buffer, 0, buffer.Length, out _, out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int received = 0;
        for (int i = 0; i < 1000; i++)
        {
            a.Send(message, 0, message.Length, Loopback, b.LocalPort);
            b.WaitReadable(2000);
            received += b.Receive(buffer, 0, buffer.Length, out _, out _) > 0 ? 1 : 0;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000, received);
        Assert.Equal(0, allocated);
    }
}
