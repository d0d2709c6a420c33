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

    /// <summary>
    /// A zero-length datagram is read and reported as <see cref="DatagramReceive.Empty"/>, and the
    /// datagram behind it is delivered. (Until issue 13 Receive asked Socket.Available, which on
    /// Linux is the size of the first queued datagram: an empty one was never read and stalled the
    /// socket for good.)
    /// </summary>
    [Fact]
    public void An_empty_datagram_is_reported_as_empty_and_the_one_behind_it_is_delivered()
    {
        using var a = new UdpTransport(Loopback, 0);
        using var b = new UdpTransport(Loopback, 0);
        byte[] buffer = new byte[64];
        byte[] message = [1, 2, 3, 4];
        Assert.True(a.Send(message, 0, 0, Loopback, b.LocalPort));
        Assert.True(a.Send(message, 0, 4, Loopback, b.LocalPort));
        Assert.True(b.WaitReadable(2000));
        Assert.Equal(DatagramReceive.Empty, b.Receive(buffer, 0, buffer.Length, out _, out int emptyPort));
        Assert.Equal(a.LocalPort, emptyPort);
        Assert.True(b.WaitReadable(2000));
        Assert.Equal(4, b.Receive(buffer, 0, buffer.Length, out _, out _));
        Assert.Equal(message, buffer[..4]);
        Assert.Equal(DatagramReceive.None, b.Receive(buffer, 0, buffer.Length, out _, out _));
    }

    [Fact]
    public void A_datagram_longer_than_the_buffer_is_reported_too_big_and_the_next_one_is_delivered()
    {
        using var a = new UdpTransport(Loopback, 0);
        using var b = new UdpTransport(Loopback, 0);
        byte[] buffer = new byte[16];
        byte[] big = new byte[100];
        Assert.True(a.Send(big, 0, 100, Loopback, b.LocalPort));
        Assert.True(a.Send(big, 0, 8, Loopback, b.LocalPort));
        Assert.True(b.WaitReadable(2000));
        Assert.Equal(DatagramReceive.TooBig, b.Receive(buffer, 0, buffer.Length, out _, out _));
        Assert.True(b.WaitReadable(2000));
        Assert.Equal(8, b.Receive(buffer, 0, buffer.Length, out _, out _));
    }

    /// <summary>The run loop's idle wait wakes for any of its descriptors, an empty datagram included.</summary>
    [Fact]
    public void The_readiness_wait_wakes_for_either_socket_and_sleeps_while_both_are_quiet()
    {
        using var ike = new UdpTransport(Loopback, 0);
        using var natT = new UdpTransport(Loopback, 0);
        using var peer = new UdpTransport(Loopback, 0);
        using var wait = new ReadinessWait(ike.FileDescriptor, natT.FileDescriptor);
        byte[] buffer = new byte[64];
        Assert.False(wait.Wait(20));

        Assert.True(peer.Send(buffer, 0, 0, Loopback, ike.LocalPort));
        Assert.True(wait.Wait(2000));
        Assert.Equal(DatagramReceive.Empty, ike.Receive(buffer, 0, buffer.Length, out _, out _));
        Assert.False(wait.Wait(20));

        Assert.True(peer.Send(buffer, 0, 10, Loopback, natT.LocalPort));
        Assert.True(wait.Wait(2000));
        Assert.Equal(10, natT.Receive(buffer, 0, buffer.Length, out _, out _));
        Assert.False(wait.Wait(0));
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

    /// <summary>The epoll wait (issue 19): Wake from another thread ends it, and it then sleeps again.</summary>
    [Fact]
    public void A_wake_from_another_thread_ends_the_wait_once()
    {
        using var ike = new UdpTransport(Loopback, 0);
        using var wait = new ReadinessWait(ike.FileDescriptor);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var waker = new Thread(() =>
        {
            Thread.Sleep(50);
            wait.Wake();
        });
        waker.Start();
        Assert.True(wait.Wait(5000));
        Assert.True(started.ElapsedMilliseconds < 4000);
        waker.Join();
        Assert.False(wait.Wait(20));
    }

    [Fact]
    public void Waiting_and_waking_allocate_nothing()
    {
        using var a = new UdpTransport(Loopback, 0);
        using var b = new UdpTransport(Loopback, 0);
        using var wait = new ReadinessWait(b.FileDescriptor);
        byte[] message = new byte[1400];
        byte[] buffer = new byte[2048];
        for (int i = 0; i < 100; i++)
        {
            a.Send(message, 0, message.Length, Loopback, b.LocalPort);
            wait.Wait(2000);
            b.Receive(buffer, 0, buffer.Length, out _, out _);
            wait.Wake();
            wait.Wait(0);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int woken = 0;
        for (int i = 0; i < 1000; i++)
        {
            a.Send(message, 0, message.Length, Loopback, b.LocalPort);
            woken += wait.Wait(2000) ? 1 : 0;
            b.Receive(buffer, 0, buffer.Length, out _, out _);
            wait.Wake();
            woken += wait.Wait(0) ? 1 : 0;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2000, woken);
        Assert.Equal(0, allocated);
    }
}
