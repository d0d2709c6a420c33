using NanoGate.Esp;
using Xunit;

namespace NanoGate.Esp.Tests;

public class DropCountersTests
{
    /// <summary>Every reason an SA is charged with (EspInbound/EspOutbound Drop(slot, sa, ...)).</summary>
    private static readonly DropReason[] s_saReasons =
    [
        DropReason.Truncated, DropReason.BadLength, DropReason.Replay, DropReason.ReplayTooOld, DropReason.BadIcv,
        DropReason.BadPadding, DropReason.BadNextHeader, DropReason.DummyPacket, DropReason.BadInnerPacket,
        DropReason.PolicyMismatch, DropReason.SequenceExhausted, DropReason.SaExpired, DropReason.TooBig,
    ];

    [Fact]
    public void An_SA_s_compact_counters_keep_each_SA_reason_apart()
    {
        var sa = new DropCounters(true);
        for (int n = 0; n < s_saReasons.Length; n++)
        {
            for (int k = 0; k <= n; k++)
            {
                sa.Count(s_saReasons[n]);
            }
        }

        for (int n = 0; n < s_saReasons.Length; n++)
        {
            Assert.Equal(n + 1, sa.Get(s_saReasons[n]));
        }

        Assert.Equal(DropCounters.SaReasonCount, s_saReasons.Length);
        sa.Clear();
        Assert.All(s_saReasons, r => Assert.Equal(0, sa.Get(r)));
        Assert.Equal(0, sa.Total);
    }

    [Fact]
    public void A_reason_found_before_the_SA_is_known_counts_only_in_the_total_of_an_SA_s_counters()
    {
        var sa = new DropCounters(true);
        var global = new DropCounters();
        for (int i = 1; i < DropCounters.ReasonCount; i++)
        {
            sa.Count((DropReason)i);
            global.Count((DropReason)i);
        }

        for (int i = 1; i < DropCounters.ReasonCount; i++)
        {
            var r = (DropReason)i;
            Assert.Equal(1, global.Get(r));
            Assert.Equal(Array.IndexOf(s_saReasons, r) >= 0 ? 1 : 0, sa.Get(r));
        }

        Assert.Equal(DropCounters.ReasonCount - 1, sa.Total);
    }
}
