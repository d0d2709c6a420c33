using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// Receives the messages of an established ISAKMP SA that phase 1 does not handle: quick mode
    /// (exchange 32) and protected informational exchanges (5, E flag). <paramref name="m"/> has
    /// its header parsed; the body is still encrypted (IV: <see cref="Keymat.Phase2Iv"/> from
    /// <c>sa.Iv.Current</c> and the message ID). Once a message authenticates, call
    /// <see cref="IkeDaemon.NoteAuthenticated"/> so the peer's translated port is followed.
    /// </summary>
    public interface IIkeExchangeHandler
    {
        /// <summary>One message for <paramref name="sa"/>.</summary>
        void HandleMessage(IkeSa sa, IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs);
    }
}
