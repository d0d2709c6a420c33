using System.Collections;

namespace NanoGate.Firmware.Cli
{
    /// <summary>A command line that matched the tree: which command, and its words by slot name.</summary>
    public sealed class ParsedCommand
    {
        private readonly ArrayList _args = new ArrayList();

        /// <summary>Creates an empty match for <paramref name="command"/>.</summary>
        public ParsedCommand(int command)
        {
            Command = command;
        }

        /// <summary>The <see cref="CommandId"/> value.</summary>
        public int Command { get; set; }

        /// <summary>Line number in a configuration file (1-based), 0 interactively.</summary>
        public int LineNumber { get; set; }

        /// <summary>Appends a matched word.</summary>
        public void Add(ParsedArgument argument)
        {
            _args.Add(argument);
        }

        /// <summary>The matched word of <paramref name="slot"/>, or null.</summary>
        public ParsedArgument Find(string slot)
        {
            for (int i = 0; i < _args.Count; i++)
            {
                ParsedArgument a = (ParsedArgument)_args[i];
                if (a.Node.Slot == slot)
                {
                    return a;
                }
            }

            return null;
        }

        /// <summary>True when the plain keyword <paramref name="keyword"/> was given.</summary>
        public bool HasKeyword(string keyword)
        {
            for (int i = 0; i < _args.Count; i++)
            {
                if (((ParsedArgument)_args[i]).Node.Keyword == keyword)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="slot"/> was given.</summary>
        public bool Has(string slot)
        {
            return Find(slot) != null;
        }

        /// <summary>Integer value of <paramref name="slot"/>, or <paramref name="absent"/>.</summary>
        public int Number(string slot, int absent)
        {
            ParsedArgument a = Find(slot);
            return a == null ? absent : a.Number;
        }

        /// <summary>Address of <paramref name="slot"/>, or 0.</summary>
        public uint Address(string slot)
        {
            ParsedArgument a = Find(slot);
            return a == null ? 0u : a.Address;
        }

        /// <summary>Text of <paramref name="slot"/>, or null.</summary>
        public string Text(string slot)
        {
            ParsedArgument a = Find(slot);
            return a == null ? null : a.Text;
        }
    }
}
