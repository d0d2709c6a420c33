namespace NanoGate.Hal.Crypto.Native
{
    /// <summary>
    /// The bounds check the native code does not do: C sees a pointer, not an array. Indexing the
    /// first and the last byte of a range makes the runtime reject anything outside the array
    /// (IndexOutOfRangeException, NullReferenceException, as the portable code would) before a
    /// pointer into it reaches C, without a throw of our own on the per-packet path.
    /// </summary>
    internal static class NativeRange
    {
        /// <summary>Faults unless [offset, offset + count) lies in <paramref name="array"/>; returns a byte of it.</summary>
        [FastPath]
        internal static int Check(byte[] array, int offset, int count)
        {
            if (count > 0)
            {
                return array[offset] | array[offset + count - 1];
            }

            // An empty range may sit just past the end, never before 0 or beyond; a negative count
            // is no range. Otherwise index one past the end, which faults.
            int probe = count < 0 || offset < 0 || offset > array.Length ? array.Length : -1;
            return probe < 0 ? array.Length : array[probe];
        }
    }
}
