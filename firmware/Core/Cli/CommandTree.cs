using System.Collections;
using NanoGate.Hal;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The commands of one view as a tree of words, built from a small syntax table and matched
    /// against lines. Keywords match case-insensitively and by any unambiguous prefix ("disp ike sa");
    /// arguments are tried in the order they were declared.
    /// </summary>
    /// <remarks>
    /// Syntax of one table row, words separated by blanks:
    ///   keyword               a fixed word ("display")
    ///   {slot:int:1-10000}    an integer in range; kinds: int, word (length range), ip, prefix, net, line
    ///   {slot=aes-128:16|aes-256:32}   a choice of keywords, each standing for a value
    /// Rows with a common beginning share nodes, so "dpd" and "dpd interval {i:int:10-3600}" both end
    /// at executable nodes of the same path.
    /// </remarks>
    public sealed class CommandTree
    {
        private readonly CommandNode _root = new CommandNode(NodeKind.Keyword, "", null, 0, 0, 0, "");
        private Hashtable _help;

        /// <summary>Creates an empty tree whose words take their "?" text from <paramref name="help"/> (keyword or slot name to text).</summary>
        public CommandTree(Hashtable help)
        {
            _help = help;
        }

        /// <summary>All rows are added: the "?" texts are in the nodes, so the lookup table is let go.</summary>
        public void Built()
        {
            _help = null;
        }

        /// <summary>The node before the first word.</summary>
        public CommandNode Root
        {
            get { return _root; }
        }

        /// <summary>Adds one syntax row ending in <paramref name="command"/> (a <see cref="CommandId"/> value).</summary>
        public void Add(string syntax, int command)
        {
            AddItems(_root, syntax.Split(new char[] { ' ' }), 0, command);
        }

        private void AddItems(CommandNode node, string[] items, int index, int command)
        {
            for (int i = index; i < items.Length; i++)
            {
                string item = items[i];
                if (item.Length == 0)
                {
                    continue;
                }

                if (item[0] == '{' && item.IndexOf('=') > 0)
                {
                    // A choice: every keyword becomes a child, and the rest of the row follows each of them.
                    string body = item.Substring(1, item.Length - 2);
                    int eq = body.IndexOf('=');
                    string slot = body.Substring(0, eq);
                    string[] options = body.Substring(eq + 1).Split(new char[] { '|' });
                    for (int k = 0; k < options.Length; k++)
                    {
                        int colon = options[k].IndexOf(':');
                        string keyword = options[k].Substring(0, colon);
                        int value = ParseDigits(options[k].Substring(colon + 1));
                        CommandNode choice = Attach(node, new CommandNode(NodeKind.Keyword, keyword, slot, value, 0, 0, HelpFor(keyword)));
                        AddItems(choice, items, i + 1, command);
                    }

                    return;
                }

                CommandNode next;
                if (item[0] == '{')
                {
                    string[] parts = item.Substring(1, item.Length - 2).Split(new char[] { ':' });
                    NodeKind kind = KindOf(parts[1]);
                    int min = 0;
                    int max = 0;
                    if (parts.Length > 2)
                    {
                        int dash = parts[2].IndexOf('-');
                        min = ParseDigits(parts[2].Substring(0, dash));
                        max = ParseDigits(parts[2].Substring(dash + 1));
                    }

                    string help = HelpFor(parts[0] + ":arg");
                    next = new CommandNode(kind, null, parts[0], 0, min, max, help.Length > 0 ? help : HelpFor(parts[0]));
                }
                else
                {
                    next = new CommandNode(NodeKind.Keyword, item, null, 0, 0, 0, HelpFor(item));
                }

                node = Attach(node, next);
            }

            node.Command = command;
        }

        /// <summary>
        /// Matches a tokenized line. Returns the command, or null with <paramref name="error"/> set
        /// (error is null too for an empty line).
        /// </summary>
        public ParsedCommand Match(string line, ArrayList tokens, out CliError error)
        {
            error = null;
            if (tokens.Count == 0)
            {
                return null;
            }

            ParsedCommand result = new ParsedCommand(0);
            CommandNode node = Walk(line, tokens, tokens.Count, result, out error);
            if (node == null)
            {
                return null;
            }

            if (node.Command == 0)
            {
                CliToken last = (CliToken)tokens[tokens.Count - 1];
                error = new CliError(ParseErrorKind.Incomplete, last.End + 1, Expected(node), null);
                return null;
            }

            result.Command = node.Command;
            return result;
        }

        /// <summary>
        /// "?" help: the words that may follow <paramref name="text"/> (the line without its "?").
        /// When the text ends inside a word, only keywords starting with that word. Returns
        /// CommandNode items; <paramref name="canEnd"/> tells whether the line may end there (&lt;cr&gt;).
        /// </summary>
        public ArrayList Help(string text, out bool canEnd, out CliError error)
        {
            canEnd = false;
            ArrayList list = new ArrayList();
            ArrayList tokens = new ArrayList();
            int quote = Tokenizer.Tokenize(text, tokens);
            if (quote >= 0)
            {
                error = new CliError(ParseErrorKind.UnterminatedQuote, quote, null, null);
                return list;
            }

            bool partial = text.Length > 0 && !Tokenizer.IsBlank(text[text.Length - 1]) && tokens.Count > 0;
            int walk = partial ? tokens.Count - 1 : tokens.Count;
            CommandNode node = Walk(text, tokens, walk, new ParsedCommand(0), out error);
            if (node == null)
            {
                return list;
            }

            if (!partial)
            {
                canEnd = node.Command != 0;
                for (int i = 0; i < node.ChildCount; i++)
                {
                    list.Add(node.GetChild(i));
                }

                return list;
            }

            string prefix = ((CliToken)tokens[tokens.Count - 1]).Text.ToLower();
            for (int i = 0; i < node.ChildCount; i++)
            {
                CommandNode child = node.GetChild(i);
                if (child.Kind == NodeKind.Keyword && child.Keyword.StartsWith(prefix))
                {
                    list.Add(child);
                }
            }

            if (list.Count == 0)
            {
                error = new CliError(ParseErrorKind.Unrecognized, ((CliToken)tokens[tokens.Count - 1]).Start, Expected(node), null);
            }

            return list;
        }

        /// <summary>The words accepted after <paramref name="node"/>, "a | b | &lt;cr&gt;".</summary>
        public static string Expected(CommandNode node)
        {
            string s = "";
            for (int i = 0; i < node.ChildCount; i++)
            {
                s = s.Length == 0 ? node.GetChild(i).DisplayName : s + " | " + node.GetChild(i).DisplayName;
            }

            if (node.Command != 0)
            {
                s = s.Length == 0 ? "<cr>" : s + " | <cr>";
            }

            return s;
        }

        private CommandNode Walk(string line, ArrayList tokens, int count, ParsedCommand result, out CliError error)
        {
            error = null;
            CommandNode node = _root;
            for (int t = 0; t < count; t++)
            {
                CliToken token = (CliToken)tokens[t];
                if (node.ChildCount == 0)
                {
                    error = new CliError(ParseErrorKind.TooManyParameters, token.Start, null, null);
                    return null;
                }

                CommandNode next = null;
                ParsedArgument arg = null;

                // Keywords: an exact word wins, else a unique prefix.
                if (!token.Quoted)
                {
                    string word = token.Text.ToLower();
                    int prefixMatches = 0;
                    CommandNode prefixNode = null;
                    for (int i = 0; i < node.ChildCount; i++)
                    {
                        CommandNode child = node.GetChild(i);
                        if (child.Kind != NodeKind.Keyword)
                        {
                            continue;
                        }

                        if (child.Keyword == word)
                        {
                            next = child;
                            break;
                        }

                        if (child.Keyword.StartsWith(word))
                        {
                            prefixMatches++;
                            prefixNode = child;
                        }
                    }

                    if (next == null && prefixMatches > 1)
                    {
                        error = new CliError(ParseErrorKind.Ambiguous, token.Start, MatchingKeywords(node, word), null);
                        return null;
                    }

                    if (next == null && prefixMatches == 1)
                    {
                        next = prefixNode;
                    }

                    if (next != null)
                    {
                        arg = new ParsedArgument(next, next.Keyword, next.Value, 0);
                    }
                }

                // Arguments, in declaration order; the first problem found explains a failure.
                string problem = null;
                bool hasArgument = false;
                if (next == null)
                {
                    for (int i = 0; i < node.ChildCount && next == null; i++)
                    {
                        CommandNode child = node.GetChild(i);
                        if (child.Kind == NodeKind.Keyword)
                        {
                            continue;
                        }

                        hasArgument = true;
                        string why = TryArgument(child, line, token, out arg);
                        if (why == null)
                        {
                            next = child;
                        }
                        else if (problem == null)
                        {
                            problem = why;
                        }
                    }
                }

                if (next == null)
                {
                    ParseErrorKind kind = hasArgument ? ParseErrorKind.WrongParameter : ParseErrorKind.Unrecognized;
                    error = new CliError(kind, token.Start, Expected(node), hasArgument ? problem : null);
                    return null;
                }

                result.Add(arg);
                node = next;
                if (next.Kind == NodeKind.RestOfLine)
                {
                    // The rest of the line was consumed as one value.
                    return node;
                }
            }

            return node;
        }

        private static string MatchingKeywords(CommandNode node, string word)
        {
            string s = "";
            for (int i = 0; i < node.ChildCount; i++)
            {
                CommandNode child = node.GetChild(i);
                if (child.Kind == NodeKind.Keyword && child.Keyword.StartsWith(word))
                {
                    s = s.Length == 0 ? child.Keyword : s + " | " + child.Keyword;
                }
            }

            return s;
        }

        /// <summary>Parses <paramref name="token"/> as <paramref name="node"/>'s argument; returns null, or why it does not fit.</summary>
        private static string TryArgument(CommandNode node, string line, CliToken token, out ParsedArgument arg)
        {
            arg = null;
            string text = token.Text;
            switch (node.Kind)
            {
                case NodeKind.Integer:
                    {
                        long value;
                        if (!TryParseNumber(text, out value))
                        {
                            return "'" + text + "' is not a number";
                        }

                        if (value < node.Min || value > node.Max)
                        {
                            return text + " is out of range " + node.Min.ToString() + "-" + node.Max.ToString();
                        }

                        arg = new ParsedArgument(node, text, (int)value, 0);
                        return null;
                    }

                case NodeKind.Word:
                    if (text.Length < node.Min || text.Length > node.Max)
                    {
                        return "length must be " + node.Min.ToString() + "-" + node.Max.ToString() + " characters";
                    }

                    arg = new ParsedArgument(node, text, 0, 0);
                    return null;

                case NodeKind.Ipv4:
                    {
                        uint address;
                        if (!Ipv4.TryParse(text, out address))
                        {
                            return "'" + text + "' is not an IPv4 address";
                        }

                        arg = new ParsedArgument(node, text, 32, address);
                        return null;
                    }

                case NodeKind.Ipv4Prefix:
                case NodeKind.Ipv4Network:
                    {
                        int slash = text.IndexOf('/');
                        uint address;
                        long length;
                        if (slash < 0 || !Ipv4.TryParse(text.Substring(0, slash), out address)
                            || !TryParseNumber(text.Substring(slash + 1), out length) || length > 32)
                        {
                            return "'" + text + "' is not an address/prefix-length";
                        }

                        if (node.Kind == NodeKind.Ipv4Network)
                        {
                            uint mask = Mask((int)length);
                            if ((address & mask) != address)
                            {
                                return "host bits set; the network is " + Ipv4.Format(address & mask) + "/" + length.ToString();
                            }
                        }

                        arg = new ParsedArgument(node, text, (int)length, address);
                        return null;
                    }

                default:
                    {
                        // Rest of line: everything from this word on, blanks kept; one quoted word is unquoted.
                        string rest = line.Substring(token.Start).TrimEnd(new char[] { ' ', '\t' });
                        if (token.Quoted && token.Start + rest.Length == token.End)
                        {
                            rest = token.Text;
                        }

                        if (rest.Length < node.Min || rest.Length > node.Max)
                        {
                            return "length must be " + node.Min.ToString() + "-" + node.Max.ToString() + " characters";
                        }

                        arg = new ParsedArgument(node, rest, 0, 0);
                        return null;
                    }
            }
        }

        /// <summary>Netmask of a prefix length (0..32), host order.</summary>
        public static uint Mask(int prefixLength)
        {
            return prefixLength == 0 ? 0u : 0xFFFFFFFFu << (32 - prefixLength);
        }

        /// <summary>Decimal digits only, at most 10 of them; never throws.</summary>
        public static bool TryParseNumber(string text, out long value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 10)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            return true;
        }

        private static int ParseDigits(string text)
        {
            long value;
            TryParseNumber(text, out value);
            return (int)value;
        }

        private static NodeKind KindOf(string name)
        {
            switch (name)
            {
                case "int":
                    return NodeKind.Integer;
                case "word":
                    return NodeKind.Word;
                case "ip":
                    return NodeKind.Ipv4;
                case "prefix":
                    return NodeKind.Ipv4Prefix;
                case "net":
                    return NodeKind.Ipv4Network;
                default:
                    return NodeKind.RestOfLine;
            }
        }

        private string HelpFor(string key)
        {
            object text = _help[key];
            return text == null ? "" : (string)text;
        }

        private static CommandNode Attach(CommandNode parent, CommandNode child)
        {
            for (int i = 0; i < parent.ChildCount; i++)
            {
                if (parent.GetChild(i).SameAs(child))
                {
                    return parent.GetChild(i);
                }
            }

            parent.AddChild(child);
            return child;
        }
    }
}
