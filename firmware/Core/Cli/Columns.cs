using NanoGate.Hal;

namespace NanoGate.Firmware.Cli
{
    /// <summary>Text helpers for the display tables (padding, hex, masks, durations).</summary>
    public static class Columns
    {
        /// <summary><paramref name="text"/> padded with blanks to <paramref name="width"/>; one blank added when it is already that long.</summary>
        public static string Pad(string text, int width)
        {
            if (text.Length >= width)
            {
                return text + " ";
            }

            return text.PadRight(width, ' ');
        }

        /// <summary>"0x" and <paramref name="digits"/> lower-case hex digits.</summary>
        public static string HexNumber(ulong value, int digits)
        {
            char[] c = new char[digits];
            for (int i = digits - 1; i >= 0; i--)
            {
                c[i] = Hex.Digit((int)(value & 0xF));
                value >>= 4;
            }

            return "0x" + new string(c);
        }

        /// <summary>"255.255.255.0" of a prefix length.</summary>
        public static string Netmask(int prefixLength)
        {
            return NanoGate.Hal.Ipv4.Format(CommandTree.Mask(prefixLength));
        }

        /// <summary>Seconds left of <paramref name="lifetimeSeconds"/> since <paramref name="sinceMs"/>, never below 0.</summary>
        public static long Remaining(int lifetimeSeconds, long sinceMs, long nowMs)
        {
            long left = lifetimeSeconds - ((nowMs - sinceMs) / 1000);
            return left < 0 ? 0 : left;
        }

        /// <summary>A line of dashes.</summary>
        public static string Rule(int width)
        {
            return "  " + new string('-', width);
        }
    }
}
