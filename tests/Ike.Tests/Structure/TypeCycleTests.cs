namespace NanoGate.Ike.Tests.Structure;

/// <summary>
/// Issue 14: no cycles between the types of ike. A type that uses another may not be used by it,
/// directly or through others, so each can be read, tested and replaced knowing only what it uses.
/// The check reads the compiled NanoGate.Ike assembly (<see cref="TypeGraph"/>), not the sources.
/// </summary>
public class TypeCycleTests
{
    /// <summary>
    /// Cycles left, each listed with why it stays. Empty is the goal; a new cycle fails the test,
    /// and so does an entry here that is no longer a cycle (the list only shrinks).
    /// </summary>
    private static readonly string[][] s_allowed =
    [
        // None left: the daemon-task cycle went with the task outcomes, the quick mode one when its
        // helpers were given what they use instead of their owner.
    ];

    private static TypeGraph Graph() => new(typeof(IkeDaemon).Assembly.Location);

    [Fact]
    public void TheTypesOfIkeHaveNoCycles()
    {
        TypeGraph g = Graph();
        var unexpected = new List<string>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (List<string> component in g.Cycles())
        {
            string key = string.Join(" ", component);
            found.Add(key);
            if (s_allowed.Any(a => string.Join(" ", a.OrderBy(x => x, StringComparer.Ordinal)) == key))
            {
                continue;
            }

            unexpected.Add("{" + string.Join(", ", component) + "}, e.g. " + string.Join(" -> ", g.ShortestCycleThrough(component[0])));
        }

        Assert.True(unexpected.Count == 0, "cycles between the types of ike:\n" + string.Join("\n", unexpected));
        string[] stale = s_allowed.Select(a => string.Join(" ", a.OrderBy(x => x, StringComparer.Ordinal))).Where(k => !found.Contains(k)).ToArray();
        Assert.True(stale.Length == 0, "allowed cycles that are gone (take them off the list):\n" + string.Join("\n", stale));
    }

    /// <summary>The reader itself: it sees uses through fields, signatures and method bodies.</summary>
    [Fact]
    public void TheGraphSeesKnownUses()
    {
        TypeGraph g = Graph();
        Assert.Contains("NanoGate.Ike.IkeSa", g.Types);
        Assert.Contains("NanoGate.Ike.Config.PeerConfig", g.UsesOf("NanoGate.Ike.IkeSa"));          // property
        Assert.Contains("NanoGate.Ike.Keymat", g.UsesOf("NanoGate.Ike.IkeSa"));                     // property
        Assert.Contains("NanoGate.Ike.IkeSa", g.UsesOf("NanoGate.Ike.IkeDaemon"));                  // field, signatures
        Assert.Contains("NanoGate.Ike.Wire.IsakmpMessage", g.UsesOf("NanoGate.Ike.IkeDatagramDispatcher"));     // field
        Assert.Contains("NanoGate.Ike.Wire.NotifyPayload", g.UsesOf("NanoGate.Ike.IkeDatagramDispatcher"));     // a static call in a body
        Assert.DoesNotContain("NanoGate.Ike.IkeDaemon", g.UsesOf("NanoGate.Ike.Keymat"));
    }
}
