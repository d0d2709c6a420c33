namespace NanoGate.Esp.Tests;

/// <summary>
/// RFC 4301 §4.4.1: outbound policies are ordered and the first match wins. The table indexes
/// policies by remote subnet (issue 17); these tests hold it to the plain rule, a scan in id
/// order, over random tables, adds and removes.
/// </summary>
public class PolicyTableTests
{
    private static uint Ip(int a, int b, int c, int d) => (uint)((a << 24) | (b << 16) | (c << 8) | d);

    private static Policy P(uint localNet, int localPrefix, uint remoteNet, int remotePrefix, byte protocol = 0) =>
        new(new TrafficSelector(localNet, localPrefix), new TrafficSelector(remoteNet, remotePrefix), protocol, PolicyAction.Protect);

    /// <summary>The rule itself: the first policy in id order whose selectors and protocol match.</summary>
    private static Policy? Scan(PolicyTable table, uint source, uint destination, byte protocol)
    {
        for (int i = 0; i < table.Capacity; i++)
        {
            Policy p = table.Get(i);
            if (p != null && p.Matches(source, destination, protocol))
            {
                return p;
            }
        }

        return null;
    }

    [Fact]
    public void The_first_match_wins_across_prefix_lengths()
    {
        var table = new PolicyTable(8);
        int wide = table.Add(P(Ip(10, 1, 0, 0), 16, 0, 0));               // id 0: anything from 10.1/16
        int narrow = table.Add(P(Ip(10, 1, 0, 0), 16, Ip(10, 2, 3, 0), 24)); // id 1: never reached
        Assert.Same(table.Get(wide), table.Find(Ip(10, 1, 0, 5), Ip(10, 2, 3, 4), 1));

        table.Remove(wide);
        Assert.Same(table.Get(narrow), table.Find(Ip(10, 1, 0, 5), Ip(10, 2, 3, 4), 1));
        Assert.Null(table.Find(Ip(10, 1, 0, 5), Ip(10, 2, 4, 4), 1));
    }

    [Fact]
    public void Same_remote_subnet_different_local_subnets_and_protocols()
    {
        var table = new PolicyTable(8);
        table.Add(P(Ip(192, 168, 1, 0), 24, Ip(10, 0, 0, 0), 8, 6));  // id 0: TCP only
        table.Add(P(Ip(192, 168, 2, 0), 24, Ip(10, 0, 0, 0), 8));     // id 1
        table.Add(P(Ip(192, 168, 1, 0), 24, Ip(10, 0, 0, 0), 8));     // id 2
        Assert.Equal(0, table.Find(Ip(192, 168, 1, 9), Ip(10, 9, 9, 9), 6)!.Id);
        Assert.Equal(2, table.Find(Ip(192, 168, 1, 9), Ip(10, 9, 9, 9), 17)!.Id);
        Assert.Equal(1, table.Find(Ip(192, 168, 2, 9), Ip(10, 9, 9, 9), 17)!.Id);
        Assert.Null(table.Find(Ip(192, 168, 3, 9), Ip(10, 9, 9, 9), 17));
    }

    [Fact]
    public void A_freed_id_is_reused_and_ranks_by_its_id()
    {
        var table = new PolicyTable(4);
        table.Add(P(0, 0, Ip(10, 0, 0, 0), 8));
        table.Add(P(0, 0, Ip(10, 1, 0, 0), 16));
        Assert.True(table.Remove(0));
        Assert.False(table.Remove(0));
        int again = table.Add(P(0, 0, Ip(10, 1, 2, 0), 24)); // takes id 0: now first
        Assert.Equal(0, again);
        Assert.Equal(0, table.Find(1, Ip(10, 1, 2, 3), 0)!.Id);
        Assert.Equal(1, table.Find(1, Ip(10, 1, 3, 3), 0)!.Id);
    }

    [Fact]
    public void A_full_table_refuses_and_host_selectors_work()
    {
        var table = new PolicyTable(2);
        table.Add(P(0, 0, Ip(203, 0, 113, 7), 32));
        table.Add(P(0, 0, Ip(203, 0, 113, 8), 32));
        Assert.Equal(-1, table.Add(P(0, 0, 0, 0)));
        Assert.Equal(1, table.Find(5, Ip(203, 0, 113, 8), 0)!.Id);
        Assert.Null(table.Find(5, Ip(203, 0, 113, 9), 0));
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 64)]
    [InlineData(3, 1000)]
    public void Random_tables_adds_and_removes_agree_with_the_scan(int seed, int capacity)
    {
        var random = new Random(seed);
        var table = new PolicyTable(capacity);
        int[] prefixes = { 0, 8, 16, 20, 24, 28, 32 };
        for (int step = 0; step < 20 * capacity; step++)
        {
            if (random.Next(3) == 0 && table.Count > 0)
            {
                int id = random.Next(capacity);
                Assert.Equal(table.Get(id) != null, table.Remove(id));
            }
            else if (table.Count < capacity)
            {
                // Few networks so that subnets repeat and overlap.
                uint remote = Ip(10, random.Next(4), random.Next(4), random.Next(4));
                uint local = Ip(192, 168, random.Next(4), random.Next(4));
                table.Add(P(local, prefixes[random.Next(prefixes.Length)], remote, prefixes[random.Next(prefixes.Length)], (byte)(random.Next(3) == 0 ? 6 : 0)));
            }

            for (int probe = 0; probe < 8; probe++)
            {
                uint source = Ip(192, 168, random.Next(4), random.Next(4));
                uint destination = random.Next(8) == 0 ? (uint)random.Next() : Ip(10, random.Next(4), random.Next(4), random.Next(4));
                byte protocol = (byte)(random.Next(2) == 0 ? 6 : 17);
                Assert.Same(Scan(table, source, destination, protocol), table.Find(source, destination, protocol));
            }
        }
    }

    [Fact]
    public void Find_allocates_nothing()
    {
        var table = new PolicyTable(1000);
        for (int i = 0; i < 1000; i++)
        {
            table.Add(P(Ip(192, 168, 0, 0), 16, Ip(10, i >> 8, i & 255, 0), 24));
        }

        table.Find(Ip(192, 168, 1, 1), Ip(10, 1, 1, 1), 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int found = 0;
        for (int i = 0; i < 100_000; i++)
        {
            int k = i % 1000;
            if (table.Find(Ip(192, 168, 1, 1), Ip(10, k >> 8, k & 255, 1), 1) != null)
            {
                found++;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(100_000, found);
    }
}
