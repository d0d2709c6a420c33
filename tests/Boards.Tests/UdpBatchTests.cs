using NanoGate.Boards.Linux;
using NanoGate.Boards.Sim;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Boards.Tests;

/// <summary>
/// The linux board's batched UDP I/O (issue 19): recvmmsg(2) and sendmmsg(2) on loopback
/// (127.0.0.1, ephemeral ports), and the one-at-a-time batches of a board that does not batch.
/// </summary>
public class UdpBatchTests
{
    private const uint Loopback = 0x7F000001;

    private static DatagramBatch ReceiveSlots(int entries, int room)
    {
        var batch = new DatagramBatch(entries);
        for (int i = 0; i < entries; i++)
        {
            Assert.True(batch.Add(new byte[room + 8], 8, room, 0, 0));
        }

        return batch;
    }

    private static byte[] Numbered(int i, int length)
    {
        byte[] d = new byte[length];
        for (int k = 0; k < length; k++)
        {
            d[k] = (byte)(i + k);
        }

        return d;
    }

    // Loopback delivers a send before sendto returns; wait for the last one anyway (scheduling).
    private static void SendEach(UdpTransport from, UdpTransport to, byte[][] datagrams)
    {
        foreach (byte[] d in datagrams)
        {
            Assert.True(from.Send(d, 0, d.Length, Loopback, to.LocalPort));
        }

        Assert.True(to.WaitReadable(2000));
    }

    [Fact]
    public void Sixteen_datagrams_arrive_in_order_with_their_sender_in_one_recvmmsg()
    {
        using var a = new UdpTransport(Loopback, 0);
        using var b = new UdpTransport(Loopback, 0);
        byte[][] sent = Enumerable.Range(0, 16).Select(i => Numbered(i, 100 + i)).ToArray();
        SendEach(a, b, sent);

        DatagramBatch batch = ReceiveSlots(32, 1500);
        Assert.Equal(16, b.ReceiveBatch(batch));
        Assert.Equal(1, b.BatchCalls);
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(sent[i].Length, batch.Results[i]);
            Assert.Equal(sent[i], batch.Buffers[i].AsSpan(8, batch.Results[i]).ToArray());
            Assert.Equal(Loopback, batch.Addresses[i]);
            Assert.Equal(a.LocalPort, batch.Ports[i]);
        }

        // Nothing left: EAGAIN is 0, not an exception.
        Assert.Equal(DatagramReceive.None, b.ReceiveBatch(batch));
    }

    [Fact]
    public void A_batch_larger_than_one_call_takes_the_datagrams_that_fit_and_the_rest_come_next()
    {
        using var a = new UdpTransport(Loopback, 0);
        using var b = new UdpTransport(Loopback, 0);
        int total = UdpTransport.MaxBatch + 6;
        SendEach(a, b, Enumerable.Range(0, total).Select(i => Numbered(i, 20)).ToArray());

        DatagramBatch batch = ReceiveSlots(total, 64);
        Assert.Equal(UdpTransport.MaxBatch, b.ReceiveBatch(batch));
        Assert.Equal(Numbered(UdpTransport.MaxBatch - 1, 20), batch.Buffers[UdpTransport.MaxBatch - 1].AsSpan(8, 20).ToArray());
        Assert.Equal(6, b.ReceiveBatch(batch));
        Assert.Equal(Numbered(UdpTransport.MaxBatch, 20), batch.Buffers[0].AsSpan(8, 20).ToArray());
        Assert.Equal(2, b.BatchCalls);
    }

    /// <summary>A cut datagram is dropped (MSG_TRUNC), an empty one reported, and neither stalls the ones behind.</summary>
    [Fact]
    public void Oversized_and_empty_datagrams_in_a_batch_are_reported_and_the_others_delivered()
    {
        using var a = new UdpTransport(Loopback, 0);
        using var b = new UdpTransport(Loopback, 0);
        SendEach(a, b, [Numbered(1, 10), Numbered(2, 300), [], Numbered(4, 64), Numbered(5, 65)]);

        DatagramBatch batch = ReceiveSlots(8, 64);
        Assert.Equal(5, b.ReceiveBatch(batch));
        Assert.Equal([10, DatagramReceive.TooBig, DatagramReceive.Empty, 64, DatagramReceive.TooBig], batch.Results[..5]);
        Assert.Equal(Numbered(1, 10), batch.Buffers[0].AsSpan(8, 10).ToArray());
        Assert.Equal(Numbered(4, 64), batch.Buffers[3].AsSpan(8, 64).ToArray());
        Assert.Equal(a.LocalPort, batch.Ports[2]);

        // A dropped datagram leaves its entry as it was.
        Assert.All(batch.Buffers[1], x => Assert.Equal(0, x));
        Assert.Equal(DatagramReceive.None, b.ReceiveBatch(batch));
    }

    [Fact]
    public void Fewer_waiting_than_the_batch_holds_fills_only_those_entries()
    {
        using var a = new UdpTransport(Loopback, 0);
        using var b = new UdpTransport(Loopback, 0);
        DatagramBatch batch = ReceiveSlots(8, 64);
        Assert.Equal(0, b.ReceiveBatch(batch));
        SendEach(a, b, [Numbered(7, 3), Numbered(8, 4), Numbered(9, 5)]);
        Assert.Equal(3, b.ReceiveBatch(batch));
        Assert.Equal([3, 4, 5], batch.Results[..3]);
    }

    /// <summary>sendmmsg: each entry to its own destination, in order; a refused one (port 0: EINVAL) is skipped, not retried.</summary>
    [Fact]
    public void A_send_batch_goes_out_in_one_sendmmsg_each_entry_to_its_destination()
    {
        using var a = new UdpTransport(Loopback, 0);
        using var b = new UdpTransport(Loopback, 0);
        using var c = new UdpTransport(Loopback, 0);
        var batch = new DatagramBatch(16);
        byte[] data = new byte[64 * 16];
        for (int i = 0; i < 16; i++)
        {
            Numbered(i, 40).CopyTo(data, i * 64);
            Assert.True(batch.Add(data, i * 64, 40, Loopback, i % 2 == 0 ? b.LocalPort : c.LocalPort));
        }

        Assert.Equal(16, a.SendBatch(batch));
        Assert.Equal(1, a.BatchCalls);
        Assert.True(b.WaitReadable(2000));
        Assert.True(c.WaitReadable(2000));
        DatagramBatch got = ReceiveSlots(16, 64);
        Assert.Equal(8, b.ReceiveBatch(got));
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(Numbered(2 * i, 40), got.Buffers[i].AsSpan(8, got.Results[i]).ToArray());
        }

        Assert.Equal(8, c.ReceiveBatch(got));
        Assert.Equal(Numbered(15, 40), got.Buffers[7].AsSpan(8, got.Results[7]).ToArray());

        batch.Clear();
        batch.Add(data, 0, 40, Loopback, b.LocalPort);
        batch.Add(data, 64, 40, Loopback, 0);
        batch.Add(data, 128, 0, Loopback, b.LocalPort);
        batch.Add(data, 192, 40, Loopback, b.LocalPort);
        Assert.Equal(3, a.SendBatch(batch));
        Assert.True(b.WaitReadable(2000));
        Assert.Equal(3, b.ReceiveBatch(got));
        Assert.Equal([40, DatagramReceive.Empty, 40], got.Results[..3]);
        Assert.Equal(Numbered(3, 40), got.Buffers[2].AsSpan(8, 40).ToArray());
    }

    [Fact]
    public void Batched_receiving_and_sending_allocate_nothing()
    {
        using var a = new UdpTransport(Loopback, 0);
        using var b = new UdpTransport(Loopback, 0);
        var send = new DatagramBatch(16);
        byte[] data = new byte[1400 * 16];
        for (int i = 0; i < 16; i++)
        {
            send.Add(data, i * 1400, 1400, Loopback, b.LocalPort);
        }

        DatagramBatch receive = ReceiveSlots(16, 2048);
        int Round()
        {
            a.SendBatch(send);
            b.WaitReadable(2000);
            int n = 0;
            for (int tries = 0; n < 16 && tries < 100; tries++)
            {
                n += b.ReceiveBatch(receive);
            }

            return n;
        }

        for (int i = 0; i < 20; i++)
        {
            Round();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int received = 0;
        for (int i = 0; i < 200; i++)
        {
            received += Round();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(200 * 16, received);
        Assert.Equal(0, allocated);
    }

    /// <summary>
    /// The run loop on the linux board's socket, through the capture tap: 40 NAT-T keepalives
    /// (RFC 3948 §2.3) waiting on port 4500 are read in two recvmmsg calls (32 slots, then the 8
    /// left), every one counted, in one pass.
    /// </summary>
    [Fact]
    public void The_gateway_reads_port_4500_in_batches_of_its_slots()
    {
        using var natT = new UdpTransport(Loopback, 0);
        using var peer = new UdpTransport(Loopback, 0);
        var gw = new Gateway(new GatewayBoard
        {
            Clock = new ManualClock(),
            Random = new DeterministicRandom(5),
            InsecureRandomAllowed = true,
            Crypto = new PortableCryptoProvider(),
            NatT = natT,
            SlotCount = 64,
        }.TapCapture());
        gw.RunOnce(0);
        long callsBefore = natT.BatchCalls;

        byte[] keepalive = [0xFF];
        for (int i = 0; i < 40; i++)
        {
            Assert.True(peer.Send(keepalive, 0, 1, Loopback, natT.LocalPort));
        }

        Assert.True(natT.WaitReadable(2000));
        gw.RunOnce(10);
        Assert.Equal(40, gw.Counters.KeepalivesReceived);
        Assert.Equal(2, natT.BatchCalls - callsBefore);
    }

    /// <summary>A board that does not batch (sim, esp32) gets the same results one datagram per call.</summary>
    [Fact]
    public void A_transport_without_batching_is_served_one_datagram_at_a_time()
    {
        var net = new SimNetwork(new ManualClock(), new DeterministicRandom(1));
        SimUdpSocket a = net.Bind(0x0A000001, 4500);
        SimUdpSocket b = net.Bind(0x0A000002, 4500);
        Assert.IsNotAssignableFrom<IDatagramBatchTransport>(b);
        var send = new DatagramBatch(4);
        send.Add(Numbered(1, 10), 0, 10, 0x0A000002, 4500);
        send.Add(Numbered(2, 30), 0, 30, 0x0A000002, 4500);
        send.Add(Numbered(3, 0), 0, 0, 0x0A000002, 4500);
        Assert.Equal(3, DatagramBatches.Send(a, send));
        net.Clock.Advance(net.Faults.DelayMs);
        net.Poll();

        DatagramBatch batch = ReceiveSlots(4, 20);
        Assert.Equal(3, DatagramBatches.Receive(b, batch));
        Assert.Equal([10, DatagramReceive.TooBig, DatagramReceive.Empty], batch.Results[..3]);
        Assert.Equal(0x0A000001u, batch.Addresses[0]);
        Assert.Equal(4500, batch.Ports[0]);
        Assert.Equal(0, DatagramBatches.Receive(b, batch));
    }
}
