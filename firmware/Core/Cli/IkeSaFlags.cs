namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// Flag bits of an IKE SA row in <c>display ike sa</c>, named and abbreviated as Huawei VRP
    /// prints them (RD, ST, RL, FD, TO, NEG).
    /// </summary>
    public static class IkeSaFlags
    {
        /// <summary>RD: established and usable.</summary>
        public const int Ready = 0x01;

        /// <summary>ST: this end initiated it (and keeps it alive).</summary>
        public const int StayAlive = 0x02;

        /// <summary>RL: replaced by a newer SA, about to be removed.</summary>
        public const int Replaced = 0x04;

        /// <summary>FD: soft lifetime expired, still in use until the hard lifetime.</summary>
        public const int Fading = 0x08;

        /// <summary>TO: dead peer detection got no answer yet.</summary>
        public const int Timeout = 0x10;

        /// <summary>NEG: negotiation in progress.</summary>
        public const int Negotiating = 0x20;

        /// <summary>The legend printed under the table.</summary>
        public const string Legend = "RD--READY   ST--STAYALIVE   RL--REPLACED   FD--FADING   TO--TIMEOUT   NEG--NEGOTIATING";

        /// <summary>"RD|ST", or "--" when no flag is set.</summary>
        public static string Format(int flags)
        {
            string s = "";
            s = Add(s, flags, Ready, "RD");
            s = Add(s, flags, StayAlive, "ST");
            s = Add(s, flags, Replaced, "RL");
            s = Add(s, flags, Fading, "FD");
            s = Add(s, flags, Timeout, "TO");
            s = Add(s, flags, Negotiating, "NEG");
            return s.Length == 0 ? "--" : s;
        }

        private static string Add(string s, int flags, int bit, string name)
        {
            if ((flags & bit) == 0)
            {
                return s;
            }

            return s.Length == 0 ? name : s + "|" + name;
        }
    }
}
