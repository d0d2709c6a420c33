using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Status;
using NanoGate.Hal;
using NanoGate.Ike;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// What phase 1 (<see cref="IIkeListener"/>) and quick mode (<see cref="IQuickModeListener"/>)
    /// report, turned into the gateway's records: the IKE statistics, error-info records in operators'
    /// words (<see cref="ErrorRecord"/>, printed with <c>debugging ikev1 error</c>), offline records
    /// (also to syslog), phase 2 rows for <c>display ike sa</c>, the tunnels' LED states, debugging
    /// events, and the ISAKMP keys for the capture. <see cref="IkeKeyExchange"/> owns it and tells it
    /// the time, the current quick mode and why the SAs it deletes go.
    /// </summary>
    internal sealed class IkeEventRecorder : IIkeListener, IQuickModeListener
    {
        private readonly Gateway _gateway;
        private readonly IkeStatistics _stats;
        private readonly IkeErrorRecords _records;
        private readonly IkeErrorRecords _offline;
        private readonly IkeSaRows _rows;
        private readonly EspSaInstaller _installer;

        // The SA DPD just declared dead (OnDeleted says "dpd timeout" for it).
        private IkeSa _dead;

        /// <summary>
        /// A recorder into <paramref name="stats"/>, <paramref name="records"/> (error-info),
        /// <paramref name="offline"/> and <paramref name="rows"/>; <paramref name="installer"/>
        /// numbers the phase 2 rows; <paramref name="gateway"/> gives the LEDs, debugging, syslog and capture keys.
        /// </summary>
        public IkeEventRecorder(Gateway gateway, IkeStatistics stats, IkeErrorRecords records, IkeErrorRecords offline,
            IkeSaRows rows, EspSaInstaller installer)
        {
            _gateway = gateway;
            _stats = stats;
            _records = records;
            _offline = offline;
            _rows = rows;
            _installer = installer;
        }

        /// <summary>The time of the key exchange's current call (the records' stamps).</summary>
        public long NowMs { get; set; }

        /// <summary>Quick mode of the current configuration (null: none): whose policies name the tunnels.</summary>
        public QuickMode Quick { get; set; }

        /// <summary>
        /// Why the phase 1 SA being deleted now goes, when the key exchange decides it (null: the
        /// daemon's own reasons, worked out in <see cref="OnDeleted"/>).
        /// </summary>
        public string DeleteReason { get; set; }

        // ---- IIkeListener (phase 1) ----

        /// <inheritdoc/>
        public void OnNegotiating(IkeSa sa)
        {
            _stats.Phase1Started++;
            SetTunnels(sa.Peer, StatusEvent.TunnelNegotiating);
            Event("phase1 negotiating with " + Ipv4.Format(sa.PeerAddress));
        }

        /// <inheritdoc/>
        public void OnEstablished(IkeSa sa)
        {
            _stats.Phase1Established++;
            _gateway.CaptureKeys.RetainIsakmp(sa); // capture keys enable: copy Ka now (issue 8)
            Event("phase1 established with " + Ipv4.Format(sa.PeerAddress) + ":" + sa.PeerPort.ToString());
        }

        /// <inheritdoc/>
        public void OnFailed(IkeSa sa, uint peerAddress, Phase1FailureReason reason, string detail)
        {
            IkeErrorReason r;
            switch (reason)
            {
                case Phase1FailureReason.ProposalMismatch: r = IkeErrorReason.Phase1ProposalMismatch; break;
                case Phase1FailureReason.AuthenticationFailed: r = IkeErrorReason.AuthenticationFailed; break;
                case Phase1FailureReason.PeerAddressMismatch: r = IkeErrorReason.PeerAddressMismatch; break;
                case Phase1FailureReason.ConfigIdMismatch: r = IkeErrorReason.ConfigIdMismatch; break;
                case Phase1FailureReason.MalformedPayload: r = IkeErrorReason.MalformedPayload; break;
                case Phase1FailureReason.ResourceLimit: r = IkeErrorReason.ResourceLimit; break;
                case Phase1FailureReason.ExchangeModeMismatch: r = IkeErrorReason.ExchangeModeMismatch; break;
                default: r = IkeErrorReason.PeerTimeout; break;
            }

            // RFC 2409 §5.4 with PSK: a wrong key shows as MM5 the responder cannot read, so the
            // initiator only sees the retransmissions of MM5 expire.
            if (reason == Phase1FailureReason.PeerTimeout && sa != null && sa.Keys != null)
            {
                r = IkeErrorReason.AuthenticationFailed;
            }

            Record(peerAddress, r, detail);
            if (sa != null)
            {
                SetTunnels(sa.Peer, StatusEvent.TunnelFailed);
            }
        }

        /// <inheritdoc/>
        public void OnDeleted(IkeSa sa)
        {
            _gateway.CaptureKeys.ForgetIsakmp(sa);
            string why = DeleteReason;
            if (why == null)
            {
                why = sa == _dead ? "dpd timeout"
                    : NowMs >= sa.ExpiresMs ? "lifetime expired"
                    : sa.Reauthenticating ? "replaced by a new phase 1 (re-authentication)"
                    : "deleted by the peer (Delete or INITIAL-CONTACT)";
            }

            // VRP's display ike offline-info: who went down, when, after how long, and why.
            string offline = ErrorRecord.Stamp(NowMs) + "peer " + sa.Peer.Name + " (" + Ipv4.Format(sa.PeerAddress) + ":" + sa.PeerPort.ToString()
                + ") conn-id " + sa.Serial.ToString() + " down after " + ((NowMs - sa.EstablishedMs) / 1000).ToString() + " s: " + why;
            _offline.Add(offline);
            _gateway.Syslog.Send(SyslogSender.Notice, "offline " + offline);
            Event("phase1 deleted with " + Ipv4.Format(sa.PeerAddress));
        }

        // ---- IQuickModeListener (phase 2) ----

        /// <inheritdoc/>
        public void OnPhase2Negotiating(IkeSa sa, string policyName)
        {
            Event("phase2 negotiating " + policyName + " with " + Ipv4.Format(sa.PeerAddress));
        }

        /// <inheritdoc/>
        public void OnPhase2Established(IkeSa sa, IpsecSaInfo inbound, IpsecSaInfo outbound)
        {
            _rows.AddPhase2(sa, inbound, _installer.LastConnId + 1000, NowMs);
            if (Replaces(inbound.Spi, inbound.PolicyName))
            {
                _stats.Rekeys++;
            }

            Event("phase2 established " + inbound.PolicyName + " with " + Ipv4.Format(sa.PeerAddress) + " (in " + inbound.Spi.ToString()
                + ", out " + outbound.Spi.ToString() + ")");
        }

        /// <inheritdoc/>
        public void OnPhase2Failed(IkeSa sa, uint peerAddress, Phase2FailureReason reason, string detail)
        {
            IkeErrorReason r;
            switch (reason)
            {
                case Phase2FailureReason.ProposalMismatch: r = IkeErrorReason.Phase2ProposalOrPfsMismatch; break;
                case Phase2FailureReason.FlowMismatch: r = IkeErrorReason.FlowMismatch; break;
                case Phase2FailureReason.AuthenticationFailed: r = IkeErrorReason.AuthenticationFailed; break;
                case Phase2FailureReason.MalformedPayload: r = IkeErrorReason.MalformedPayload; break;
                case Phase2FailureReason.ResourceLimit: r = IkeErrorReason.ResourceLimit; break;
                default: r = IkeErrorReason.PeerTimeout; break;
            }

            Record(peerAddress, r, detail);
            if (sa != null)
            {
                SetTunnels(sa.Peer, StatusEvent.TunnelFailed);
            }
        }

        /// <inheritdoc/>
        public void OnPhase2Deleted(ChildSa child, string why)
        {
            Event("phase2 deleted " + child.ToString() + ": " + why);
        }

        /// <inheritdoc/>
        public void OnPeerDead(IkeSa sa, string detail)
        {
            _stats.DpdTimeouts++;
            _dead = sa;
            Record(sa.PeerAddress, IkeErrorReason.DpdTimeout, detail + (sa.Peer.DpdAction == DpdAction.Restart ? "; restarting its tunnels" : "; SAs cleared"));
            SetTunnels(sa.Peer, StatusEvent.TunnelFailed);
        }

        private void Record(uint peerAddress, IkeErrorReason reason, string detail)
        {
            _stats.CountFailure(reason);
            _records.Add(ErrorRecord.Stamp(NowMs) + ErrorRecord.Format(peerAddress, reason) + (detail == null ? "" : " " + detail));
            _gateway.Cli.Debug.ReportError(NowMs, peerAddress, reason);
            _gateway.Cli.Debug.ReportEvent(NowMs, "detail: " + detail);
        }

        private void Event(string text)
        {
            _gateway.Cli.Debug.ReportEvent(NowMs, text);
        }

        private void SetTunnels(PeerConfig peer, StatusEvent e)
        {
            if (Quick == null)
            {
                return;
            }

            for (int i = 0; i < Quick.PolicyCount; i++)
            {
                IpsecPolicy p = Quick.GetPolicy(i);
                int tunnel = _gateway.FindTunnel(p.Name);
                if (p.PeerName == peer.Name && tunnel >= 0)
                {
                    _gateway.Status.OnTunnel(e, tunnel);
                }
            }
        }

        /// <summary>
        /// True when the new pair (inbound <paramref name="spi"/>) renews a live pair of the same
        /// policy: a rekey, whichever side started it (the peer's quick mode for a tunnel that is up
        /// is its rekey, RFC 2409 §5.5 gives it no other marker).
        /// </summary>
        private bool Replaces(uint spi, string policyName)
        {
            for (int i = 0; i < Quick.ChildCount; i++)
            {
                ChildSa c = Quick.GetChild(i);
                if (c.InboundSpi != spi && c.Policy.Name == policyName && c.State != ChildSaState.Retired)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
