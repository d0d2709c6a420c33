namespace NanoGate.Hal.Crypto
{
    /// <summary>Constant-time comparison and key wiping.</summary>
    public static class FixedTime
    {
        /// <summary>
        /// Compares two byte ranges in time that depends only on <paramref name="count"/>, never on
        /// where they differ (ICVs, HASH_I/HASH_R).
        /// </summary>
        [FastPath]
        public static bool AreEqual(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            int diff = 0;
            for (int i = 0; i < count; i++)
            {
                diff |= a[aOffset + i] ^ b[bOffset + i];
            }

            return diff == 0;
        }

        /// <summary>Zeroes key material.</summary>
        [FastPath]
        public static void Wipe(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                return;
            }

            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = 0;
            }
        }

        /// <summary>Zeroes a whole key buffer.</summary>
        [FastPath]
        public static void Wipe(byte[] buffer)
        {
            if (buffer != null)
            {
                Wipe(buffer, 0, buffer.Length);
            }
        }
    }
}
