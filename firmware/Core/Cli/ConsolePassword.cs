using System.Text;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The console password as it is stored: "pbkdf2-sha256:ITERATIONS:SALT:HASH" (hex), PBKDF2
    /// with HMAC-SHA-256 (RFC 8018 §5.2, one 32-byte block) over a 16-byte salt from the board's
    /// random source. Only this form is kept, shown and saved; the password itself never is.
    /// Verification compares in fixed time.
    /// </summary>
    public static class ConsolePassword
    {
        /// <summary>The prefix naming the function.</summary>
        public const string Scheme = "pbkdf2-sha256";

        /// <summary>
        /// Iterations of new hashes: enough that a stolen configuration costs a guesser work, few
        /// enough that a login on the device's software SHA-256 takes well under a second or two.
        /// </summary>
        public const int DefaultIterations = 4096;

        private const int SaltLength = 16;
        private const int HashLength = 32;

        /// <summary>The stored form of <paramref name="password"/> with a new salt.</summary>
        public static string Hash(string password, ICryptoProvider crypto, IRandomSource random, int iterations)
        {
            byte[] salt = new byte[SaltLength];
            random.Fill(salt, 0, salt.Length);
            byte[] hash = Derive(password, salt, iterations, crypto);
            string text = Scheme + ":" + iterations.ToString() + ":" + Hex.Format(salt) + ":" + Hex.Format(hash);
            FixedTime.Wipe(hash);
            return text;
        }

        /// <summary>True when <paramref name="stored"/> has the stored form (scheme, 1-1000000 iterations, salt, 32-byte hash).</summary>
        public static bool IsWellFormed(string stored)
        {
            int iterations;
            byte[] salt;
            byte[] hash;
            return Split(stored, out iterations, out salt, out hash);
        }

        /// <summary>True when <paramref name="password"/> is the one <paramref name="stored"/> was made from.</summary>
        public static bool Verify(string password, string stored, ICryptoProvider crypto)
        {
            int iterations;
            byte[] salt;
            byte[] expected;
            if (!Split(stored, out iterations, out salt, out expected))
            {
                return false;
            }

            byte[] hash = Derive(password, salt, iterations, crypto);
            bool same = FixedTime.AreEqual(hash, 0, expected, 0, HashLength);
            FixedTime.Wipe(hash);
            return same;
        }

        private static bool Split(string stored, out int iterations, out byte[] salt, out byte[] hash)
        {
            iterations = 0;
            salt = null;
            hash = null;
            if (stored == null)
            {
                return false;
            }

            string[] parts = stored.Split(new char[] { ':' });
            if (parts.Length != 4 || parts[0] != Scheme || parts[1].Length == 0 || parts[1].Length > 7)
            {
                return false;
            }

            for (int i = 0; i < parts[1].Length; i++)
            {
                char c = parts[1][i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                iterations = (iterations * 10) + (c - '0');
            }

            salt = Hex.Parse(parts[2]);
            hash = Hex.Parse(parts[3]);
            return iterations >= 1 && iterations <= 1000000 && salt != null && salt.Length >= 4 && salt.Length <= 64
                && hash != null && hash.Length == HashLength;
        }

        /// <summary>PBKDF2-HMAC-SHA-256, first block: T1 = U1 ^ ... ^ Uc, U1 = PRF(P, S || INT(1)) (RFC 8018 §5.2).</summary>
        private static byte[] Derive(string password, byte[] salt, int iterations, ICryptoProvider crypto)
        {
            byte[] key = Encoding.UTF8.GetBytes(password);
            IHash prf = crypto.CreateHmac(HashAlgorithm.Sha256, key, 0, key.Length);
            FixedTime.Wipe(key);
            byte[] u = new byte[HashLength];
            byte[] t = new byte[HashLength];
            byte[] one = new byte[] { 0, 0, 0, 1 };
            prf.Append(salt, 0, salt.Length);
            prf.Append(one, 0, one.Length);
            prf.Finish(u, 0);
            for (int j = 0; j < HashLength; j++)
            {
                t[j] = u[j];
            }

            for (int i = 1; i < iterations; i++)
            {
                prf.Append(u, 0, HashLength);
                prf.Finish(u, 0);
                for (int j = 0; j < HashLength; j++)
                {
                    t[j] ^= u[j];
                }
            }

            prf.Wipe();
            FixedTime.Wipe(u);
            return t;
        }
    }
}
