using NanoGate.Hal;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The arguments of <c>ping [-a SOURCE-IP] [-c COUNT] [-s SIZE] [-t TIMEOUT-MS] HOST</c>, as VRP
    /// names them (options in any order, the host last or anywhere). Parsing fails as a value: the
    /// "Error:" line says which word is wrong and what it may be.
    /// </summary>
    public sealed class PingRequest
    {
        /// <summary>Echo requests sent when -c is not given (VRP's default).</summary>
        public const int DefaultCount = 5;

        /// <summary>Most echo requests one command sends (the console waits for all of them).</summary>
        public const int MaxCount = 1000;

        /// <summary>ICMP data bytes when -s is not given (VRP's default).</summary>
        public const int DefaultSize = 56;

        /// <summary>Fewest ICMP data bytes (VRP's lower bound).</summary>
        public const int MinSize = 20;

        /// <summary>How long to wait for each reply when -t is not given, in ms (VRP's default).</summary>
        public const int DefaultTimeoutMs = 2000;

        /// <summary>Longest wait for one reply, in ms.</summary>
        public const int MaxTimeoutMs = 65535;

        /// <summary>IPv4 header (no options) and ICMP echo header in front of the data.</summary>
        public const int HeaderBytes = 20 + 8;

        /// <summary>-a: the source address (0: the WAN address, straight out).</summary>
        public uint Source;

        /// <summary>The host pinged.</summary>
        public uint Destination;

        /// <summary>-c: echo requests to send.</summary>
        public int Count = DefaultCount;

        /// <summary>-s: ICMP data bytes per request.</summary>
        public int Size = DefaultSize;

        /// <summary>-t: wait for each reply, in ms.</summary>
        public int TimeoutMs = DefaultTimeoutMs;

        /// <summary>
        /// Parses <paramref name="text"/> (the words after "ping"). <paramref name="maxSize"/> is the
        /// largest -s the board's packets hold unfragmented (its MTU less <see cref="HeaderBytes"/>).
        /// Returns null with <paramref name="error"/> set when a word is wrong.
        /// </summary>
        public static PingRequest Parse(string text, int maxSize, out string error)
        {
            string[] words = text.Split(new char[] { ' ', '\t' });
            PingRequest r = new PingRequest();
            bool haveHost = false;
            for (int i = 0; i < words.Length; i++)
            {
                string w = words[i];
                if (w.Length == 0)
                {
                    continue;
                }

                if (w[0] != '-')
                {
                    if (haveHost)
                    {
                        error = "Error: One host only: '" + w + "' follows " + Ipv4.Format(r.Destination) + ".";
                        return null;
                    }

                    if (!Ipv4.TryParse(w, out r.Destination) || r.Destination == 0 || r.Destination == 0xFFFFFFFF)
                    {
                        error = "Error: '" + w + "' is not a host's IPv4 address (A.B.C.D; names are not resolved).";
                        return null;
                    }

                    haveHost = true;
                    continue;
                }

                string value = NextWord(words, ref i);
                if (value == null)
                {
                    error = "Error: " + w + " needs a value.";
                    return null;
                }

                if (w == "-a")
                {
                    if (!Ipv4.TryParse(value, out r.Source) || r.Source == 0)
                    {
                        error = "Error: -a '" + value + "' is not an IPv4 address.";
                        return null;
                    }
                }
                else if (w == "-c")
                {
                    if (!TryRange(value, 1, MaxCount, out r.Count))
                    {
                        error = "Error: -c '" + value + "' is out of range (1-" + MaxCount.ToString() + " echo requests).";
                        return null;
                    }
                }
                else if (w == "-s")
                {
                    if (!TryRange(value, MinSize, maxSize, out r.Size))
                    {
                        error = "Error: -s '" + value + "' is out of range (" + MinSize.ToString() + "-" + maxSize.ToString()
                            + " data bytes: one echo must fit this board's MTU unfragmented).";
                        return null;
                    }
                }
                else if (w == "-t")
                {
                    if (!TryRange(value, 1, MaxTimeoutMs, out r.TimeoutMs))
                    {
                        error = "Error: -t '" + value + "' is out of range (1-" + MaxTimeoutMs.ToString() + " ms).";
                        return null;
                    }
                }
                else
                {
                    error = "Error: Unknown option '" + w + "' (ping [-a SOURCE-IP] [-c COUNT] [-s SIZE] [-t TIMEOUT-MS] HOST).";
                    return null;
                }
            }

            if (!haveHost)
            {
                error = "Error: No host to ping (ping [-a SOURCE-IP] [-c COUNT] [-s SIZE] [-t TIMEOUT-MS] HOST).";
                return null;
            }

            error = null;
            return r;
        }

        private static string NextWord(string[] words, ref int i)
        {
            while (i + 1 < words.Length)
            {
                i++;
                if (words[i].Length > 0)
                {
                    return words[i];
                }
            }

            return null;
        }

        /// <summary>Decimal digits only, at most 9 of them (no overflow), within min..max.</summary>
        private static bool TryRange(string text, int min, int max, out int value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 9)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = value * 10 + (c - '0');
            }

            return value >= min && value <= max;
        }
    }
}
