namespace NanoGate.Esp
{
    /// <summary>
    /// All packet slots, allocated once at start-up (the board decides how many: a handful on the
    /// device, hundreds on the host), and the rings that move them between the I/O side and the
    /// crypto side (wireguard-go pools.go: the pool caps outstanding buffers).
    /// <code>
    ///  I/O side: Free.TryDequeue -> fill -> ToCrypto.TryEnqueue
    ///  crypto  : ToCrypto.TryDequeue -> encapsulate/decapsulate in place -> FromCrypto.TryEnqueue
    ///  I/O side: FromCrypto.TryDequeue -> send/deliver (unless Verdict says drop) -> Free.TryEnqueue
    /// </code>
    /// <see cref="Free"/> is used by the I/O side alone; every ring holds all slots, so no enqueue
    /// of a slot taken from this pool can fail.
    /// </summary>
    public sealed class SlotPool
    {
        /// <summary>Slots owned by the I/O side, ready to be filled.</summary>
        public readonly SlotRing Free;

        /// <summary>I/O side to crypto side: packets to encapsulate or decapsulate.</summary>
        public readonly SlotRing ToCrypto;

        /// <summary>Crypto side to I/O side: processed packets (or drops, see <see cref="PacketSlot.Verdict"/>).</summary>
        public readonly SlotRing FromCrypto;

        private readonly PacketSlot[] _slots;

        /// <summary>Allocates <paramref name="count"/> slots for inner packets up to <paramref name="mtu"/> bytes.</summary>
        public SlotPool(int count, int mtu)
        {
            if (count < 1)
            {
                count = 1;
            }

            _slots = new PacketSlot[count];
            Free = new SlotRing(count);
            ToCrypto = new SlotRing(count);
            FromCrypto = new SlotRing(count);
            for (int i = 0; i < count; i++)
            {
                _slots[i] = new PacketSlot(mtu);
                Free.TryEnqueue(_slots[i]);
            }
        }

        /// <summary>Number of slots.</summary>
        public int Count
        {
            get { return _slots.Length; }
        }

        /// <summary>Slot by index (console, tests).</summary>
        public PacketSlot this[int index]
        {
            get { return _slots[index]; }
        }
    }
}
