using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// <c>display ike sa [verbose]</c> in the layout of Huawei VRP: Conn-ID, Peer (address:port),
    /// VPN, Flag(s), Phase (v1:1 for ISAKMP SAs, v1:2 for quick mode), the entry count and the
    /// flag legend. The VPN column carries the ike peer name (this box has no VPN instances).
    /// </summary>
    public static class IkeSaDisplay
    {
        /// <summary>Prints the table (or the verbose blocks) of <paramref name="runtime"/>'s SAs.</summary>
        public static void Render(IGatewayRuntime runtime, bool verbose, long nowMs, ILineWriter o)
        {
            if (verbose)
            {
                RenderVerbose(runtime, nowMs, o);
                return;
            }

            o.WriteLine("IKE SA information :");
            o.WriteLine("    " + Columns.Pad("Conn-ID", 10) + Columns.Pad("Peer", 22) + Columns.Pad("VPN", 16) + Columns.Pad("Flag(s)", 14) + "Phase");
            o.WriteLine(Columns.Rule(72));
            for (int i = 0; i < runtime.IkeSaCount; i++)
            {
                IIkeSaView sa = runtime.GetIkeSa(i);
                o.WriteLine("    " + Columns.Pad(sa.ConnId.ToString(), 10) + Columns.Pad(Ipv4.Format(sa.PeerAddress) + ":" + sa.PeerPort.ToString(), 22)
                    + Columns.Pad(sa.VpnName, 16) + Columns.Pad(IkeSaFlags.Format(sa.Flags), 14) + "v1:" + sa.Phase.ToString());
            }

            o.WriteLine("");
            o.WriteLine("  Number of IKE SA : " + runtime.IkeSaCount.ToString());
            o.WriteLine(Columns.Rule(72));
            o.WriteLine("");
            o.WriteLine("  Flag Description:");
            o.WriteLine("  " + IkeSaFlags.Legend);
        }

        private static void RenderVerbose(IGatewayRuntime runtime, long nowMs, ILineWriter o)
        {
            for (int i = 0; i < runtime.IkeSaCount; i++)
            {
                IIkeSaView sa = runtime.GetIkeSa(i);
                bool ready = (sa.Flags & IkeSaFlags.Ready) != 0;
                o.WriteLine(Columns.Rule(50));
                Field(o, "Conn-ID", sa.ConnId.ToString());
                Field(o, "Peer", Ipv4.Format(sa.PeerAddress) + ":" + sa.PeerPort.ToString());
                Field(o, "Local", Ipv4.Format(sa.LocalAddress) + ":" + sa.LocalPort.ToString());
                Field(o, "VPN", sa.VpnName);
                Field(o, "Phase", "v1:" + sa.Phase.ToString());
                Field(o, "Flag(s)", IkeSaFlags.Format(sa.Flags));
                Field(o, "Initiator cookie", Columns.HexNumber(sa.InitiatorCookie, 16));
                Field(o, "Responder cookie", Columns.HexNumber(sa.ResponderCookie, 16));
                Field(o, "Exchange mode", sa.Mode == ExchangeMode.Aggressive ? "aggressive" : "main");
                Field(o, "Authentication method", "pre-shared-key");
                Field(o, "Encryption algorithm", AlgorithmNames.Cipher(sa.Encryption, sa.KeySize));
                Field(o, "Authentication algorithm", AuthenticationOf(sa));
                Field(o, "DH group", GroupOf(sa));
                Field(o, "Lifetime (s)", sa.LifetimeSeconds.ToString());
                Field(o, "Remaining (s)", ready ? Columns.Remaining(sa.LifetimeSeconds, sa.EstablishedAtMs, nowMs).ToString() : "--");
                Field(o, "Remote ID", sa.RemoteId.Length == 0 ? "--" : sa.RemoteId);
                Field(o, "NAT traversal", sa.NatTraversal ? "yes" : "no");
                Field(o, "DPD", sa.Dpd ? "on" : "off");
            }

            o.WriteLine("");
            o.WriteLine("  Number of IKE SA : " + runtime.IkeSaCount.ToString());
        }

        /// <summary>A phase 2 SA with AES-GCM has no separate integrity algorithm (RFC 4106 §8.3: none is negotiated).</summary>
        private static string AuthenticationOf(IIkeSaView sa)
        {
            return sa.Phase == 2 && sa.Encryption == CipherAlgorithm.AesGcm ? "none" : AlgorithmNames.Hash(sa.Hash);
        }

        /// <summary>A phase 2 SA without PFS made no Diffie-Hellman exchange of its own (RFC 2409 §5.5).</summary>
        private static string GroupOf(IIkeSaView sa)
        {
            return sa.Phase == 2 && sa.Group == DhGroup.None ? "none (no PFS)" : AlgorithmNames.Group(sa.Group, false);
        }

        private static void Field(ILineWriter o, string name, string value)
        {
            o.WriteLine("  " + Columns.Pad(name, 25) + ": " + value);
        }
    }
}
