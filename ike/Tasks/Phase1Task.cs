using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tasks
{
    /// <summary>
    /// A phase 1 exchange for one SA, as strongSwan's ikev1 tasks: the initiator starts with
    /// <see cref="Start"/> and then processes answers, the responder processes first. Messages
    /// reach a task only after the dispatcher matched cookies, weeded out duplicates and parsed
    /// them; encrypted ones are decrypted by the task itself (it owns the IV position). Each step
    /// returns a <see cref="Phase1Outcome"/> that the dispatcher acts on (send, establish, fail).
    /// <para>
    /// A step that needs Diffie-Hellman starts it off the run loop (<see cref="IkeSa.Job"/>) and
    /// returns <see cref="Phase1Outcome.Waiting"/> through <see cref="Await"/>, which keeps a copy
    /// of the message; once the job is done the dispatcher calls <see cref="Resume"/>, which parses
    /// the copy again and goes on with the second half of the step (<see cref="Continue"/>).
    /// </para>
    /// </summary>
    internal abstract class Phase1Task
    {
        private readonly IsakmpMessage _resumed = new IsakmpMessage();
        private byte[] _held;
        private uint _heldSource;
        private int _heldSourcePort;
        private int _heldLocalPort;
        private int _step;

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

        /// <summary>
        /// Once <see cref="IkeSa.Job"/> is done: the second half of the step that started it, with
        /// the message that step received (parsed again from the copy; null when it had none).
        /// </summary>
        public Phase1Outcome Resume()
        {
            IsakmpMessage m = null;
            if (_held != null)
            {
                if (!_resumed.TryParse(_held, 0, _held.Length))
                {
                    return Phase1Outcome.Failed(Phase1FailureReason.ResourceLimit, "the message kept for the Diffie-Hellman step did not parse again", 0);
                }

                m = _resumed;
            }

            _held = null;
            if (Phase1Payloads.JobFaulted(Sa))
            {
                return Phase1Outcome.Failed(Phase1FailureReason.ResourceLimit, "the Diffie-Hellman computation failed", 0);
            }

            return Continue(_step, m, _heldSource, _heldSourcePort, _heldLocalPort);
        }

        /// <summary>The second half of step <paramref name="step"/> (see <see cref="Await"/>).</summary>
        protected abstract Phase1Outcome Continue(int step, IsakmpMessage m, uint source, int sourcePort, int localPort);

        /// <summary>
        /// The step waits for the SA's Diffie-Hellman job: <paramref name="m"/> (null: none) and where
        /// it came from are kept for <see cref="Continue"/> with <paramref name="step"/>.
        /// </summary>
        protected Phase1Outcome Await(int step, IsakmpMessage m, uint source, int sourcePort, int localPort)
        {
            _step = step;
            _held = m == null ? null : Phase1Payloads.Copy(m.Buffer, m.Offset, m.Length);
            _heldSource = source;
            _heldSourcePort = sourcePort;
            _heldLocalPort = localPort;
            return Phase1Outcome.Waiting;
        }

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
