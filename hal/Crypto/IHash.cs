namespace NanoGate.Hal.Crypto
{
    /// <summary>
    /// An incremental hash or HMAC: append several pieces, then finish into a caller buffer, so
    /// that SKEYID, HASH_I and KEYMAT never concatenate into temporary arrays. After
    /// <see cref="Finish"/> the object is reset and ready for the next message (same key).
    /// </summary>
    public interface IHash
    {
        /// <summary>Full output length in bytes.</summary>
        int HashSize { get; }

        /// <summary>Discards anything appended since the last finish.</summary>
        void Reset();

        /// <summary>Appends <paramref name="count"/> bytes.</summary>
        void Append(byte[] buffer, int offset, int count);

        /// <summary>Writes the full output at <paramref name="offset"/> and resets.</summary>
        void Finish(byte[] output, int offset);

        /// <summary>Zeroes key and state; the object is unusable afterwards.</summary>
        void Wipe();
    }
}
