namespace NFUnitTest
{
    /// <summary>Inputs the RFCs describe in words rather than in hex (hex itself: NanoGate.Hal.Hex).</summary>
    internal static class TestBytes
    {
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
    }
}
