using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// Receives the messages of an established ISAKMP SA that phase 1 does not handle: quick mode
    /// (exchange 32) and protected informational exchanges (5, E flag). <paramref name="m"/> has
    /// its header parsed; the body is still encrypted (IV: <see cref="Keymat.Phase2Iv"/> from
    /// <c>sa.Iv.Current</c> and the message ID). Once a message authenticates, call
    /// <see cref="IkeDaemon.NoteAuthenticated"/> so the peer's translated port is followed.
    /// Also told when ISAKMP SAs come and go, since the IPsec SAs and their Deletes hang on them.
    /// </summary>
    public interface IIkeExchangeHandler
    {
        /// <summary>One message for <paramref name="sa"/>.</summary>
        void HandleMessage(IkeSa sa, IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs);

        /// <summary>
        /// Phase 1 with <paramref name="sa"/>'s peer completed. With INITIAL-CONTACT the peer lost
        /// every earlier SA (RFC 2407 §4.6.3.3); otherwise IPsec SAs without a live ISAKMP SA move to it.
        /// </summary>
        void OnPhase1Established(IkeSa sa, long nowMs);

        /// <summary>
        /// <paramref name="sa"/> is about to be removed (keys still there). <paramref name="notifyPeer"/>:
        /// send Delete payloads (RFC 2408 §3.15) for what goes; <paramref name="dropChildren"/>: its
        /// IPsec SAs go too, otherwise they move to another ISAKMP SA of the peer or wait without one.
        /// </summary>
        void OnPhase1Deleting(IkeSa sa, bool notifyPeer, bool dropChildren, long nowMs);

        /// <summary>
        /// <paramref name="peer"/> leaves the configuration; its ISAKMP SAs are gone already. Its
        /// policies, pending and running quick modes and any IPsec SAs left without an ISAKMP SA go too.
        /// </summary>
        void OnPeerRemoved(PeerConfig peer, long nowMs);
    }
}
