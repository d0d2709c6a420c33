using System;
using System.Text;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The "cipher" form of a pre-shared key in a saved configuration, as Huawei's
    /// "pre-shared-key cipher ...": a length byte and the key XORed with a fixed device key, in
    /// Base64. This is OBFUSCATION, not encryption: it keeps a key from being read over a shoulder
    /// or in a pasted file, but anyone with the firmware can restore it. The file itself must be
    /// protected like the key.
    /// </summary>
    public static class SecretCipher
    {
        /// <summary>What <c>display current-configuration</c> shows instead of a key.</summary>
        public const string Mask = "******";

        // Fixed, public by construction (it is in the firmware image): not a secret.
        private static readonly byte[] s_deviceKey = new byte[]
        {
            0x4E, 0x61, 0x6E, 0x6F, 0x47, 0x61, 0x74, 0x65, 0x9C, 0x35, 0xE1, 0x07, 0x5A, 0xD2, 0x88, 0x13,
            0x2F, 0xB4, 0x60, 0xC9, 0x71, 0x0E, 0xA3, 0x5D, 0xE8, 0x16, 0x94, 0x3B, 0xC7, 0x02, 0x6A, 0xF1,
        };

        /// <summary>The cipher text of <paramref name="secret"/> (1..255 bytes).</summary>
        public static string Encode(byte[] secret)
        {
            byte[] b = new byte[secret.Length + 1];
            b[0] = (byte)secret.Length;
            for (int i = 0; i < secret.Length; i++)
            {
                b[i + 1] = (byte)(secret[i] ^ s_deviceKey[i % s_deviceKey.Length] ^ (byte)(i * 31));
            }

            return Convert.ToBase64String(b);
        }

        /// <summary>Restores a key from its cipher text; null when the text is not one (never throws).</summary>
        public static byte[] Decode(string text)
        {
            if (text == null || text.Length < 4 || (text.Length % 4) != 0)
            {
                return null;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || (c == '=' && i >= text.Length - 2);
                if (!ok)
                {
                    return null;
                }
            }

            byte[] b;
            try
            {
                b = Convert.FromBase64String(text);
            }
            catch (Exception)
            {
                return null;
            }

            if (b.Length < 2 || b[0] != b.Length - 1)
            {
                return null;
            }

            byte[] secret = new byte[b.Length - 1];
            for (int i = 0; i < secret.Length; i++)
            {
                secret[i] = (byte)(b[i + 1] ^ s_deviceKey[i % s_deviceKey.Length] ^ (byte)(i * 31));
            }

            return secret;
        }

        /// <summary>UTF-8 bytes of a key typed in simple form.</summary>
        public static byte[] FromText(string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }
    }
}
