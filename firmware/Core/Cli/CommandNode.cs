namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// One node of a command tree: a keyword or an argument, the words that may follow it, and the
    /// command it completes (0 = the line may not end here).
    /// </summary>
    public sealed class CommandNode
    {
        // Exactly as long as the words that may follow (null for a leaf, most nodes): the tree is
        // built once at boot and lives as long as the gateway, so no ArrayList and no spare room
        // (docs/PERFORMANCE.md, "Managed memory of the device profile").
        private CommandNode[] _children;

        /// <summary>Creates a node.</summary>
        public CommandNode(NodeKind kind, string keyword, string slot, int value, int min, int max, string help)
        {
            Kind = kind;
            Keyword = keyword;
            Slot = slot;
            Value = value;
            Min = min;
            Max = max;
            Help = help;
        }

        /// <summary>Keyword or argument kind.</summary>
        public NodeKind Kind { get; private set; }

        /// <summary>The keyword (lower case); null for arguments.</summary>
        public string Keyword { get; private set; }

        /// <summary>Name under which the handler finds this word's value; null for plain keywords.</summary>
        public string Slot { get; private set; }

        /// <summary>Value a choice keyword stands for (its slot's value when chosen).</summary>
        public int Value { get; private set; }

        /// <summary>Lower bound (integer value, or word length).</summary>
        public int Min { get; private set; }

        /// <summary>Upper bound (integer value, or word length).</summary>
        public int Max { get; private set; }

        /// <summary>One-line description shown by "?".</summary>
        public string Help { get; private set; }

        /// <summary>The command a line ending here runs (a <see cref="CommandId"/> value), or 0.</summary>
        public int Command { get; set; }

        /// <summary>Number of words that may follow.</summary>
        public int ChildCount
        {
            get { return _children == null ? 0 : _children.Length; }
        }

        /// <summary>The i-th word that may follow.</summary>
        public CommandNode GetChild(int index)
        {
            return _children[index];
        }

        /// <summary>Appends a following word.</summary>
        public void AddChild(CommandNode child)
        {
            int n = ChildCount;
            var grown = new CommandNode[n + 1];
            if (n > 0)
            {
                System.Array.Copy(_children, grown, n);
            }

            grown[n] = child;
            _children = grown;
        }

        /// <summary>What "?" and error messages call this word: the keyword, or the argument's form.</summary>
        public string DisplayName
        {
            get
            {
                switch (Kind)
                {
                    case NodeKind.Keyword:
                        return Keyword;
                    case NodeKind.Integer:
                        return "INTEGER<" + Min.ToString() + "-" + Max.ToString() + ">";
                    case NodeKind.Word:
                        return "STRING<" + Min.ToString() + "-" + Max.ToString() + ">";
                    case NodeKind.Ipv4:
                        return "A.B.C.D";
                    case NodeKind.Ipv4Prefix:
                    case NodeKind.Ipv4Network:
                        return "A.B.C.D/M";
                    default:
                        return "TEXT";
                }
            }
        }

        /// <summary>True when this node is the same word as the one a syntax item describes (so trees share prefixes).</summary>
        public bool SameAs(CommandNode other)
        {
            return Kind == other.Kind && Keyword == other.Keyword && Slot == other.Slot && Min == other.Min && Max == other.Max;
        }
    }
}
