namespace NanoGate.Hal.Crypto.Native
{
    /// <summary>
    /// The native component's slot table seen from outside, for tests and the console: how many
    /// slots are in use, and whether a released slot reads all zero (keys wiped, RFC 4301 §4.4.2.1
    /// asks that expired keys not linger).
    /// </summary>
    public static class NativeSlots
    {
        /// <summary>Slots in the table.</summary>
        public static int Count
        {
            get { return NativeMethods.SlotCount(); }
        }

        /// <summary>Slots holding a key or state now.</summary>
        public static int InUse
        {
            get { return NativeMethods.SlotsInUse(); }
        }

        /// <summary>True when every byte of the slot is zero (the object in it was wiped, or it never held one).</summary>
        public static bool IsClear(int slot)
        {
            return NativeMethods.SlotIsClear(slot) == 1;
        }
    }
}
