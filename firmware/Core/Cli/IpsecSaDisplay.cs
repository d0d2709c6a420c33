using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// <c>display ipsec sa</c> in the layout of Huawei VRP: per policy the tunnel ends and flows,
    /// then the outbound and inbound ESP SA with SPI (decimal and hex), transform, remaining
    /// lifetime (kilobytes/seconds), packet and byte counts, sequence numbers, anti-replay window
    /// and whether ESP is UDP-encapsulated.
    /// </summary>
    public static class IpsecSaDisplay
    {
        /// <summary>Prints every SA pair of <paramref name="runtime"/>.</summary>
        public static void Render(IGatewayRuntime runtime, long nowMs, ILineWriter o)
        {
            if (runtime.IpsecSaCount == 0)
            {
                o.WriteLine("Info: No IPsec SA.");
                return;
            }

            o.WriteLine("===============================");
            o.WriteLine("Interface: wan");
            o.WriteLine("===============================");
            for (int i = 0; i < runtime.IpsecSaCount; i++)
            {
                IIpsecSaView sa = runtime.GetIpsecSa(i);
                o.WriteLine("");
                o.WriteLine("  -----------------------------");
                o.WriteLine("  IPsec policy name: \"" + sa.PolicyName + "\"");
                o.WriteLine("  Mode             : ISAKMP");
                o.WriteLine("  -----------------------------");
                o.WriteLine("    Connection ID     : " + sa.ConnId.ToString());
                o.WriteLine("    Encapsulation mode: Tunnel");
                o.WriteLine("    Tunnel local      : " + Ipv4.Format(sa.TunnelLocal));
                o.WriteLine("    Tunnel remote     : " + Ipv4.Format(sa.TunnelRemote));
                o.WriteLine("    Flow source       : " + Ipv4.Format(sa.LocalSubnet) + "/" + Columns.Netmask(sa.LocalPrefixLength) + " 0/0");
                o.WriteLine("    Flow destination  : " + Ipv4.Format(sa.RemoteSubnet) + "/" + Columns.Netmask(sa.RemotePrefixLength) + " 0/0");
                string transform = AlgorithmNames.EspTransform(sa.Encryption, sa.KeySize, sa.Integrity);
                string seconds = Columns.Remaining(sa.LifetimeSeconds, sa.EstablishedAtMs, nowMs).ToString();
                string udp = sa.UdpEncapsulated ? "Y" : "N";

                o.WriteLine("");
                o.WriteLine("    [Outbound ESP SAs]");
                o.WriteLine("      SPI: " + sa.OutboundSpi.ToString() + " (" + Columns.HexNumber(sa.OutboundSpi, 8) + ")");
                o.WriteLine("      Proposal: " + transform);
                o.WriteLine("      ICV length (bits): " + sa.IcvBits.ToString());
                o.WriteLine("      SA remaining key duration (kilobytes/sec): " + Kilobytes(sa.LifetimeKilobytes, sa.OutboundBytes) + "/" + seconds);
                o.WriteLine("      Output security packets/bytes: " + sa.OutboundPackets.ToString() + "/" + sa.OutboundBytes.ToString());
                o.WriteLine("      Max sent sequence-number: " + sa.MaxSentSequence.ToString());
                o.WriteLine("      UDP encapsulation used for NAT traversal: " + udp);

                o.WriteLine("");
                o.WriteLine("    [Inbound ESP SAs]");
                o.WriteLine("      SPI: " + sa.InboundSpi.ToString() + " (" + Columns.HexNumber(sa.InboundSpi, 8) + ")");
                o.WriteLine("      Proposal: " + transform);
                o.WriteLine("      ICV length (bits): " + sa.IcvBits.ToString());
                o.WriteLine("      SA remaining key duration (kilobytes/sec): " + Kilobytes(sa.LifetimeKilobytes, sa.InboundBytes) + "/" + seconds);
                o.WriteLine("      Input security packets/bytes: " + sa.InboundPackets.ToString() + "/" + sa.InboundBytes.ToString());
                o.WriteLine("      Max received sequence-number: " + sa.MaxReceivedSequence.ToString());
                o.WriteLine("      Anti-replay : " + (sa.ReplayWindow > 0 ? "Enable" : "Disable"));
                o.WriteLine("      Anti-replay window size: " + sa.ReplayWindow.ToString());
                o.WriteLine("      UDP encapsulation used for NAT traversal: " + udp);
            }
        }

        private static string Kilobytes(int lifetimeKilobytes, ulong bytes)
        {
            if (lifetimeKilobytes == 0)
            {
                return "--";
            }

            ulong used = bytes / 1024;
            return used >= (ulong)lifetimeKilobytes ? "0" : ((ulong)lifetimeKilobytes - used).ToString();
        }
    }
}
