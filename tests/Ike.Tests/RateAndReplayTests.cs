namespace NanoGate.Ike.Tests;

/// <summary>The two small guards of issue 13: the message ID replay window and the token bucket.</summary>
public class RateAndReplayTests
{
    [Fact]
    public void The_window_refuses_an_id_it_holds_and_forgets_the_oldest_after_32()
    {
        var w = new MessageIdWindow();
        Assert.True(w.TryAdd(7));
        Assert.False(w.TryAdd(7));
        for (uint id = 100; id < 100 + MessageIdWindow.Size - 1; id++)
        {
            Assert.True(w.TryAdd(id));
        }

        Assert.False(w.TryAdd(7));        // 32 held: 7 and 31 others
        Assert.True(w.TryAdd(1000));      // the 33rd pushes 7 out
        Assert.True(w.TryAdd(7));
        Assert.False(w.TryAdd(1000));
        Assert.False(w.TryAdd(130));
    }

    // time (ms)   take?   why
    // 0 x20       yes     a full bucket: one second's budget
    // 0           no      spent
    // 49          no      0.98 of a token back
    // 50          yes     one token per 50 ms at 20 a second
    // 50          no
    // 5000        yes x20 never more than one second's worth
    [Fact]
    public void The_budget_allows_its_rate_and_no_burst_beyond_one_second()
    {
        var b = new RateBudget(20);
        for (int i = 0; i < 20; i++)
        {
            Assert.True(b.TryTake(0));
        }

        Assert.False(b.TryTake(0));
        Assert.False(b.TryTake(49));
        Assert.True(b.TryTake(50));
        Assert.False(b.TryTake(50));
        int later = 0;
        for (int i = 0; i < 100; i++)
        {
            later += b.TryTake(5000) ? 1 : 0;
        }

        Assert.Equal(20, later);
        Assert.Equal(41, b.Taken);
        Assert.Equal(3 + 80, b.Refused);
    }

    [Fact]
    public void A_budget_of_zero_is_unlimited()
    {
        var b = new RateBudget(0);
        for (int i = 0; i < 1000; i++)
        {
            Assert.True(b.TryTake(0));
        }

        Assert.Equal(0, b.Refused);
    }
}
