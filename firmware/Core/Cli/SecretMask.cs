using System.Collections;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// Keeps secrets out of what the console echoes: an error report repeats the offending line
    /// (interactively, and with its line number for a startup file, on stderr at start-up), and a
    /// line that sets a pre-shared key or a password would show the secret there (issue 13).
    /// The secret is the rest of the line after "pre-shared-key [simple|cipher]" or
    /// "password [simple|cipher]", however abbreviated, since the command tree takes unique prefixes.
    /// </summary>
    public static class SecretMask
    {
        /// <summary>What stands in for a secret (the same as a displayed configuration's).</summary>
        public const string Mask = "******";

        /// <summary>The column where the line's secret starts, or -1 when it carries none.</summary>
        public static int SecretStart(string line)
        {
            ArrayList tokens = new ArrayList();
            Tokenizer.Tokenize(line, tokens);
            for (int i = 0; i < tokens.Count; i++)
            {
                string word = ((CliToken)tokens[i]).Text;
                if (!IsPrefix(word, "pre-shared-key", 3) && !IsPrefix(word, "password", 4))
                {
                    continue;
                }

                int secret = i + 1;
                if (secret < tokens.Count)
                {
                    string mode = ((CliToken)tokens[secret]).Text;
                    if (IsPrefix(mode, "simple", 1) || IsPrefix(mode, "cipher", 1))
                    {
                        secret++;
                    }
                }

                return secret < tokens.Count ? ((CliToken)tokens[secret]).Start : -1;
            }

            return -1;
        }

        /// <summary>The line with its secret replaced by <see cref="Mask"/>.</summary>
        public static string Line(string line)
        {
            int start = SecretStart(line);
            return start < 0 ? line : line.Substring(0, start) + Mask;
        }

        /// <summary><paramref name="text"/> with every occurrence of <paramref name="secret"/> replaced by <see cref="Mask"/>.</summary>
        public static string Remove(string text, string secret)
        {
            if (text == null || secret == null || secret.Length == 0)
            {
                return text;
            }

            int at = text.IndexOf(secret);
            while (at >= 0)
            {
                text = text.Substring(0, at) + Mask + text.Substring(at + secret.Length);
                at = text.IndexOf(secret, at + Mask.Length);
            }

            return text;
        }

        private static bool IsPrefix(string word, string keyword, int minimum)
        {
            return word.Length >= minimum && word.Length <= keyword.Length && keyword.Substring(0, word.Length) == word;
        }
    }
}
