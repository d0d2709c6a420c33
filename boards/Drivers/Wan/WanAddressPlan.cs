using NanoGate.Hal;

namespace NanoGate.Boards.Drivers
{
    /// <summary>
    /// Decides whether the WAN interface's addressing must change. On nanoFramework every
    /// EnableDhcp/EnableStaticIPv4 rewrites the network configuration block in flash before the
    /// adapter is updated, so the board compares what the interface reports with the applied
    /// configuration and writes only when they differ.
    /// </summary>
    public static class WanAddressPlan
    {
        /// <summary>
        /// The action for an interface that reports <paramref name="currentDhcp"/> and the dotted
        /// <paramref name="currentAddress"/>, <paramref name="currentMask"/>, <paramref name="currentGateway"/>,
        /// when the configuration wants DHCP or the static <paramref name="address"/>/<paramref name="prefixLength"/>
        /// via <paramref name="gateway"/> (host order; address 0 and no DHCP: nothing configured, leave it).
        /// </summary>
        public static WanAction Decide(bool currentDhcp, string currentAddress, string currentMask, string currentGateway,
            bool wantDhcp, uint address, int prefixLength, uint gateway)
        {
            if (wantDhcp)
            {
                return currentDhcp ? WanAction.None : WanAction.Dhcp;
            }

            if (address == 0)
            {
                return WanAction.None;
            }

            if (currentDhcp || currentAddress != Ipv4.Format(address) || currentMask != Ipv4.Format(Mask(prefixLength))
                || currentGateway != Ipv4.Format(gateway))
            {
                return WanAction.Static;
            }

            return WanAction.None;
        }

        /// <summary>The netmask of a prefix length (24 gives 255.255.255.0), host order.</summary>
        public static uint Mask(int prefixLength)
        {
            if (prefixLength <= 0)
            {
                return 0;
            }

            return prefixLength >= 32 ? 0xFFFFFFFF : ~(0xFFFFFFFF >> prefixLength);
        }
    }
}
