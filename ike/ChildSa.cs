using NanoGate.Ike.Config;

namespace NanoGate.Ike
{
    /// <summary>
    /// One installed IPsec SA pair (RFC 2409 §5.5: "the SA" quick mode negotiated, one SPI per
    /// direction), as strongSwan's CHILD_SA: which policy and peer it serves, the ISAKMP SA that
    /// protects its informational messages, and where it is in its life (installed, being rekeyed,
    /// replaced and waiting to be deleted). Kept by <see cref="QuickMode"/>.
    /// </summary>
    public sealed class ChildSa
    {
        internal ChildSa(IpsecPolicy policy, PeerConfig peer, IkeSa sa, uint inboundSpi, uint outboundSpi, bool initiator, long nowMs)
        {
            Policy = policy;
            Peer = peer;
            Sa = sa;
            RemoteIdentity = sa == null ? null : sa.RemoteIdentity;
            InboundSpi = inboundSpi;
            OutboundSpi = outboundSpi;
            Initiator = initiator;
            EstablishedMs = nowMs;
            State = ChildSaState.Installed;
            DeleteAtMs = long.MaxValue;
            InboundPacketsSeen = -1;
        }

        /// <summary>DPD: its inbound ESP packets at the last look, -1 before the first (traffic is proof of life).</summary>
        internal long InboundPacketsSeen { get; set; }

        /// <summary>The ipsec policy (tunnel) it carries.</summary>
        public IpsecPolicy Policy { get; private set; }

        /// <summary>The peer it was negotiated with.</summary>
        public PeerConfig Peer { get; private set; }

        /// <summary>
        /// The ISAKMP SA its Delete and DPD messages go under: the one quick mode ran on, moved to the
        /// newest one of the peer when that one is replaced (phase 1 re-authentication); null when the
        /// peer has none (IKEv1 IPsec SAs outlive their ISAKMP SA, RFC 2409 §5.5).
        /// </summary>
        public IkeSa Sa { get; internal set; }

        /// <summary>The peer's phase 1 identity when it was negotiated (one configuration may serve several gateways).</summary>
        public string RemoteIdentity { get; private set; }

        /// <summary>A rekey of <paramref name="c"/> (may be null) that did not happen: the old pair is plain installed again.</summary>
        internal static void Unmark(ChildSa c)
        {
            if (c != null && c.State == ChildSaState.Rekeying)
            {
                c.State = ChildSaState.Installed;
            }
        }

        /// <summary>True when <paramref name="sa"/> is with the same remote gateway (configuration and identity).</summary>
        public bool BelongsTo(IkeSa sa)
        {
            return sa != null && sa.Peer == Peer && sa.RemoteIdentity == RemoteIdentity;
        }

        /// <summary>Our SPI: the peer sends ESP to it.</summary>
        public uint InboundSpi { get; private set; }

        /// <summary>The peer's SPI: we send ESP to it.</summary>
        public uint OutboundSpi { get; private set; }

        /// <summary>True when we sent QM1.</summary>
        public bool Initiator { get; private set; }

        /// <summary>When it was installed (ms).</summary>
        public long EstablishedMs { get; private set; }

        /// <summary>Where it is in its life.</summary>
        public ChildSaState State { get; internal set; }

        /// <summary>When a retired pair is deleted (Delete sent, inbound removed); long.MaxValue: not scheduled.</summary>
        internal long DeleteAtMs { get; set; }

        /// <summary>
        /// The lower of Ni_b and Nr_b of its quick mode: all the collision tie-break (RFC 7296 §2.8.1
        /// rule) compares, so the other nonce is not kept.
        /// </summary>
        internal byte[] LowestNonce { get; set; }

        /// <summary>"to-hq in 0x00000102 out 0xc1d2e3f4".</summary>
        public override string ToString()
        {
            return Policy.Name + " in 0x" + InboundSpi.ToString("x8") + " out 0x" + OutboundSpi.ToString("x8");
        }
    }
}
