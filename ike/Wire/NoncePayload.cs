using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Nonce payload, RFC 2408 §3.13. RFC 2409 §5: "The length of nonce payload MUST be between 8
    /// and 256 bytes inclusive" (of nonce data).
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !         Payload Length        !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ~                            Nonce Data                         ~
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// </summary>
    public static class NoncePayload
    {
        public const int DataOffset = 4;
        public const int MinNonce = 8;
        public const int MaxNonce = 256;

        /// <summary>Checks length and the 8..256 nonce size; returns the payload length, or -1.</summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, WireError error)
        {
            int length = GenericPayload.Check(b, offset, count, PayloadType.Nonce, DataOffset, error);
            if (length < 0)
            {
                return -1;
            }

            int nonce = length - DataOffset;
            if (nonce < MinNonce || nonce > MaxNonce)
            {
                error.Fail(WireError.NonceLength, PayloadType.Nonce, 0, nonce, MaxNonce);
                return -1;
            }

            return length;
        }

        [FastPath]
        public static int GetDataOffset(int offset)
        {
            return offset + DataOffset;
        }

        [FastPath]
        public static int GetDataLength(byte[] b, int offset)
        {
            return GenericPayload.GetLength(b, offset) - DataOffset;
        }

        /// <summary>Writes the payload; returns its length, or -1 (also for a nonce outside 8..256).</summary>
        [FastPath]
        public static int Write(byte[] b, int offset, int room, byte[] nonce, int nonceOffset, int nonceLength)
        {
            if (nonceLength < MinNonce || nonceLength > MaxNonce)
            {
                return -1;
            }

            return GenericPayload.WriteOpaque(b, offset, room, nonce, nonceOffset, nonceLength);
        }
    }
}
