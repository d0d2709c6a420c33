namespace NanoGate.Firmware.Cli
{
    /// <summary>One word of a command line: its text (quotes removed) and where it stands in the line.</summary>
    public sealed class CliToken
    {
        /// <summary>Creates a token.</summary>
        public CliToken(string text, int start, int end, bool quoted)
        {
            Text = text;
            Start = start;
            End = end;
            Quoted = quoted;
        }

        /// <summary>The word, without quotes and with escapes resolved.</summary>
        public string Text { get; private set; }

        /// <summary>Column of the first character (the opening quote for a quoted word).</summary>
        public int Start { get; private set; }

        /// <summary>Column just after the last character.</summary>
        public int End { get; private set; }

        /// <summary>True when the word was written in double quotes (never a keyword then).</summary>
        public bool Quoted { get; private set; }
    }
}
