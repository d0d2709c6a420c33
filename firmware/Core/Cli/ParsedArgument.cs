namespace NanoGate.Firmware.Cli
{
    /// <summary>One matched word of a command line and the value it carries.</summary>
    public sealed class ParsedArgument
    {
        /// <summary>Creates a matched word.</summary>
        public ParsedArgument(CommandNode node, string text, int number, uint address)
        {
            Node = node;
            Text = text;
            Number = number;
            Address = address;
        }

        /// <summary>The tree node it matched.</summary>
        public CommandNode Node { get; private set; }

        /// <summary>The word as written (quotes removed; the whole rest for a rest-of-line argument).</summary>
        public string Text { get; private set; }

        /// <summary>Integer value, prefix length, or the chosen keyword's value.</summary>
        public int Number { get; private set; }

        /// <summary>IPv4 address (host order) for address arguments.</summary>
        public uint Address { get; private set; }
    }
}
