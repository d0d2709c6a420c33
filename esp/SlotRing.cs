using System.Threading;
using NanoGate.Hal;

namespace NanoGate.Esp
{
    /// <summary>
    /// A bounded single-producer/single-consumer queue of <see cref="PacketSlot"/>s between the I/O
    /// side and the crypto side (one thread enqueues, one dequeues). Capacity is a power of two.
    /// Lock-free: the producer publishes the slot before moving <c>_tail</c>, the consumer reads
    /// the slot after seeing <c>_tail</c>, and Interlocked gives both the fences they need (the
    /// only memory-ordering tool nanoFramework 1.x has).
    /// </summary>
    public sealed class SlotRing
    {
        private readonly PacketSlot[] _items;
        private readonly int _mask;
        private int _head;
        private int _tail;

        /// <summary>A ring holding up to <paramref name="capacity"/> slots (rounded up to a power of two, at least 2).</summary>
        public SlotRing(int capacity)
        {
            int size = 2;
            while (size < capacity)
            {
                size <<= 1;
            }

            _items = new PacketSlot[size];
            _mask = size - 1;
        }

        /// <summary>How many slots the ring can hold.</summary>
        public int Capacity
        {
            get { return _items.Length; }
        }

        /// <summary>Slots waiting (a snapshot).</summary>
        public int Count
        {
            get { return Interlocked.CompareExchange(ref _tail, 0, 0) - Interlocked.CompareExchange(ref _head, 0, 0); }
        }

        /// <summary>Producer side: adds a slot; false when full.</summary>
        [FastPath]
        public bool TryEnqueue(PacketSlot slot)
        {
            int tail = _tail;
            if (tail - Interlocked.CompareExchange(ref _head, 0, 0) >= _items.Length)
            {
                return false;
            }

            _items[tail & _mask] = slot;
            Interlocked.Exchange(ref _tail, tail + 1);
            return true;
        }

        /// <summary>Consumer side: takes the oldest slot; false (and null) when empty.</summary>
        [FastPath]
        public bool TryDequeue(out PacketSlot slot)
        {
            int head = _head;
            if (Interlocked.CompareExchange(ref _tail, 0, 0) == head)
            {
                slot = null;
                return false;
            }

            int i = head & _mask;
            slot = _items[i];
            _items[i] = null;
            Interlocked.Exchange(ref _head, head + 1);
            return true;
        }
    }
}
