using NanoGate.Esp;

namespace NanoGate.Esp.Tests;

/// <summary>
/// Table-driven edge cases of the anti-replay window (RFC 4303 §3.4.3 and Appendix A), in the
/// manner of the Linux WireGuard module's selftest/counter.c. Each step is "wire=expect" or, with
/// ESN, "wire@full=expect" (full = the 64-bit number RFC 4303 Appendix A2.2 infers); a step that
/// is accepted is then recorded, as after a verified ICV. N = accept, R = duplicate, O = too old.
/// </summary>
public class ReplayWindowTests
{
    public static TheoryData<string, int, bool, string> Rows => new()
    {
        { "in order", 128, false, "1=N 2=N 3=N 4=N" },
        { "zero is never valid", 128, false, "0=O 1=N 0=O" },
        { "duplicates", 128, false, "1=N 1=R 2=N 2=R 1=R" },
        { "reordered inside the window", 128, false, "10=N 5=N 7=N 5=R 7=R 10=R 9=N" },
        { "far ahead, then far behind", 128, false, "1=N 1000000=N 1=O 999873=N 999872=O 999999=N 999999=R" },
        { "left edge: top-127 in, top-128 out", 128, false, "200=N 73=N 72=O 200=R 199=N 199=R" },
        { "jump of exactly the window", 128, false, "1=N 129=N 1=O 2=N 2=R" },
        { "bits passed over are cleared", 128, false, "101=N 200=N 230=N 229=N 229=R 101=O" },
        { "jump beyond the bitmap clears it", 128, false, "5=N 6=N 1000=N 873=N 874=N 874=R" },
        { "2^32 edge without ESN", 128, false, "4294967294=N 4294967295=N 4294967295=R 4294967168=N 4294967167=O 1=O" },
        { "smallest window (32)", 32, false, "1=N 33=N 1=O 2=N 2=R 32=N" },
        { "largest window (4096)", 4096, false, "1=N 4096=N 1=R 2=N 4097=N 1=O 2=R 3=N" },
        { "width not a multiple of 32 (100)", 100, false, "1=N 101=N 1=O 2=N 2=R" },
        // The ring reuses the bit of top+1-W for top+1: a move of two past the top must clear it,
        // or top+1 arriving late reads as a duplicate of the packet that left the window.
        { "move of two clears the bit of top+1 (ring, 32)", 32, false, "2=N 33=N 35=N 34=N 34=R 2=O" },
        { "move of one past the top with the older bit set (ring, 32)", 32, false, "1=N 2=N 32=N 33=N 1=O 2=R 34=N 2=O 33=R 34=R" },
        // A whole word is cleared only when all 32 of its numbers are passed over: 31 passed keep top's bit.
        { "31 passed over from a word boundary keep the old top (32)", 32, false, "31=N 62=N 31=R 32=N 32=R" },
        { "31 passed over from a word boundary keep the old top (64)", 64, false, "31=N 62=N 31=R 32=N 61=N 61=R" },
        { "32 passed over from a word boundary clear the word (64)", 64, false, "31=N 63=N 31=R 32=N 33=N 33=R" },
        { "ESN: start", 128, true, "1@1=N 2@2=N 1@1=R" },
        { "ESN: before zero is too old", 128, true, "4294967295@0=O 5@5=N" },
        {
            "ESN: across 2^32", 128, true,
            "2147483648@2147483648=N 4294967280@4294967280=N 5@4294967301=N 4294967281@4294967281=N 4294967280@4294967280=R " +
            "4294967200@4294967200=N 4294967200@4294967200=R 6@4294967302=N 5@4294967301=R " +
            // Left of the window, the low bits read as the next subspace (App. A2.2): the ICV decides.
            "4294967170@8589934466=N"
        },
        // Case A holds from Tl = W - 1 on (App. A2.2 "Tl >= W - 1"): the window starts at 0, nothing is in the previous subspace.
        { "ESN: Tl = W - 1 is still case A", 128, true, "127@127=N 5@5=N 1@1=N" },
        {
            // Case B, low bits exactly at the wrapped left edge Tl - W + 1 belong to the previous subspace.
            "ESN: the wrapped left edge itself", 128, true,
            "2147483648@2147483648=N 4294967200@4294967200=N 10@4294967306=N 4294967179@4294967179=N 4294967178@8589934474=N"
        },
        {
            "ESN: second subspace, window inside it", 128, true,
            "2147483648@2147483648=N 4294967280@4294967280=N 1000@4294968296=N 873@4294968169=N 872@8589935464=N"
        },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Window_follows_the_table(string name, int size, bool esn, string steps)
    {
        var window = new ReplayWindow(size, esn);
        foreach (string step in steps.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = step.Split('=');
            string[] seqs = parts[0].Split('@');
            uint wire = (uint)ulong.Parse(seqs[0]);
            ulong full = seqs.Length > 1 ? ulong.Parse(seqs[1]) : ulong.Parse(seqs[0]);
            DropReason expected = parts[1] switch
            {
                "N" => DropReason.None,
                "R" => DropReason.Replay,
                _ => DropReason.ReplayTooOld,
            };

            ulong inferred = esn ? window.InferSequence(wire) : full;
            if (esn)
            {
                Assert.True(full == inferred, $"{name}: {step}: inferred {inferred}");
            }

            DropReason got = window.Check(inferred);
            Assert.True(expected == got, $"{name}: {step}: got {got}");
            if (got == DropReason.None)
            {
                window.Update(inferred);
            }
        }
    }

    [Fact]
    public void Size_is_clamped_to_32_and_4096()
    {
        Assert.Equal(32, new ReplayWindow(1, false).Size);
        Assert.Equal(4096, new ReplayWindow(100000, false).Size);
        Assert.Equal(128, new ReplayWindow(ReplayWindow.DefaultSize, false).Size);
    }

    [Fact]
    public void Without_ESN_the_wire_bits_are_the_number()
    {
        var window = new ReplayWindow(64, false);
        Assert.False(window.Extended);
        Assert.True(new ReplayWindow(64, true).Extended);
        window.Update(4294967295);
        Assert.Equal(5UL, window.InferSequence(5)); // no guess at a next subspace (RFC 4303 §2.2: 32-bit numbers)
        Assert.Equal(4294967295UL, window.InferSequence(4294967295));
    }

    [Fact]
    public void Update_of_zero_changes_nothing_and_Reset_forgets_everything()
    {
        var window = new ReplayWindow(64, false);
        window.Update(0);
        Assert.Equal(0UL, window.Top);
        Assert.Equal(DropReason.None, window.Check(1));
        window.Update(100);
        window.Update(0); // 0 shares its ring bit with 64, which has not been seen
        Assert.Equal(DropReason.None, window.Check(64));
        window.Reset();
        window.Update(3);
        window.Update(2);
        Assert.Equal(DropReason.Replay, window.Check(2));
        window.Reset();
        Assert.Equal(0UL, window.Top);
        Assert.Equal(DropReason.None, window.Check(2));
        Assert.Equal(DropReason.None, window.Check(3));
    }

    [Fact]
    public void Check_changes_nothing()
    {
        var window = new ReplayWindow(64, false);
        Assert.Equal(DropReason.None, window.Check(5));
        Assert.Equal(DropReason.None, window.Check(5));
        Assert.Equal(0UL, window.Top);
    }

    /// <summary>
    /// RFC 4303 §3.4.3 as a model, checked against the window on seeded random traffic around the
    /// top: 0 and numbers W or more below the highest accepted one are too old, numbers above it are
    /// new, and a number in between is new exactly when it was not accepted before.
    /// </summary>
    [Theory]
    [InlineData(32, 1u)]
    [InlineData(64, 2u)]
    [InlineData(100, 3u)]
    [InlineData(128, 4u)]
    public void Window_agrees_with_the_RFC_model_on_random_traffic(int size, uint seed)
    {
        var window = new ReplayWindow(size, false);
        var accepted = new HashSet<ulong>();
        ulong top = 0;
        var random = new Random((int)seed);
        for (int i = 0; i < 20000; i++)
        {
            long jump = random.Next(-(size + size / 2), size + size / 2 + 1);
            ulong seq = (ulong)Math.Max(0, (long)top + jump);
            DropReason expected = seq == 0 || (seq <= top && top - seq >= (ulong)size) ? DropReason.ReplayTooOld
                : seq > top || !accepted.Contains(seq) ? DropReason.None : DropReason.Replay;
            DropReason got = window.Check(seq);
            Assert.True(expected == got, $"step {i}: top {top}, {seq}: expected {expected}, got {got}");
            if (got == DropReason.None && random.Next(8) != 0)
            {
                // Most pass their ICV; the rest are forged and leave the window as it was.
                window.Update(seq);
                accepted.Add(seq);
                top = Math.Max(top, seq);
                Assert.Equal(top, window.Top);
            }
        }
    }
}
