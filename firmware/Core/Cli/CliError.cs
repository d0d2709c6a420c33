namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// A command that could not be parsed or carried out: what went wrong, at which column, and what
    /// would have been accepted there. Printed Huawei-style: the line, a caret under the bad word,
    /// "Error: ... found at '^' position." and the expected words.
    /// </summary>
    public sealed class CliError
    {
        /// <summary>Creates an error.</summary>
        public CliError(ParseErrorKind kind, int column, string expected, string detail)
        {
            Kind = kind;
            Column = column;
            Expected = expected;
            Detail = detail;
        }

        /// <summary>A command that parsed but cannot be carried out; <paramref name="why"/> says why (nothing changed).</summary>
        public static CliError Rejected(string why)
        {
            return new CliError(ParseErrorKind.Rejected, -1, null, why);
        }

        /// <summary>The category.</summary>
        public ParseErrorKind Kind { get; private set; }

        /// <summary>Column of the bad word (-1 when the error is not about one word).</summary>
        public int Column { get; private set; }

        /// <summary>What would have been accepted ("main | aggressive"), or null.</summary>
        public string Expected { get; private set; }

        /// <summary>Further explanation, or null.</summary>
        public string Detail { get; private set; }

        /// <summary>Line number in a configuration file (1-based), 0 interactively.</summary>
        public int LineNumber { get; set; }

        /// <summary>The "Error: ..." sentence.</summary>
        public string Message
        {
            get
            {
                switch (Kind)
                {
                    case ParseErrorKind.Unrecognized:
                        return "Error: Unrecognized command found at '^' position.";
                    case ParseErrorKind.Ambiguous:
                        return "Error: Ambiguous command found at '^' position.";
                    case ParseErrorKind.Incomplete:
                        return "Error: Incomplete command found at '^' position.";
                    case ParseErrorKind.TooManyParameters:
                        return "Error: Too many parameters found at '^' position.";
                    case ParseErrorKind.WrongParameter:
                        return "Error: Wrong parameter found at '^' position.";
                    case ParseErrorKind.UnterminatedQuote:
                        return "Error: Unterminated quoted string found at '^' position.";
                    default:
                        return "Error: " + Detail;
                }
            }
        }

        /// <summary>
        /// Writes the report: "line N:" first for a file, then the line, the caret, the message and
        /// what was expected.
        /// </summary>
        public void WriteTo(ILineWriter output, string line)
        {
            // A line that carries a secret is echoed with the secret masked, the caret no further
            // right than where it starts, and the secret kept out of the explanation too.
            int column = Column;
            string secret = null;
            int secretStart = SecretMask.SecretStart(line);
            if (secretStart >= 0)
            {
                secret = line.Substring(secretStart).Trim();
                line = line.Substring(0, secretStart) + SecretMask.Mask;
                column = column > secretStart ? secretStart : column;
            }

            if (LineNumber > 0)
            {
                output.WriteLine("line " + LineNumber.ToString() + ": " + Message);
                output.WriteLine(line);
                if (column >= 0)
                {
                    output.WriteLine(new string(' ', column) + "^");
                }
            }
            else
            {
                if (column >= 0)
                {
                    output.WriteLine(line);
                    output.WriteLine(new string(' ', column) + "^");
                }

                output.WriteLine(Message);
            }

            string more = null;
            if (Expected != null)
            {
                more = "Expected: " + Expected;
            }

            if (Detail != null && Kind != ParseErrorKind.Rejected)
            {
                more = more == null ? Detail : more + " (" + Detail + ")";
            }

            more = SecretMask.Remove(more, secret);

            if (more != null)
            {
                output.WriteLine(more);
            }
        }
    }
}
