namespace NFUnitTest
{
    /// <summary>Hex text to bytes for the test vectors (spaces ignored); the device has no Convert.FromHexString.</summary>
    internal static class TestHex
    {
        public static byte[] Bytes(string hex)
        {
            int digits = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] != ' ')
                {
                    digits++;
                }
            }

            byte[] result = new byte[digits / 2];
            int n = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] == ' ')
                {
                    continue;
                }

                int value = Nibble(hex[i]);
                if ((n & 1) == 0)
                {
                    result[n / 2] = (byte)(value << 4);
                }
                else
                {
                    result[n / 2] |= (byte)value;
                }

                n++;
            }

            return result;
        }

        public static byte[] Ascii(string text)
        {
            byte[] result = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                result[i] = (byte)text[i];
            }

            return result;
        }

        public static byte[] Repeat(byte value, int count)
        {
            byte[] result = new byte[count];
            for (int i = 0; i < count; i++)
            {
                result[i] = value;
            }

            return result;
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            return (c | 0x20) - 'a' + 10;
        }
    }
}
