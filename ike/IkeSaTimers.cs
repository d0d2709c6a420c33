namespace NanoGate.Ike
{
    /// <summary>
    /// The ISAKMP SAs' timers, run from the daemon's poll. A negotiation: its Diffie-Hellman job
    /// done, a retransmission of our last message (<see cref="RetransmitPolicy"/>), or its end
    /// (no answer, half-open timeout, the peer's clear error notify confirmed by the wait). An
    /// established SA: its hard lifetime (RFC 2408 §4.8: deleted with a Delete to the peer; its
    /// IPsec SAs live on, RFC 2409 §5.5), re-authentication by a new phase 1 (strongSwan's
    /// reauth_time) and NAT keepalives (RFC 3948 §4).
    /// </summary>
    internal sealed class IkeSaTimers
    {
        private readonly IkeSaTable _sas;
        private readonly Phase1TaskManager _negotiations;
        private readonly IkeSaLifecycle _lifecycle;
        private readonly Retransmitter _sender;

        /// <summary>Timers of the SAs of <paramref name="sas"/>.</summary>
        internal IkeSaTimers(IkeSaTable sas, Phase1TaskManager negotiations, IkeSaLifecycle lifecycle, Retransmitter sender)
        {
            _sas = sas;
            _negotiations = negotiations;
            _lifecycle = lifecycle;
            _sender = sender;
        }

        /// <summary>Retransmissions, half-open timeouts, SA lifetimes and NAT keepalives due at <paramref name="nowMs"/>.</summary>
        internal void Poll(long nowMs)
        {
            for (int i = 0; i < _sas.Capacity; i++)
            {
                IkeSa sa = _sas.Get(i);
                if (sa == null)
                {
                    continue;
                }

                if (sa.State != IkeSaState.Established)
                {
                    PollNegotiation(sa, nowMs);
                }
                else
                {
                    PollEstablished(sa, nowMs);
                }
            }
        }

        /// <summary>The earliest time <see cref="Poll"/> has something to do (ms), or long.MaxValue.</summary>
        internal long NextDeadlineMs
        {
            get
            {
                long next = long.MaxValue;
                for (int i = 0; i < _sas.Capacity; i++)
                {
                    IkeSa sa = _sas.Get(i);
                    if (sa == null)
                    {
                        continue;
                    }

                    if (sa.State != IkeSaState.Established)
                    {
                        next = sa.NextTimerMs < next ? sa.NextTimerMs : next;
                        continue;
                    }

                    next = sa.ExpiresMs < next ? sa.ExpiresMs : next;
                    if (!sa.Reauthenticating)
                    {
                        next = sa.ReauthAtMs < next ? sa.ReauthAtMs : next;
                    }

                    long ka = sa.Keepalive.NextDueMs;
                    next = ka < next ? ka : next;
                }

                return next;
            }
        }

        /// <summary>A negotiation's timer: its Diffie-Hellman done, a retransmission, or its end (timeout, the peer's notify).</summary>
        private void PollNegotiation(IkeSa sa, long nowMs)
        {
            if (sa.Job != null && sa.Job.IsDone)
            {
                _negotiations.Resume(sa, nowMs);
                return;
            }

            if (nowMs < sa.NextTimerMs || _sender.RetransmitIfTriesLeft(sa, nowMs))
            {
                return;
            }

            if (sa.Job != null)
            {
                _lifecycle.Fail(sa, Phase1FailureReason.ResourceLimit, "the Diffie-Hellman computation did not finish within the half-open timeout", nowMs);
                return;
            }

            if (sa.NotifiedReason != Phase1FailureReason.None)
            {
                // The peer's unauthenticated error notify, now that the wait confirms it.
                _lifecycle.Fail(sa, sa.NotifiedReason, sa.NotifiedDetail + " (unprotected notify; the negotiation waited out its half-open timeout)", nowMs);
            }
            else
            {
                _lifecycle.Fail(sa, Phase1FailureReason.PeerTimeout, sa.AwaitingReply
                    ? "no answer after " + sa.Retransmits.ToString() + " retransmissions"
                    : "half-open SA timed out waiting for the peer", nowMs);
            }
        }

        /// <summary>An established SA's timers: hard lifetime, re-authentication, NAT keepalive.</summary>
        private void PollEstablished(IkeSa sa, long nowMs)
        {
            if (nowMs >= sa.ExpiresMs)
            {
                // Hard lifetime: tell the peer (RFC 2408 §4.8); its IPsec SAs live on (RFC 2409 §5.5).
                _lifecycle.Delete(sa, true, false, nowMs);
                return;
            }

            if (nowMs >= sa.ReauthAtMs && !sa.Reauthenticating)
            {
                sa.Reauthenticating = true;
                if (!_sas.IsNegotiating(sa.Peer))
                {
                    _negotiations.Initiate(sa.Peer, nowMs);
                }
            }

            _sender.KeepaliveIfDue(sa, nowMs);
        }
    }
}
