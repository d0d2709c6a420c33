using System;
using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Generic payload header, RFC 2408 §3.2; every payload (and proposal/transform) starts with it.
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !         Payload Length        !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// RESERVED is written as zero and ignored on receipt (strongSwan does the same).
    /// </summary>
    public static class GenericPayload
    {
        public const int NextPayloadOffset = 0;
        public const int ReservedOffset = 1;
        public const int LengthOffset = 2;

        /// <summary>Header length in bytes; the body starts here.</summary>
        public const int Size = 4;

        /// <summary>
        /// Checks that a payload header fits in <paramref name="count"/> bytes and that its Payload
        /// Length lies within [<paramref name="minLength"/>, <paramref name="count"/>]. Returns the
        /// payload length, or -1 with the error recorded.
        /// </summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, int type, int minLength, WireError error)
        {
            if (count < Size)
            {
                error.Fail(WireError.PayloadTruncated, type, 0, 0, count);
                return -1;
            }

            int length = BigEndian.ReadUInt16(b, offset + LengthOffset);
            if (length < minLength)
            {
                error.Fail(WireError.PayloadTooShort, type, 0, length, minLength);
                return -1;
            }

            if (length > count)
            {
                error.Fail(WireError.PayloadPastEnd, type, 0, length, count);
                return -1;
            }

            return length;
        }

        [FastPath]
        public static int GetNextPayload(byte[] b, int offset)
        {
            return b[offset + NextPayloadOffset];
        }

        [FastPath]
        public static int GetLength(byte[] b, int offset)
        {
            return BigEndian.ReadUInt16(b, offset + LengthOffset);
        }

        [FastPath]
        public static void SetNextPayload(byte[] b, int offset, int nextPayload)
        {
            b[offset + NextPayloadOffset] = (byte)nextPayload;
        }

        [FastPath]
        public static void SetLength(byte[] b, int offset, int length)
        {
            BigEndian.WriteUInt16(b, offset + LengthOffset, (ushort)length);
        }

        /// <summary>
        /// Writes a generic header with Next Payload 0 and the given length. Returns
        /// <see cref="Size"/>, or -1 when the payload would not fit in <paramref name="room"/> or
        /// exceed 65535 bytes.
        /// </summary>
        [FastPath]
        public static int WriteHeader(byte[] b, int offset, int room, int length)
        {
            if (length > room || length > 0xFFFF || length < Size)
            {
                return -1;
            }

            b[offset + NextPayloadOffset] = 0;
            b[offset + ReservedOffset] = 0;
            BigEndian.WriteUInt16(b, offset + LengthOffset, (ushort)length);
            return Size;
        }

        /// <summary>
        /// Writes a payload whose body is opaque data (KE, HASH, SIG, NONCE, VID, NAT-D).
        /// Returns the payload length, or -1 when it does not fit.
        /// </summary>
        [FastPath]
        public static int WriteOpaque(byte[] b, int offset, int room, byte[] data, int dataOffset, int dataLength)
        {
            int length = Size + dataLength;
            if (dataLength < 0 || WriteHeader(b, offset, room, length) < 0)
            {
                return -1;
            }

            Array.Copy(data, dataOffset, b, offset + Size, dataLength);
            return length;
        }
    }
}
