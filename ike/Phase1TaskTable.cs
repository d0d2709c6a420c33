using System.Collections;
using NanoGate.Ike.Config;
using NanoGate.Ike.Tasks;

namespace NanoGate.Ike
{
    /// <summary>
    /// The phase 1 task of each ISAKMP SA under negotiation, as strongSwan's task_manager keeps an
    /// ike_sa's tasks: main mode or aggressive mode by the SA's mode (RFC 2409 §5.4 and §5.5 with
    /// pre-shared keys), made when the negotiation starts and forgotten when it is established or
    /// ends. An established SA has no task: quick mode and informational belong to phase 2.
    /// </summary>
    internal sealed class Phase1TaskTable
    {
        private readonly Phase1Payloads _payloads;
        private readonly Hashtable _tasks = new Hashtable();

        /// <summary>Tasks that build and read their payloads with <paramref name="payloads"/> (shared by all).</summary>
        internal Phase1TaskTable(Phase1Payloads payloads)
        {
            _payloads = payloads;
        }

        /// <summary>Negotiations with a task.</summary>
        internal int Count
        {
            get { return _tasks.Count; }
        }

        /// <summary>A new task for <paramref name="sa"/>, by its mode; it replaces one it had.</summary>
        internal Phase1Task Begin(IkeSa sa)
        {
            Phase1Task task = sa.Mode == ExchangeMode.Aggressive ? (Phase1Task)new AggressiveModeTask(_payloads, sa) : new MainModeTask(_payloads, sa);
            _tasks[sa] = task;
            return task;
        }

        /// <summary>The task of <paramref name="sa"/>, or null when it has none.</summary>
        internal Phase1Task Get(IkeSa sa)
        {
            return (Phase1Task)_tasks[sa];
        }

        /// <summary>The negotiation of <paramref name="sa"/> is over (established, failed or removed).</summary>
        internal void Forget(IkeSa sa)
        {
            _tasks.Remove(sa);
        }
    }
}
