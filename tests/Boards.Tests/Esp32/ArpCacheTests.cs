using NanoGate.Boards.Drivers;

namespace NanoGate.Boards.Tests.Esp32;

/// <summary>The bounded ARP table: which entry a new resolution takes, and what an ARP packet may change.</summary>
public sealed class ArpCacheTests
{
    private static readonly byte[] s_mac = [0x02, 0, 0, 0, 0, 0x01];

    [Fact]
    public void A_new_resolution_takes_a_free_entry_then_an_expired_one_then_the_least_recently_used_resolved_one()
    {
        var cache = new ArpCache(3, 1000);
        int a = cache.StartPending(1, 0);
        int b = cache.StartPending(2, 0);
        int c = cache.StartPending(3, 0);
        Assert.Equal(3, cache.Count);
        cache.Update(1, s_mac, 0, 10);
        cache.Update(2, s_mac, 0, 10);
        cache.Update(3, s_mac, 0, 10);
        byte[] scratch = new byte[6];
        cache.CopyMac(a, 500, scratch, 0); // 1 and 3 used recently, 2 not
        cache.CopyMac(c, 500, scratch, 0);

        Assert.Equal(b, cache.StartPending(4, 600));          // LRU resolved entry: address 2
        Assert.Equal(-1, cache.Find(2));
        Assert.Equal(a, cache.StartPending(5, 1010));         // address 1 expired at 1010
        Assert.Equal(ArpCache.Pending, cache.StateOf(a));
    }

    [Fact]
    public void Pending_entries_are_never_evicted_and_packets_never_create_entries()
    {
        var cache = new ArpCache(2, 1000);
        cache.StartPending(1, 0);
        cache.StartPending(2, 0);
        Assert.Equal(-1, cache.StartPending(3, 0));
        Assert.Equal(-1, cache.Update(9, s_mac, 0, 0));
        Assert.Equal(2, cache.Count);
        Assert.True(cache.Update(2, s_mac, 0, 5) >= 0);
        Assert.True(cache.IsFresh(cache.Find(2), 1004));
        Assert.False(cache.IsFresh(cache.Find(2), 1005));
    }
}
