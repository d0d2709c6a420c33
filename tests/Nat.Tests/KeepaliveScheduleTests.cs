namespace NanoGate.Nat.Tests;

/// <summary>NAT-keepalive schedule (RFC 3948 §2.3, §4): the interval's floor and the due time at its edges.</summary>
public class KeepaliveScheduleTests
{
    [Theory]
    [InlineData(0, 1000)]
    [InlineData(999, 1000)]       // below the 1 s floor: the floor
    [InlineData(1000, 1000)]
    [InlineData(1001, 1001)]
    [InlineData(30000, 30000)]
    public void Interval_has_a_floor_of_one_second(long set, long expected)
    {
        var k = new KeepaliveSchedule { IntervalMs = set };
        Assert.Equal(expected, k.IntervalMs);
        k.Enable(5000);
        Assert.Equal(5000 + expected, k.NextDueMs);
        Assert.False(k.IsDue(5000 + expected - 1));
        Assert.True(k.IsDue(5000 + expected));
    }

    [Fact]
    public void A_send_time_older_than_the_last_does_not_bring_the_keepalive_forward()
    {
        var k = new KeepaliveSchedule();
        k.Enable(50000);
        k.NoteSent(40000);
        Assert.Equal(70000, k.NextDueMs);
        Assert.False(k.IsDue(69999));
    }

    [Fact]
    public void Enabling_again_restarts_the_interval_and_disabling_reports_never()
    {
        var k = new KeepaliveSchedule();
        Assert.False(k.Enabled);
        k.Enable(1000);
        Assert.True(k.Enabled);
        k.Disable();
        Assert.False(k.Enabled);
        Assert.Equal(long.MaxValue, k.NextDueMs);
        k.Enable(90000);
        Assert.Equal(110000, k.NextDueMs);
        Assert.False(k.IsDue(109999));
    }
}
