using System.Collections;
using NanoGate.Firmware.Cli;

namespace NanoGate.Firmware.Tests.Cli;

/// <summary>
/// Every bounded integer of every view, at its four edges: Min and Max are taken with their value,
/// Min-1 and Max+1 are refused at that word as a wrong parameter. The lines are made from the
/// command trees themselves (each path that ends in a command, other words filled with a valid
/// sample), so an integer added later is covered without a new row.
/// </summary>
public class IntegerRangeTests
{
    public sealed record Edge(CliView View, string Line, int Column, string Slot, long Value, bool Accepted)
    {
        public override string ToString() => $"{View}: '{Line}'";
    }

    public static TheoryData<Edge> Edges() => new(AllEdges());

    private static List<Edge> AllEdges()
    {
        var data = new List<Edge>();
        foreach (CliView view in Enum.GetValues<CliView>())
        {
            var path = new List<CommandNode>();
            Walk(view, CommandSet.For(view).Root, path, data);
        }

        return data;
    }

    private static void Walk(CliView view, CommandNode node, List<CommandNode> path, List<Edge> data)
    {
        for (int i = 0; i < node.ChildCount; i++)
        {
            CommandNode child = node.GetChild(i);
            path.Add(child);
            if (child.Command != 0)
            {
                for (int k = 0; k < path.Count; k++)
                {
                    CommandNode n = path[k];
                    if (n.Kind != NodeKind.Integer)
                    {
                        continue;
                    }

                    foreach ((long value, bool accepted) in new[] { ((long)n.Min - 1, false), (n.Min, true), (n.Max, true), ((long)n.Max + 1, false) }.Where(v => v.Item1 >= 0))
                    {
                        string before = string.Join(" ", path.Take(k).Select(Sample));
                        string line = (before.Length > 0 ? before + " " : "") + value + string.Concat(path.Skip(k + 1).Select(p => " " + Sample(p)));
                        data.Add(new Edge(view, line, before.Length > 0 ? before.Length + 1 : 0, n.Slot, value, accepted));
                    }
                }
            }

            Walk(view, child, path, data);
            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary>A valid word for a node: the keyword itself, or an argument that fits its kind and length.</summary>
    private static string Sample(CommandNode n) => n.Kind switch
    {
        NodeKind.Keyword => n.Keyword,
        NodeKind.Integer => n.Min.ToString(),
        NodeKind.Ipv4 => "192.0.2.1",
        NodeKind.Ipv4Prefix => "192.0.2.1/24",
        NodeKind.Ipv4Network => "192.0.2.0/24",
        _ => new string('w', Math.Max(1, n.Min)),
    };

    [Fact]
    public void Every_view_has_its_integers_covered()
    {
        // dpd interval/retry, proposal numbers, lifetimes, snaplen, conn-id: at least these eight slots.
        var slots = AllEdges().Select(e => e.Slot).Distinct().ToList();
        Assert.True(slots.Count >= 8, string.Join(", ", slots));
        Assert.Contains("dpd-retry", slots);
        Assert.Contains("conn-id", slots);
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public void An_integer_is_taken_from_Min_to_Max_and_refused_one_beyond(Edge e)
    {
        var tokens = new ArrayList();
        Tokenizer.Tokenize(e.Line, tokens);
        ParsedCommand parsed = CommandSet.For(e.View).Match(e.Line, tokens, out CliError error);
        if (e.Accepted)
        {
            Assert.True(parsed != null, e + ": " + error?.Message);
            Assert.Equal(e.Value, parsed!.Number(e.Slot, -1));
        }
        else
        {
            Assert.True(parsed == null, e + " was taken");
            Assert.Equal(ParseErrorKind.WrongParameter, error.Kind);
            Assert.Equal(e.Column, error.Column);
            Assert.Contains("out of range", error.Detail);
        }
    }
}
