using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Transform payload, RFC 2408 §3.6; only inside a proposal. Next Payload is 3 (another
    /// transform) or 0 (last).
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !         Payload Length        !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !  Transform #  !  Transform-Id !           RESERVED2           !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ~                        SA Attributes                          ~
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// </summary>
    public static class TransformPayload
    {
        public const int NumberOffset = 4;
        public const int TransformIdOffset = 5;
        public const int Reserved2Offset = 6;
        public const int AttributesOffset = 8;
        public const int MinSize = 8;

        /// <summary>
        /// Checks a transform: its length fits and its attributes fill the body exactly. Returns the
        /// transform length, or -1 with the error recorded.
        /// </summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, WireError error)
        {
            int length = ChildChain.CheckHeader(b, offset, count, PayloadType.Proposal, PayloadType.Transform, MinSize, error);
            if (length < 0)
            {
                return -1;
            }

            int pos = offset + AttributesOffset;
            int end = offset + length;
            while (pos < end)
            {
                int n = DataAttribute.Check(b, pos, end - pos);
                if (n < 0)
                {
                    int announced = end - pos >= DataAttribute.HeaderSize ? DataAttribute.GetTotalLength(b, pos) : end - pos;
                    error.Fail(WireError.AttributePastEnd, PayloadType.Transform, 0, announced, end - pos);
                    return -1;
                }

                pos += n;
            }

            return length;
        }

        [FastPath]
        public static int GetNumber(byte[] b, int offset)
        {
            return b[offset + NumberOffset];
        }

        [FastPath]
        public static int GetTransformId(byte[] b, int offset)
        {
            return b[offset + TransformIdOffset];
        }

        /// <summary>Offset of the first attribute (the end is offset + Payload Length).</summary>
        [FastPath]
        public static int GetAttributesOffset(int offset)
        {
            return offset + AttributesOffset;
        }

        /// <summary>Offset of the first attribute of <paramref name="type"/> in a checked transform, or -1.</summary>
        [FastPath]
        public static int FindAttribute(byte[] b, int offset, int type)
        {
            int end = offset + GenericPayload.GetLength(b, offset);
            int pos = offset + AttributesOffset;
            while (pos < end)
            {
                if (DataAttribute.GetType(b, pos) == type)
                {
                    return pos;
                }

                pos += DataAttribute.GetTotalLength(b, pos);
            }

            return -1;
        }

        /// <summary>
        /// Writes the transform header (length 8, Next Payload 0); attributes go after it, then the
        /// caller sets the length (<see cref="GenericPayload.SetLength"/>). Returns 8 or -1.
        /// </summary>
        [FastPath]
        public static int WriteStart(byte[] b, int offset, int room, int number, int transformId)
        {
            if (GenericPayload.WriteHeader(b, offset, room, MinSize) < 0)
            {
                return -1;
            }

            b[offset + NumberOffset] = (byte)number;
            b[offset + TransformIdOffset] = (byte)transformId;
            b[offset + Reserved2Offset] = 0;
            b[offset + Reserved2Offset + 1] = 0;
            return MinSize;
        }
    }
}
