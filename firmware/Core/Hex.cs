namespace NanoGate.Firmware
{
    /// <summary>Hex text for vectors, logs and the console (allocates; never on the data path).</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        /// <summary>Parses lowercase or uppercase hex without separators; null when malformed.</summary>
        public static byte[] Parse(string text)
        {
            if (text == null || (text.Length & 1) != 0)
            {
                return null;
            }

            byte[] result = new byte[text.Length / 2];
            for (int i = 0; i < result.Length; i++)
            {
                int hi = Nibble(text[2 * i]);
                int lo = Nibble(text[(2 * i) + 1]);
                if (hi < 0 || lo < 0)
                {
                    return null;
                }

                result[i] = (byte)((hi << 4) | lo);
            }

            return result;
        }

        /// <summary>Lowercase hex of the range.</summary>
        public static string Format(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[offset + i];
                chars[2 * i] = Digits[b >> 4];
                chars[(2 * i) + 1] = Digits[b & 0xF];
            }

            return new string(chars);
        }

        /// <summary>True when the bytes equal the hex text (for known answers; not constant time).</summary>
        public static bool Equals(byte[] buffer, string hex)
        {
            return buffer != null && hex != null && hex.Length == buffer.Length * 2 && Format(buffer, 0, buffer.Length) == hex;
        }

        private static int Nibble(char c)
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
    }
}
