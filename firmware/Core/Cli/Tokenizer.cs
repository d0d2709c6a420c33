using System.Collections;
using System.Text;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// Splits a command line into words. A word is a run of non-blank characters, or a double-quoted
    /// string in which \" and \\ stand for a quote and a backslash (so secrets and descriptions may
    /// hold blanks). Never throws: an unterminated quote is reported by its column.
    /// </summary>
    public static class Tokenizer
    {
        /// <summary>Number of leading blanks (a tab counts as one): the line's indentation.</summary>
        public static int Indent(string line)
        {
            int i = 0;
            while (i < line.Length && IsBlank(line[i]))
            {
                i++;
            }

            return i;
        }

        /// <summary>True for space and tab.</summary>
        public static bool IsBlank(char c)
        {
            return c == ' ' || c == '\t';
        }

        /// <summary>
        /// Appends the words of <paramref name="line"/> to <paramref name="tokens"/> (CliToken items).
        /// Returns -1, or the column of an unterminated opening quote.
        /// </summary>
        public static int Tokenize(string line, ArrayList tokens)
        {
            int i = 0;
            int n = line.Length;
            while (true)
            {
                while (i < n && IsBlank(line[i]))
                {
                    i++;
                }

                if (i >= n)
                {
                    return -1;
                }

                int start = i;
                if (line[i] == '"')
                {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    bool closed = false;
                    while (i < n)
                    {
                        char c = line[i];
                        if (c == '\\' && i + 1 < n && (line[i + 1] == '"' || line[i + 1] == '\\'))
                        {
                            sb.Append(line[i + 1]);
                            i += 2;
                            continue;
                        }

                        if (c == '"')
                        {
                            closed = true;
                            i++;
                            break;
                        }

                        sb.Append(c);
                        i++;
                    }

                    if (!closed)
                    {
                        return start;
                    }

                    tokens.Add(new CliToken(sb.ToString(), start, i, true));
                    continue;
                }

                while (i < n && !IsBlank(line[i]))
                {
                    i++;
                }

                tokens.Add(new CliToken(line.Substring(start, i - start), start, i, false));
            }
        }

        /// <summary>Writes <paramref name="text"/> as one word: bare when it has no blank or quote, else quoted with escapes.</summary>
        public static string Quote(string text)
        {
            bool plain = text.Length > 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (IsBlank(c) || c == '"' || c == '\\' || c == '?')
                {
                    plain = false;
                    break;
                }
            }

            if (plain)
            {
                return text;
            }

            StringBuilder sb = new StringBuilder();
            sb.Append('"');
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"' || c == '\\')
                {
                    sb.Append('\\');
                }

                sb.Append(c);
            }

            sb.Append('"');
            return sb.ToString();
        }
    }
}
