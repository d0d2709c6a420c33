using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>
/// Parsing a valid message allocates nothing (the parsed message is preallocated and reused);
/// measured with GC.GetAllocatedBytesForCurrentThread over every captured message.
/// </summary>
public class AllocationTests
{
    [Fact]
    public void Parsing_valid_messages_allocates_nothing()
    {
        Capture[] all = [.. Captures.All];
        var m = new IsakmpMessage();
        var rules = new MessageRules();
        for (int warm = 0; warm < 3; warm++)
        {
            ParseAll(all, m, rules);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int parsed = 0;
        for (int i = 0; i < 1000; i++)
        {
            parsed += ParseAll(all, m, rules);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000 * all.Length, parsed);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Recording_an_error_allocates_nothing_until_the_reason_is_read()
    {
        byte[] bad = (byte[])Captures.Get("main-mode", "03-mm3").Message.Clone();
        bad[28] = 99;
        var m = new IsakmpMessage();
        m.TryParse(bad, 0, bad.Length);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Assert.False(m.TryParse(bad, 0, bad.Length));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(NotifyType.InvalidPayloadType, m.Error.Notify);
    }

    private static int ParseAll(Capture[] all, IsakmpMessage m, MessageRules rules)
    {
        int ok = 0;
        foreach (Capture c in all)
        {
            if (!m.TryParse(c.Message, 0, c.Message.Length))
            {
                continue;
            }

            if (m.NeedsDecryption && !m.TryParseDecrypted(c.Plaintext!, 0, c.Plaintext!.Length))
            {
                continue;
            }

            if (rules.CheckExchange(m))
            {
                ok++;
            }
        }

        return ok;
    }
}
