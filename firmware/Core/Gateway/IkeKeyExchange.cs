using NanoGate.Esp;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Config;
using NanoGate.Ike;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The gateway's <see cref="IKeyExchange"/> over ike's <see cref="IkeDaemon"/> (phase 1) and
    /// <see cref="QuickMode"/> (phase 2): acquires start quick mode (and phase 1 first when no ISAKMP
    /// SA exists), negotiated SAs go to the ESP engine through <see cref="EspSaInstaller"/>, and what
    /// both report (failures as error-info records in operators' words, kept for
    /// <c>display ike error-info</c>) goes to <see cref="IkeEventRecorder"/>.
    /// A new configuration is applied as its difference (<see cref="ConfigDiff"/>): only the peers it
    /// adds, removes or changes are touched; the daemon is rebuilt only when everything changed.
    /// <para>
    /// Life of a tunnel: the data path's soft lifetime (Rekey event) makes quick mode renew the pair
    /// make-before-break; its hard lifetime (Expired) deletes it with a Delete to the peer; DPD, Deletes
    /// and INITIAL-CONTACT are ike's (<see cref="QuickMode"/>, <see cref="IkeDaemon"/>). A peer that a
    /// new configuration removes or changes has its SAs deleted, telling the peer, before it goes
    /// (or comes back changed and renegotiates).
    /// </para>
    /// </summary>
    public sealed class IkeKeyExchange : IKeyExchange
    {
        /// <summary>Error records kept for <c>display ike error-info</c>.</summary>
        public const int MaxRecords = IkeErrorRecords.Capacity;

        private readonly Gateway _gateway;
        private readonly EspSaInstaller _installer;
        private readonly IkeSaRows _rows;
        private readonly IkeErrorRecords _records = new IkeErrorRecords();
        private readonly IkeErrorRecords _offline = new IkeErrorRecords();
        private readonly IkeStatistics _stats = new IkeStatistics();

        // What phase 1 and quick mode report (the daemon's and quick mode's listener).
        private readonly IkeEventRecorder _events;
        private IkeDaemon _daemon;
        private QuickMode _quick;

        /// <summary>
        /// The key exchange of <paramref name="gateway"/>; it takes over when set as the gateway's
        /// <see cref="Gateway.KeyExchange"/> (which gives it the applied configuration then and every change after).
        /// </summary>
        public IkeKeyExchange(Gateway gateway)
        {
            _gateway = gateway;
            _rows = new IkeSaRows(gateway.Esp);
            _installer = new EspSaInstaller(gateway);
            _events = new IkeEventRecorder(gateway, _stats, _records, _offline, _rows, _installer);
        }

        /// <summary>The phase 1 daemon of the current configuration (null before one was applied).</summary>
        public IkeDaemon Daemon
        {
            get { return _daemon; }
        }

        /// <summary>Quick mode of the current configuration.</summary>
        public QuickMode Quick
        {
            get { return _quick; }
        }

        /// <summary>Number of kept error-info records.</summary>
        public int RecordCount
        {
            get { return _records.Count; }
        }

        /// <summary>The i-th error-info record, oldest first.</summary>
        public string GetRecord(int index)
        {
            return _records.Get(index);
        }

        /// <inheritdoc/>
        public void Configure(GatewayConfiguration applied, ConfigDiff diff, long nowMs)
        {
            _events.NowMs = nowMs;
            if (_daemon == null || diff.Everything)
            {
                Rebuild(applied, nowMs);
                SetKeepaliveInterval(applied.NatKeepaliveMs);
                return;
            }

            SetKeepaliveInterval(applied.NatKeepaliveMs);

            // Removed and changed peers go with their SAs (Deletes to them) and policies ...
            _events.DeleteReason = "configuration changed";
            for (int i = 0; i < diff.Removed.Count; i++)
            {
                _daemon.RemovePeer((string)diff.Removed[i], nowMs);
            }

            for (int i = 0; i < diff.Changed.Count; i++)
            {
                _daemon.RemovePeer((string)diff.Changed[i], nowMs);
            }

            _events.DeleteReason = null;

            // ... and added and changed ones come (back) as configured now.
            for (int i = 0; i < diff.Added.Count; i++)
            {
                AddPeer(applied, (string)diff.Added[i]);
            }

            for (int i = 0; i < diff.Changed.Count; i++)
            {
                AddPeer(applied, (string)diff.Changed[i]);
            }
        }

        /// <summary>
        /// The NAT keepalive interval for SAs established from now on and for those up now: a
        /// schedule only counts from the last packet sent, so no tunnel restarts (issue 16).
        /// </summary>
        private void SetKeepaliveInterval(long intervalMs)
        {
            if (_daemon == null)
            {
                return;
            }

            _daemon.KeepaliveIntervalMs = intervalMs;
            for (int i = 0; i < _daemon.Capacity; i++)
            {
                IkeSa sa = _daemon.GetSa(i);
                if (sa != null)
                {
                    sa.Keepalive.IntervalMs = intervalMs;
                }
            }
        }

        /// <summary>Peer <paramref name="name"/> of <paramref name="applied"/> with its policies.</summary>
        private void AddPeer(GatewayConfiguration applied, string name)
        {
            PeerConfig peer = applied.FindPeer(name);
            if (peer == null)
            {
                return;
            }

            _daemon.AddPeer(peer);
            for (int i = 0; i < applied.Policies.Count; i++)
            {
                IpsecPolicy policy = (IpsecPolicy)applied.Policies[i];
                IpsecProposal proposal = applied.FindIpsecProposal(policy.ProposalName);
                if (policy.PeerName == name && proposal != null)
                {
                    _quick.AddPolicy(policy, proposal);
                }
            }
        }

        /// <summary>A new daemon with every peer and policy of <paramref name="applied"/>; the old one's SAs are deleted first.</summary>
        private void Rebuild(GatewayConfiguration applied, long nowMs)
        {
            GatewayBoard board = _gateway.Board;
            if (_daemon != null)
            {
                _events.DeleteReason = "configuration changed";
                Shutdown(nowMs);
                _events.DeleteReason = null;
            }

            _rows.ClearPhase2();
            if (board.Ike == null || board.NatT == null)
            {
                _daemon = null;
                _quick = null;
                _events.Quick = null;
                _stats.Follow(null, null);
                return;
            }


            if (!board.Random.IsCryptographicallySecure && !board.InsecureRandomAllowed)
            {
                _daemon = null;
                _quick = null;
                _events.Quick = null;
                _stats.Follow(null, null);
                string why = "IKE is disabled: the board's random source is not cryptographically secure, so no nonce, "
                    + "cookie, SPI or Diffie-Hellman secret would be one";
                _records.Add(ErrorRecord.Stamp(nowMs) + why);
                _gateway.Cli.Debug.ReportRecord(nowMs, why);
                return;
            }

            // The daemon's sends pass the packet debug switch (issue 16: debugging ikev1 packet printed nothing).
            DebugLog log = _gateway.Cli.Debug;
            _daemon = new IkeDaemon(applied.WanAddress, new PacketDebugTransport(board.Ike, log, board.Clock),
                new PacketDebugTransport(board.NatT, log, board.Clock), board.Crypto, board.Random, _events, board.MaxIkeSas);
            _daemon.AlwaysEncapsulate = !board.PlainEsp;
            _daemon.ResponderDh.PerSecond = board.ResponderDhPerSecond;
            if (board.Jobs != null)
            {
                _daemon.Jobs = board.Jobs;
            }
            _quick = new QuickMode(_daemon, board.Crypto, board.Random, _installer, _events);
            _events.Quick = _quick;
            _stats.Follow(_daemon, _quick);
            for (int i = 0; i < applied.Peers.Count; i++)
            {
                _daemon.AddPeer((PeerConfig)applied.Peers[i]);
            }

            for (int i = 0; i < applied.Policies.Count; i++)
            {
                IpsecPolicy policy = (IpsecPolicy)applied.Policies[i];
                IpsecProposal proposal = applied.FindIpsecProposal(policy.ProposalName);
                if (proposal != null)
                {
                    _quick.AddPolicy(policy, proposal);
                }
            }
        }

        // ---- IKeyExchange ----

        /// <inheritdoc/>
        public void HandleDatagram(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort, int localPort, long nowMs)
        {
            _events.NowMs = nowMs;
            _stats.PacketsReceived++;
            DebugLog log = _gateway.Cli.Debug;
            if (log.IsOn(DebugLog.Packet))
            {
                log.ReportPacket(nowMs, IkePacketSummary.Format(false, buffer, offset, count, remoteAddress, remotePort, localPort));
            }

            if (_daemon != null)
            {
                _daemon.HandleDatagram(buffer, offset, count, remoteAddress, remotePort, localPort, nowMs);
            }
        }

        /// <inheritdoc/>
        public void Poll(long nowMs)
        {
            _events.NowMs = nowMs;
            if (_daemon != null)
            {
                _daemon.Poll(nowMs);
                _quick.Poll(nowMs);
            }
        }

        /// <inheritdoc/>
        public void OnAcquire(int policyId, long nowMs)
        {
            _events.NowMs = nowMs;
            string name = _gateway.TunnelNameOfPolicy(policyId);
            if (_quick != null && name.Length > 0)
            {
                _quick.Initiate(name, nowMs);
            }
        }

        /// <inheritdoc/>
        public void OnSaEvent(EspEventKind kind, uint spi, bool inbound, int policyId, long nowMs)
        {
            _events.NowMs = nowMs;
            if (kind == EspEventKind.Rekey)
            {
                if (_quick != null)
                {
                    _quick.Rekey(spi, nowMs);
                }

                return;
            }

            if (kind == EspEventKind.Expired && _quick != null && _quick.OnSaExpired(spi, nowMs))
            {
                return;
            }

            if (kind == EspEventKind.Expired)
            {
                if (inbound)
                {
                    _gateway.Esp.RemoveInbound(spi);
                    return;
                }

                for (int i = 0; i < _gateway.Esp.Sas.OutboundCapacity; i++)
                {
                    SecurityAssociation sa = _gateway.Esp.GetOutbound(i);
                    if (sa != null && sa.Spi == spi)
                    {
                        _gateway.Esp.RemoveOutbound(i);
                    }
                }
            }
        }

        /// <inheritdoc/>
        public int SaCount
        {
            get
            {
                _rows.Refresh(_daemon, _quick);
                return _rows.Count;
            }
        }

        /// <inheritdoc/>
        public IIkeSaView GetSa(int index)
        {
            return _rows.Get(index);
        }

        /// <inheritdoc/>
        public IIkeStatisticsView Statistics
        {
            get { return _stats; }
        }

        /// <inheritdoc/>
        public int Reset(int connId, long nowMs)
        {
            if (_daemon == null)
            {
                return 0;
            }

            _events.NowMs = nowMs;
            int n = 0;
            string before = _events.DeleteReason;
            _events.DeleteReason = before == null ? "reset by the operator" : before;
            for (int i = 0; i < _daemon.Capacity; i++)
            {
                IkeSa sa = _daemon.GetSa(i);
                if (sa != null && (connId == 0 || sa.Serial == connId))
                {
                    // Its IPsec SAs go with it, each with a Delete, then the ISAKMP Delete (as strongSwan).
                    _daemon.Delete(sa, true, true, nowMs);
                    n++;
                }
            }

            _events.DeleteReason = before;
            if (n > 0 || connId == 0)
            {
                return n;
            }

            // A phase 2 row of display ike sa (issue 16: its Conn-ID was listed but not accepted):
            // that IPsec SA pair goes, with a Delete to the peer.
            return _rows.DeletePhase2(connId, _quick, nowMs) ? 1 : 0;
        }

        /// <inheritdoc/>
        public int ResetIpsec(long nowMs)
        {
            _events.NowMs = nowMs;
            return _quick == null ? 0 : _quick.DeleteAll(nowMs);
        }

        /// <inheritdoc/>
        public void Shutdown(long nowMs)
        {
            if (_daemon == null)
            {
                return;
            }

            _events.NowMs = nowMs;
            string before = _events.DeleteReason;
            _events.DeleteReason = before == null ? "gateway shut down" : before;
            _quick.DeleteAll(nowMs);
            Reset(0, nowMs);
            _events.DeleteReason = before;
        }

        /// <inheritdoc/>
        public void ResetStatistics()
        {
            _stats.Reset();
        }

        /// <inheritdoc/>
        public string Tunnel(int action, string policyName, long nowMs)
        {
            _events.NowMs = nowMs;
            if (_quick == null)
            {
                return "Error: IKE is not running (display ike error-info says why).";
            }

            if (FindPolicy(policyName) == null)
            {
                return "Error: No ipsec policy " + policyName + ".";
            }

            ChildSa live = LiveChild(policyName);
            if (action == TunnelAction.Initiate)
            {
                if (live != null)
                {
                    return "Info: Tunnel " + policyName + " is up already (tunnel rekey " + policyName + " renews its keys).";
                }

                return _quick.Initiate(policyName, nowMs)
                    ? "Info: Negotiating tunnel " + policyName + " (display ike sa shows its progress)."
                    : "Error: Tunnel " + policyName + " cannot be started from this end: its ike peer has no remote-address to reach.";
            }

            if (action == TunnelAction.Rekey)
            {
                if (live == null)
                {
                    return "Error: Tunnel " + policyName + " is not up (tunnel initiate " + policyName + " starts it).";
                }

                return _quick.Rekey(live.InboundSpi, nowMs)
                    ? "Info: Rekeying tunnel " + policyName + ": the new SA pair replaces the old one make-before-break."
                    : "Error: Tunnel " + policyName + " cannot be rekeyed from this end (its peer has no single remote-address); it renews from the peer's side.";
            }

            int n = 0;
            for (int i = _quick.ChildCount - 1; i >= 0; i--)
            {
                ChildSa c = _quick.GetChild(i);
                if (c.Policy.Name == policyName && _quick.Delete(c.InboundSpi, "terminated by the operator", nowMs))
                {
                    n++;
                }
            }

            _rows.Prune();
            return "Info: " + n.ToString() + " IPsec SA pair(s) of tunnel " + policyName + " deleted (the peer was told)."
                + "\nInfo: Traffic for the tunnel (or sa trigger-mode auto) brings it up again.";
        }

        /// <inheritdoc/>
        public string OfflineInfo()
        {
            string s = "  IKE offline records: " + _offline.Count.ToString();
            for (int i = 0; i < _offline.Count; i++)
            {
                s += "\n  " + _offline.Get(i);
            }

            return s;
        }

        private IpsecPolicy FindPolicy(string name)
        {
            for (int i = 0; i < _quick.PolicyCount; i++)
            {
                IpsecPolicy p = _quick.GetPolicy(i);
                if (p.Name == name)
                {
                    return p;
                }
            }

            return null;
        }

        /// <summary>The installed pair of policy <paramref name="name"/> (not one being retired), or null.</summary>
        private ChildSa LiveChild(string name)
        {
            for (int i = 0; i < _quick.ChildCount; i++)
            {
                ChildSa c = _quick.GetChild(i);
                if (c.Policy.Name == name && c.State == ChildSaState.Installed)
                {
                    return c;
                }
            }

            return null;
        }

        /// <summary>Phase 2 rows kept for <c>display ike sa</c> (at most one per live inbound SA).</summary>
        public int Phase2RowCount
        {
            get { return _rows.Phase2Count; }
        }
    }
}
