using NanoGate.Hal;

namespace NanoGate.Ike
{
    /// <summary>
    /// Dead peer detection, our side of RFC 3706 §5: when nothing authenticated came from a peer that
    /// announced DPD for <see cref="Config.PeerConfig.DpdIntervalSeconds"/> (neither IKE nor ESP on
    /// its pairs: traffic is proof of life, §5.2), send R-U-THERE; repeat every
    /// <see cref="Config.PeerConfig.DpdRetrySeconds"/>; after <see cref="MaxProbes"/> unanswered ones
    /// the peer is dead (<see cref="Poll"/> returns it: quick mode then removes its SAs and, by the
    /// peer's DPD action, restarts its tunnels). Sequence numbers start at a random value and grow by one per
    /// R-U-THERE (§7); an ACK must echo the last one.
    /// </summary>
    internal sealed class DeadPeerDetection
    {
        /// <summary>R-U-THERE messages per probe before the peer is declared dead.</summary>
        public const int MaxProbes = 3;

        private readonly IkeDaemon _daemon;
        private readonly ChildSaTable _pairs;
        private readonly InformationalSender _sender;
        private readonly IRandomSource _random;
        private readonly byte[] _seq = new byte[4];

        /// <summary>
        /// Watches the ISAKMP SAs of <paramref name="daemon"/>; the ESP counts of <paramref name="pairs"/>
        /// are proof of life; R-U-THERE goes out through <paramref name="sender"/>.
        /// </summary>
        public DeadPeerDetection(IkeDaemon daemon, ChildSaTable pairs, InformationalSender sender, IRandomSource random)
        {
            _daemon = daemon;
            _pairs = pairs;
            _sender = sender;
            _random = random;
        }

        /// <summary>R-U-THERE sent.</summary>
        public int Sent { get; private set; }

        /// <summary>Peers declared dead.</summary>
        public int Timeouts { get; private set; }

        /// <summary>R-U-THERE-ACKs that answered our latest probe (RFC 3706 §5.1).</summary>
        public int Acked { get; private set; }

        /// <summary>A new ISAKMP SA: random first sequence number (§7), idle from now.</summary>
        public void OnEstablished(IkeSa sa)
        {
            _random.Fill(_seq, 0, 4);
            sa.DpdSequence = BigEndian.ReadUInt32(_seq, 0) & 0x7FFFFFFF;
            sa.DpdFirstSequence = sa.DpdSequence;
            sa.DpdProbes = 0;
        }

        /// <summary>R-U-THERE-ACK: the peer is alive when it echoes our last sequence number (§5.5).</summary>
        public void OnAck(IkeSa sa, uint sequence, long nowMs)
        {
            if (sa.DpdProbes > 0 && sequence == sa.DpdSequence)
            {
                Acked++;
                sa.DpdProbes = 0;
                sa.LastHeardMs = nowMs;
            }
        }

        /// <summary>
        /// Probes due at <paramref name="nowMs"/>. Returns an SA whose peer is now declared dead (with
        /// why in <paramref name="detail"/>) for the caller to act on, then call again; null when none.
        /// </summary>
        public IkeSa Poll(long nowMs, out string detail)
        {
            detail = null;
            _pairs.NoteInboundTraffic(nowMs);
            for (int i = 0; i < _daemon.Capacity; i++)
            {
                IkeSa sa = _daemon.GetSa(i);
                if (!Watches(sa))
                {
                    continue;
                }

                if (sa.DpdProbes > 0 && sa.LastHeardMs >= sa.DpdProbeStartMs)
                {
                    sa.DpdProbes = 0;
                }

                long retryMs = (long)(sa.Peer.DpdRetrySeconds > 0 ? sa.Peer.DpdRetrySeconds : 1) * 1000;
                if (sa.DpdProbes == 0)
                {
                    if (nowMs - sa.LastHeardMs >= (long)sa.Peer.DpdIntervalSeconds * 1000)
                    {
                        sa.DpdProbeStartMs = nowMs;
                        Probe(sa, retryMs, nowMs);
                    }

                    continue;
                }

                if (nowMs < sa.DpdNextMs)
                {
                    continue;
                }

                if (sa.DpdProbes >= MaxProbes)
                {
                    Timeouts++;
                    sa.DpdProbes = 0;
                    detail = "no answer to " + MaxProbes.ToString() + " R-U-THERE in "
                        + ((nowMs - sa.DpdProbeStartMs) / 1000).ToString() + " s (dpd interval " + sa.Peer.DpdIntervalSeconds.ToString()
                        + " retry " + sa.Peer.DpdRetrySeconds.ToString() + ")";
                    return sa;
                }

                Probe(sa, retryMs, nowMs);
            }

            return null;
        }

        /// <summary>The earliest time <see cref="Poll"/> has a probe or verdict due (ms), or long.MaxValue.</summary>
        public long NextDeadlineMs
        {
            get
            {
                long next = long.MaxValue;
                for (int i = 0; i < _daemon.Capacity; i++)
                {
                    IkeSa sa = _daemon.GetSa(i);
                    if (!Watches(sa))
                    {
                        continue;
                    }

                    long t = sa.DpdProbes > 0 ? sa.DpdNextMs : sa.LastHeardMs + ((long)sa.Peer.DpdIntervalSeconds * 1000);
                    next = t < next ? t : next;
                }

                return next;
            }
        }

        /// <summary>An established SA whose peer announced DPD, with DPD configured, that the peer is known to hold.</summary>
        private static bool Watches(IkeSa sa)
        {
            return sa != null && sa.State == IkeSaState.Established && sa.PeerSupportsDpd && sa.Peer.DpdIntervalSeconds > 0 && sa.PeerConfirmed;
        }

        private void Probe(IkeSa sa, long retryMs, long nowMs)
        {
            sa.DpdSequence++;
            sa.DpdProbes++;
            sa.DpdNextMs = nowMs + retryMs;
            Sent++;
            _sender.SendDpd(sa, sa.DpdSequence, nowMs);
        }
    }
}
