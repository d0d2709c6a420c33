namespace NanoGate.Esp.Tests;

/// <summary>The single-producer/single-consumer slot ring and the slot pool.</summary>
public class SlotRingTests
{
    [Fact]
    public void Ring_is_fifo_and_bounded()
    {
        var ring = new SlotRing(3);
        Assert.Equal(4, ring.Capacity);
        var slots = Enumerable.Range(0, 5).Select(_ => new PacketSlot(100)).ToArray();
        for (int i = 0; i < 4; i++)
        {
            Assert.True(ring.TryEnqueue(slots[i]));
        }

        Assert.False(ring.TryEnqueue(slots[4]));
        Assert.Equal(4, ring.Count);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(ring.TryDequeue(out PacketSlot s));
            Assert.Same(slots[i], s);
        }

        Assert.False(ring.TryDequeue(out PacketSlot? none));
        Assert.Null(none);
    }

    [Fact]
    public void One_producer_and_one_consumer_thread_pass_every_slot_in_order()
    {
        const int total = 200_000;
        var pool = new SlotPool(8, 64);
        var ring = new SlotRing(4);
        var slots = Enumerable.Range(0, 16).Select(_ => new PacketSlot(16)).ToArray();
        var producer = new Thread(() =>
        {
            for (int i = 0; i < total; i++)
            {
                PacketSlot s = slots[i & 15];
                while (!ring.TryEnqueue(s))
                {
                    Thread.SpinWait(10);
                }
            }
        });
        producer.Start();
        int received = 0;
        while (received < total)
        {
            if (ring.TryDequeue(out PacketSlot s))
            {
                Assert.Same(slots[received & 15], s);
                received++;
            }
        }

        producer.Join();
        Assert.Equal(0, ring.Count);
        Assert.Equal(8, pool.Count);
    }

    [Fact]
    public void Pool_starts_with_every_slot_free_and_sized_with_head_and_tailroom()
    {
        var pool = new SlotPool(5, 1400);
        Assert.Equal(5, pool.Free.Count);
        Assert.Equal(0, pool.ToCrypto.Count);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(PacketSlot.Headroom + 1400 + PacketSlot.Tailroom, pool[i].Buffer.Length);
        }

        // Headroom: outer IPv4 + UDP + ESP header + AES IV.
        Assert.Equal(20 + 8 + 8 + 16, PacketSlot.Headroom);
        Assert.True(pool.Free.TryDequeue(out PacketSlot s));
        Assert.True(pool.ToCrypto.TryEnqueue(s));
        Assert.True(pool.ToCrypto.TryDequeue(out PacketSlot t));
        Assert.True(pool.FromCrypto.TryEnqueue(t));
        Assert.Equal(4, pool.Free.Count);
    }
}
