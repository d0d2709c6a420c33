using NanoGate.Hal;

namespace NanoGate.Esp
{
    /// <summary>
    /// One side of a traffic selector (RFC 4301 §4.4.1.1): an IPv4 subnet, as IKEv1 quick mode
    /// carries it in an IPV4_ADDR_SUBNET / IPV4_ADDR ID (RFC 2407 §4.6.2). The protocol lives on the
    /// policy or SA that pairs two selectors. Immutable; a class so that no struct is copied on the
    /// data path.
    /// </summary>
    public sealed class TrafficSelector
    {
        /// <summary>Network address (host order), already masked.</summary>
        public readonly uint Network;

        /// <summary>Subnet mask (host order), e.g. 0xFFFFFF00 for /24.</summary>
        public readonly uint Mask;

        /// <summary>The selector for <paramref name="network"/>/<paramref name="prefixLength"/> (0..32; clamped).</summary>
        public TrafficSelector(uint network, int prefixLength)
        {
            if (prefixLength < 0)
            {
                prefixLength = 0;
            }

            if (prefixLength > 32)
            {
                prefixLength = 32;
            }

            Mask = prefixLength == 0 ? 0u : 0xFFFFFFFFu << (32 - prefixLength);
            Network = network & Mask;
        }

        /// <summary>0.0.0.0/0: every address.</summary>
        public static TrafficSelector Any()
        {
            return new TrafficSelector(0, 0);
        }

        /// <summary>Prefix length of <see cref="Mask"/>.</summary>
        public int PrefixLength
        {
            get
            {
                int n = 0;
                uint m = Mask;
                while ((m & 0x80000000u) != 0)
                {
                    n++;
                    m <<= 1;
                }

                return n;
            }
        }

        /// <summary>True when <paramref name="address"/> lies in the subnet.</summary>
        [FastPath]
        public bool Contains(uint address)
        {
            return (address & Mask) == Network;
        }

        /// <summary>True when both describe the same subnet.</summary>
        public bool SameAs(TrafficSelector other)
        {
            return other != null && other.Network == Network && other.Mask == Mask;
        }

        /// <summary>"192.0.2.0/24" (console; allocates).</summary>
        public override string ToString()
        {
            return Ipv4.Format(Network) + "/" + PrefixLength.ToString();
        }
    }
}
