using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tasks
{
    /// <summary>
    /// A phase 1 exchange for one SA, as strongSwan's ikev1 tasks: the initiator starts with
    /// <see cref="Start"/> and then processes answers, the responder processes first. Messages
    /// reach a task only after the daemon matched cookies, weeded out duplicates and parsed them;
    /// encrypted ones are decrypted by the task itself (it owns the IV position).
    /// </summary>
    internal abstract class Phase1Task
    {
        protected Phase1Task(Phase1 phase1, IkeSa sa)
        {
            P = phase1;
            Sa = sa;
        }

        /// <summary>The shared phase 1 helper (buffers, crypto, sending).</summary>
        protected Phase1 P { get; private set; }

        /// <summary>The SA this task negotiates.</summary>
        protected IkeSa Sa { get; private set; }

        /// <summary>Initiator: sends the first message.</summary>
        public abstract void Start(long nowMs);

        /// <summary>
        /// Handles a message of this exchange (header parsed, body still encrypted if the E flag is set).
        /// Returns true when it was accepted (the daemon then keeps it to recognise a retransmission).
        /// </summary>
        public abstract bool Process(IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs);
    }
}
