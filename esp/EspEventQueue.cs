using NanoGate.Hal;

namespace NanoGate.Esp
{
    /// <summary>
    /// A fixed-size queue of data-path events (acquire, rekey, expired) that the firmware's run loop
    /// drains and hands to ike. Parallel arrays instead of event objects, so raising one allocates
    /// nothing; when full, the newest event is dropped and counted (the condition that raised it
    /// raises it again: acquire is retried, expiry is re-checked by <see cref="EspEngine.Poll"/>).
    /// </summary>
    public sealed class EspEventQueue
    {
        private readonly int[] _kind;
        private readonly uint[] _spi;
        private readonly bool[] _inbound;
        private readonly int[] _policy;
        private int _head;
        private int _count;
        private long _lost;

        /// <summary>A queue of <paramref name="capacity"/> events.</summary>
        public EspEventQueue(int capacity)
        {
            if (capacity < 1)
            {
                capacity = 1;
            }

            _kind = new int[capacity];
            _spi = new uint[capacity];
            _inbound = new bool[capacity];
            _policy = new int[capacity];
        }

        /// <summary>Events waiting.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Events dropped because the queue was full.</summary>
        public long Lost
        {
            get { return _lost; }
        }

        /// <summary>Adds an event; false (and counted) when full.</summary>
        [FastPath]
        public bool Raise(EspEventKind kind, uint spi, bool inbound, int policyId)
        {
            if (_count == _kind.Length)
            {
                _lost++;
                return false;
            }

            int i = (_head + _count) % _kind.Length;
            _kind[i] = (int)kind;
            _spi[i] = spi;
            _inbound[i] = inbound;
            _policy[i] = policyId;
            _count++;
            return true;
        }

        /// <summary>Takes the oldest event; <see cref="EspEventKind.None"/> when empty.</summary>
        public EspEventKind TryTake(out uint spi, out bool inbound, out int policyId)
        {
            if (_count == 0)
            {
                spi = 0;
                inbound = false;
                policyId = -1;
                return EspEventKind.None;
            }

            int i = _head;
            spi = _spi[i];
            inbound = _inbound[i];
            policyId = _policy[i];
            _head = (_head + 1) % _kind.Length;
            _count--;
            return (EspEventKind)_kind[i];
        }
    }
}
