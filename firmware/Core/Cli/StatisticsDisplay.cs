namespace NanoGate.Firmware.Cli
{
    /// <summary><c>display ike statistics</c> and <c>display ipsec statistics</c> (the ESP drop counters).</summary>
    public static class StatisticsDisplay
    {
        /// <summary>Prints the IKE counters and the failures by reason.</summary>
        public static void RenderIke(IIkeStatisticsView s, ILineWriter o)
        {
            o.WriteLine("  IKEv1 statistics");
            o.WriteLine(Columns.Rule(56));
            Row(o, "Packets received", s.PacketsReceived.ToString());
            Row(o, "Packets sent", s.PacketsSent.ToString());
            Row(o, "Retransmissions", s.Retransmissions.ToString());
            Row(o, "Packets dropped", s.PacketsDropped.ToString());
            Row(o, "Phase 1 started/established", s.Phase1Started.ToString() + "/" + s.Phase1Established.ToString());
            Row(o, "Phase 2 started/established", s.Phase2Started.ToString() + "/" + s.Phase2Established.ToString());
            // Ours and the peer's probes apart (issue 16: "answered" used to count the peer's probes against ours).
            Row(o, "DPD R-U-THERE sent/acked", s.DpdSent.ToString() + "/" + s.DpdAcked.ToString());
            Row(o, "Peer's R-U-THERE answered", s.DpdAnswered.ToString());
            Row(o, "DPD timeouts", s.DpdTimeouts.ToString());
            Row(o, "Phase 2 rekeys", s.Rekeys.ToString());
            Row(o, "Half-open refused", s.HalfOpenRefused.ToString());
            Row(o, "Responder DH done/refused", s.ResponderDhOperations.ToString() + "/" + s.ResponderDhRefused.ToString());
            o.WriteLine("  Negotiation failures:");
            for (int r = 0; r < ErrorRecord.ReasonCount; r++)
            {
                o.WriteLine("    " + Columns.Pad(ErrorRecord.ReasonText((IkeErrorReason)r), 48) + ": " + s.Failures((IkeErrorReason)r).ToString());
            }
        }

        /// <summary>Prints the ESP totals and drop counters.</summary>
        public static void RenderEsp(IEspStatisticsView s, ILineWriter o)
        {
            o.WriteLine("  ESP statistics");
            o.WriteLine(Columns.Rule(56));
            Row(o, "Inbound packets", s.InboundPackets.ToString());
            Row(o, "Outbound packets", s.OutboundPackets.ToString());
            o.WriteLine("  Dropped packets:");
            for (int i = 0; i < s.DropReasonCount; i++)
            {
                o.WriteLine("    " + Columns.Pad(s.DropReasonName(i), 48) + ": " + s.DropCount(i).ToString());
            }
        }

        private static void Row(ILineWriter o, string name, string value)
        {
            o.WriteLine("  " + Columns.Pad(name, 30) + ": " + value);
        }
    }
}
