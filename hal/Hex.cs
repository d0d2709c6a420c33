namespace NanoGate.Hal
{
    /// <summary>
    /// Hex text, lowercase, as test vectors, logs, key files and the console print it; the one hex
    /// helper of every project. The <c>Write</c> forms format into the caller's buffer and allocate
    /// nothing; <see cref="Format(byte[], int, int)"/> and <see cref="Parse"/> allocate (never on the
    /// data path). Parsing is for our own tables and test vectors, and returns null, not an
    /// exception, on text that is not hex.
    /// </summary>
    public static class Hex
    {
        /// <summary>The lowercase digit of <paramref name="value"/> (0..15).</summary>
        public static char Digit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'a' + value - 10);
        }

        /// <summary>The value of hex digit <paramref name="c"/> (either case), or -1 when it is not one.</summary>
        public static int Nibble(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }

        /// <summary>Writes <paramref name="count"/> bytes as 2 x count digits into <paramref name="output"/> at <paramref name="at"/>; returns the position after them.</summary>
        public static int Write(byte[] b, int offset, int count, char[] output, int at)
        {
            for (int i = 0; i < count; i++)
            {
                output[at++] = Digit(b[offset + i] >> 4);
                output[at++] = Digit(b[offset + i] & 0xF);
            }

            return at;
        }

        /// <summary>As <see cref="Write(byte[], int, int, char[], int)"/>, the digits as ASCII bytes (for text written to a file or a socket).</summary>
        public static int WriteAscii(byte[] b, int offset, int count, byte[] output, int at)
        {
            for (int i = 0; i < count; i++)
            {
                output[at++] = (byte)Digit(b[offset + i] >> 4);
                output[at++] = (byte)Digit(b[offset + i] & 0xF);
            }

            return at;
        }

        /// <summary>As above for the whole array; a null array writes nothing (an absent key prints as no digits).</summary>
        public static int WriteAscii(byte[] b, byte[] output, int at)
        {
            return b == null ? at : WriteAscii(b, 0, b.Length, output, at);
        }

        /// <summary>Writes <paramref name="value"/> as 8 ASCII digits, most significant first; returns the position after them.</summary>
        public static int WriteAscii(uint value, byte[] output, int at)
        {
            for (int shift = 28; shift >= 0; shift -= 4)
            {
                output[at++] = (byte)Digit((int)((value >> shift) & 0xF));
            }

            return at;
        }

        /// <summary>The hex text of the range (a new string).</summary>
        public static string Format(byte[] b, int offset, int count)
        {
            char[] chars = new char[count * 2];
            Write(b, offset, count, chars, 0);
            return new string(chars);
        }

        /// <summary>The hex text of the whole array.</summary>
        public static string Format(byte[] b)
        {
            return Format(b, 0, b.Length);
        }

        /// <summary>
        /// Parses hex in either case; white space (as RFCs print vectors, in groups and lines) is
        /// ignored. Returns the bytes, or null when the text is null, holds anything else or an odd
        /// number of digits.
        /// </summary>
        public static byte[] Parse(string text)
        {
            if (text == null)
            {
                return null;
            }

            int digits = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (!IsSpace(text[i]))
                {
                    if (Nibble(text[i]) < 0)
                    {
                        return null;
                    }

                    digits++;
                }
            }

            if ((digits & 1) != 0)
            {
                return null;
            }

            byte[] result = new byte[digits / 2];
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (!IsSpace(text[i]))
                {
                    result[n >> 1] = (byte)((result[n >> 1] << 4) | Nibble(text[i]));
                    n++;
                }
            }

            return result;
        }

        /// <summary>True when the bytes are those of the hex text (for known answers; not constant time).</summary>
        public static bool Equals(byte[] b, string hex)
        {
            byte[] expected = Parse(hex);
            if (b == null || expected == null || expected.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < b.Length; i++)
            {
                if (b[i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsSpace(char c)
        {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }
    }
}
