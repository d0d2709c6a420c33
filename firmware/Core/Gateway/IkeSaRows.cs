using System.Collections;
using NanoGate.Esp;
using NanoGate.Firmware.Cli;
using NanoGate.Ike;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The rows of <c>display ike sa</c>: each ISAKMP SA (phase 1) read from the daemon when asked,
    /// then a row per established phase 2 pair, kept from the moment it came up for as long as the
    /// data path holds its inbound SA (at most one per live inbound SA).
    /// </summary>
    internal sealed class IkeSaRows
    {
        private readonly EspEngine _esp;
        private readonly ArrayList _rows = new ArrayList();
        private readonly ArrayList _phase2 = new ArrayList();

        /// <summary>Phase 2 rows live while <paramref name="esp"/> holds their inbound SA.</summary>
        internal IkeSaRows(EspEngine esp)
        {
            _esp = esp;
        }

        /// <summary>Rows since the last <see cref="Refresh"/>.</summary>
        internal int Count
        {
            get { return _rows.Count; }
        }

        /// <summary>Phase 2 rows kept.</summary>
        internal int Phase2Count
        {
            get { return _phase2.Count; }
        }

        /// <summary>The i-th row, or null.</summary>
        internal IIkeSaView Get(int index)
        {
            return index < _rows.Count ? (IIkeSaView)_rows[index] : null;
        }

        /// <summary>A phase 2 pair came up under <paramref name="sa"/>: its row, with Conn-ID <paramref name="connId"/>.</summary>
        internal void AddPhase2(IkeSa sa, IpsecSaInfo inbound, int connId, long nowMs)
        {
            IkeSaRow row = new IkeSaRow();
            row.ConnId = connId;
            row.Phase = 2;
            row.Flags = IkeSaFlags.Ready;
            row.PeerAddress = sa.PeerAddress;
            row.PeerPort = sa.PeerPort;
            row.LocalAddress = inbound.LocalAddress;
            row.LocalPort = sa.LocalPort;
            row.VpnName = sa.Peer.Name;
            row.InitiatorCookie = sa.InitiatorCookie;
            row.ResponderCookie = sa.ResponderCookie;
            row.Mode = sa.Mode;
            row.Encryption = inbound.Cipher;
            row.KeySize = inbound.KeySize;
            row.Hash = inbound.Integrity;
            row.Group = inbound.Pfs;
            row.LifetimeSeconds = inbound.LifetimeSeconds;
            row.EstablishedAtMs = nowMs;
            row.RemoteId = sa.RemoteIdentity == null ? "" : sa.RemoteIdentity;
            row.NatTraversal = inbound.UdpEncapsulation;
            row.Dpd = sa.PeerSupportsDpd;
            row.InboundSpi = inbound.Spi;
            Prune();
            _phase2.Add(row);
        }

        /// <summary>Forgets every phase 2 row (a new daemon).</summary>
        internal void ClearPhase2()
        {
            _phase2.Clear();
        }

        /// <summary>
        /// The phase 2 row with Conn-ID <paramref name="connId"/>: its pair goes through
        /// <paramref name="quick"/>, with a Delete to the peer. False when no live row has it.
        /// </summary>
        internal bool DeletePhase2(int connId, QuickMode quick, long nowMs)
        {
            Prune();
            for (int i = 0; i < _phase2.Count; i++)
            {
                IkeSaRow row = (IkeSaRow)_phase2[i];
                if (row.ConnId == connId && quick.Delete(row.InboundSpi, "reset by the operator", nowMs))
                {
                    Prune();
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Forgets the rows of phase 2 SAs the data path no longer holds. Run at every new row, not
        /// only when someone displays them: the list used to grow with every rekey (issue 13).
        /// </summary>
        internal void Prune()
        {
            for (int i = _phase2.Count - 1; i >= 0; i--)
            {
                IkeSaRow row = (IkeSaRow)_phase2[i];
                if (_esp.FindInbound(row.InboundSpi) == null)
                {
                    _phase2.RemoveAt(i);
                }
            }
        }

        /// <summary>Rows: each ISAKMP SA of <paramref name="daemon"/> (phase 1), then each phase 2 pair still in the data path.</summary>
        internal void Refresh(IkeDaemon daemon, QuickMode quick)
        {
            _rows.Clear();
            if (daemon == null)
            {
                return;
            }

            for (int i = 0; i < daemon.Capacity; i++)
            {
                IkeSa sa = daemon.GetSa(i);
                if (sa == null)
                {
                    continue;
                }

                bool up = sa.State == IkeSaState.Established;
                IkeSaRow row = new IkeSaRow();
                row.ConnId = sa.Serial;
                row.Phase = 1;
                // ST: this end initiated it, once up (issue 16: the responder's SAs used to show ST too).
                row.Flags = up ? IkeSaFlags.Ready : IkeSaFlags.Negotiating;
                if (up && sa.IsInitiator)
                {
                    row.Flags |= IkeSaFlags.StayAlive;
                }

                if (up && sa.Reauthenticating)
                {
                    // Huawei: RL, a newer SA replaces it (our re-authentication is under way).
                    row.Flags |= IkeSaFlags.Replaced;
                }

                if (up && sa.DpdProbes > 0)
                {
                    // TO: DPD probes are unanswered so far.
                    row.Flags |= IkeSaFlags.Timeout;
                }

                row.PeerAddress = sa.PeerAddress;
                row.PeerPort = sa.PeerPort;
                row.LocalAddress = daemon.LocalAddress;
                row.LocalPort = sa.LocalPort;
                row.VpnName = sa.Peer.Name;
                row.InitiatorCookie = sa.InitiatorCookie;
                row.ResponderCookie = sa.ResponderCookie;
                row.Mode = sa.Mode;
                if (sa.Proposal != null)
                {
                    row.Encryption = sa.Proposal.Encryption;
                    row.KeySize = sa.Proposal.KeySize;
                    row.Hash = sa.Proposal.Hash;
                    row.Group = sa.Proposal.Group;
                    row.LifetimeSeconds = sa.Proposal.LifetimeSeconds;
                }

                row.EstablishedAtMs = sa.EstablishedMs;
                row.RemoteId = sa.RemoteIdentity == null ? "" : sa.RemoteIdentity;
                row.NatTraversal = sa.NatAny;
                row.Dpd = sa.PeerSupportsDpd;
                _rows.Add(row);
            }

            Prune();
            for (int i = 0; i < _phase2.Count; i++)
            {
                IkeSaRow row = (IkeSaRow)_phase2[i];
                ChildSa child = quick.FindChild(row.InboundSpi);
                row.Flags = child != null && child.State == ChildSaState.Retired ? IkeSaFlags.Replaced : IkeSaFlags.Ready;
                if (child != null && child.State == ChildSaState.Rekeying)
                {
                    // FD: its soft lifetime passed and the new pair is being negotiated.
                    row.Flags |= IkeSaFlags.Fading;
                }

                if (child != null && child.Initiator)
                {
                    row.Flags |= IkeSaFlags.StayAlive;
                }
                _rows.Add(row);
            }
        }
    }
}
