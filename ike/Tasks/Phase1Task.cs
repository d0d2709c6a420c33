using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tasks
{
    /// <summary>
    /// A phase 1 exchange for one SA, as strongSwan's ikev1 tasks: the initiator starts with
    /// <see cref="Start"/> and then processes answers, the responder processes first. Messages
    /// reach a task only after the dispatcher matched cookies, weeded out duplicates and parsed
    /// them; encrypted ones are decrypted by the task itself (it owns the IV position). Each step
    /// returns a <see cref="Phase1Outcome"/> that the dispatcher acts on (send, establish, fail).
    /// </summary>
    internal abstract class Phase1Task
    {
        protected Phase1Task(Phase1Payloads payloads, IkeSa sa)
        {
            Payloads = payloads;
            Sa = sa;
        }

        /// <summary>Builds and reads the payloads, derives the keys (shared by the tasks of a daemon).</summary>
        protected Phase1Payloads Payloads { get; private set; }

        /// <summary>The SA this task negotiates.</summary>
        protected IkeSa Sa { get; private set; }

        /// <summary>Initiator: the first message.</summary>
        public abstract Phase1Outcome Start();

        /// <summary>
        /// Handles a message of this exchange (header parsed, body still encrypted if the E flag is set).
        /// Anything but <see cref="Phase1OutcomeKind.Ignored"/> or <see cref="Phase1OutcomeKind.Failed"/>
        /// accepted it (the dispatcher then keeps it to recognise a retransmission).
        /// </summary>
        public abstract Phase1Outcome Process(IsakmpMessage m, uint source, int sourcePort, int localPort);

        /// <summary>The message built since <see cref="Phase1Payloads.Begin"/>, sealed, as the next step.</summary>
        protected Phase1Outcome Send(bool encrypt, bool awaitReply)
        {
            byte[] d = Payloads.Seal(Sa, encrypt);
            return d == null ? TooBig() : Phase1Outcome.Next(d, awaitReply);
        }

        /// <summary>The message built since <see cref="Phase1Payloads.Begin"/>, sealed, as the last one: phase 1 is up.</summary>
        protected Phase1Outcome SendAndComplete(bool encrypt)
        {
            byte[] d = Payloads.Seal(Sa, encrypt);
            return d == null ? TooBig() : Phase1Outcome.Done(d);
        }

        private static Phase1Outcome TooBig()
        {
            return Phase1Outcome.Failed(Phase1FailureReason.ResourceLimit, "our message did not fit the send buffer", 0);
        }
    }
}
