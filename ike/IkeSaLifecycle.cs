using NanoGate.Ike.Config;
using NanoGate.Nat;

namespace NanoGate.Ike
{
    /// <summary>
    /// How an ISAKMP SA's negotiation ends and how an SA goes, with the events each raises:
    /// established (timers, keepalives, re-authentication time, older SAs of the peer replaced),
    /// failed (removed, retry backoff for our own initiation), deleted (phase 2 told first so that
    /// its Deletes go under the SA's keys, RFC 2408 §4.8) and removed without a word. strongSwan's
    /// ike_sa state changes with the ike_sa_manager's check-in and destroy, as one type.
    /// </summary>
    internal sealed class IkeSaLifecycle
    {
        private readonly IkeSaTable _sas;
        private readonly PeerTable _peers;
        private readonly Phase1TaskTable _tasks;
        private readonly IIkeListener _listener;

        /// <summary>Ends the SAs of <paramref name="sas"/>, told to <paramref name="listener"/>.</summary>
        internal IkeSaLifecycle(IkeSaTable sas, PeerTable peers, Phase1TaskTable tasks, IIkeListener listener)
        {
            _sas = sas;
            _peers = peers;
            _tasks = tasks;
            _listener = listener;
            KeepaliveIntervalMs = KeepaliveSchedule.DefaultIntervalMs;
            ReauthPercent = 90;
        }

        /// <summary>Told when an SA is established or deleted (phase 2, <see cref="IkeDaemon.Phase2"/>); may be null.</summary>
        internal IIkeExchangeHandler Phase2 { get; set; }

        /// <summary>NAT keepalive interval (ms) of SAs established behind a NAT (<see cref="IkeDaemon.KeepaliveIntervalMs"/>).</summary>
        internal long KeepaliveIntervalMs { get; set; }

        /// <summary>Share of the lifetime after which an SA we initiated is renewed (<see cref="IkeDaemon.ReauthPercent"/>).</summary>
        internal int ReauthPercent { get; set; }

        /// <summary>Phase 1 done: timers off, lifetime on, keepalives when we are the NATed side.</summary>
        internal void Establish(IkeSa sa, long nowMs)
        {
            sa.State = IkeSaState.Established;
            sa.EstablishedMs = nowMs;
            sa.AwaitingReply = false;
            sa.NextTimerMs = long.MaxValue;
            if (sa.Proposal.LifetimeSeconds > 0)
            {
                sa.ExpiresMs = nowMs + (long)sa.Proposal.LifetimeSeconds * 1000;
            }

            // RFC 3948 §4: the side behind a NAT keeps its mapping open.
            if ((sa.NatHere || sa.NatFaked) && sa.LocalPort == IkeDaemon.NatTPort)
            {
                sa.Keepalive.IntervalMs = KeepaliveIntervalMs;
                sa.Keepalive.Enable(nowMs);
            }

            if (sa.Dh != null)
            {
                sa.Dh.Wipe();
                sa.Dh = null;
            }

            sa.ForgetSetup();
            _tasks.Forget(sa);
            _peers.NoteEstablished(sa.Peer);
            sa.LastHeardMs = nowMs;
            sa.PeerConfirmed = sa.IsInitiator || sa.Mode == ExchangeMode.Aggressive;
            if (sa.IsInitiator && sa.Proposal.LifetimeSeconds > 0 && ReauthPercent > 0 && ReauthPercent < 100)
            {
                sa.ReauthAtMs = nowMs + (long)sa.Proposal.LifetimeSeconds * 10 * ReauthPercent;
            }

            _listener.OnEstablished(sa);
            ReplaceOlder(sa, nowMs);
            if (Phase2 != null)
            {
                Phase2.OnPhase1Established(sa, nowMs);
            }
        }

        /// <summary>
        /// RFC 2407 §4.6.3.3: INITIAL-CONTACT says the peer restarted and lost every SA with us,
        /// so ours are dead weight (and its new quick modes would pile up beside them). Otherwise
        /// an older SA we were renewing is replaced now; the peer hears it by a Delete.
        /// </summary>
        private void ReplaceOlder(IkeSa sa, long nowMs)
        {
            for (int i = 0; i < _sas.Capacity; i++)
            {
                IkeSa old = _sas.Get(i);
                if (old == null || old == sa || !old.IsSameRemote(sa) || old.State != IkeSaState.Established)
                {
                    continue;
                }

                if (sa.PeerSentInitialContact)
                {
                    Delete(old, false, true, nowMs);
                }
                else if (old.Reauthenticating)
                {
                    Delete(old, true, false, nowMs);
                }
            }
        }

        /// <summary>Ends a negotiation: removal, backoff for our own initiations, event.</summary>
        internal void Fail(IkeSa sa, Phase1FailureReason reason, string detail, long nowMs)
        {
            Remove(sa);
            if (sa.IsInitiator)
            {
                _peers.NoteFailure(sa.Peer, nowMs);
            }

            _listener.OnFailed(sa, sa.PeerAddress, reason, detail);
        }

        /// <summary>
        /// Removes an SA and reports it. Established SAs go through <see cref="Phase2"/> first:
        /// <paramref name="notifyPeer"/> sends the Delete payloads (RFC 2408 §3.15, §4.8: ISAKMP SPI =
        /// CKY-I | CKY-R), <paramref name="dropChildren"/> removes its IPsec SAs as well (reset, dead
        /// peer) instead of moving them to another ISAKMP SA of the peer.
        /// </summary>
        internal void Delete(IkeSa sa, bool notifyPeer, bool dropChildren, long nowMs)
        {
            bool established = sa.State == IkeSaState.Established;
            if (established && Phase2 != null)
            {
                Phase2.OnPhase1Deleting(sa, notifyPeer, dropChildren, nowMs);
            }

            Remove(sa);
            if (established)
            {
                _listener.OnDeleted(sa);
            }
        }

        /// <summary>The SA and its task go without a word or an event (its slot is free, its keys wiped).</summary>
        internal void Remove(IkeSa sa)
        {
            _tasks.Forget(sa);
            _sas.Remove(sa);
        }
    }
}
