using System;
using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// IKEv1 fragment payload (type 132; Cisco's IKE fragmentation as implemented by strongSwan's
    /// fragment_payload.c; announced by the vendor ID 4048b7d56ebce88525e7de7f00d6c2d3). The data
    /// is a slice of the whole original message; numbers start at 1.
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !         Payload Length        !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !          Fragment ID          !  Fragment Num !     Flags     !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ~                         Fragment Data                         ~
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// </summary>
    public static class FragmentPayload
    {
        public const int FragmentIdOffset = 4;
        public const int NumberOffset = 6;
        public const int FlagsOffset = 7;
        public const int DataOffset = 8;
        public const int MinSize = 8;

        /// <summary>Flags bit: this is the last fragment.</summary>
        public const int FlagLast = 0x01;

        /// <summary>Checks length and a non-zero fragment number; returns the payload length, or -1.</summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, WireError error)
        {
            int length = GenericPayload.Check(b, offset, count, PayloadType.Fragment, MinSize, error);
            if (length < 0)
            {
                return -1;
            }

            if (b[offset + NumberOffset] == 0)
            {
                error.Fail(WireError.FragmentNumber, PayloadType.Fragment, 0, 0, 0);
                return -1;
            }

            return length;
        }

        [FastPath]
        public static int GetFragmentId(byte[] b, int offset)
        {
            return BigEndian.ReadUInt16(b, offset + FragmentIdOffset);
        }

        [FastPath]
        public static int GetNumber(byte[] b, int offset)
        {
            return b[offset + NumberOffset];
        }

        [FastPath]
        public static int GetFlags(byte[] b, int offset)
        {
            return b[offset + FlagsOffset];
        }

        [FastPath]
        public static bool IsLast(byte[] b, int offset)
        {
            return (b[offset + FlagsOffset] & FlagLast) != 0;
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

        /// <summary>Writes a fragment payload; returns its length, or -1.</summary>
        [FastPath]
        public static int Write(byte[] b, int offset, int room, int fragmentId, int number, int flags,
            byte[] data, int dataOffset, int dataLength)
        {
            int length = DataOffset + dataLength;
            if (dataLength < 0 || number < 1 || number > 255 || GenericPayload.WriteHeader(b, offset, room, length) < 0)
            {
                return -1;
            }

            BigEndian.WriteUInt16(b, offset + FragmentIdOffset, (ushort)fragmentId);
            b[offset + NumberOffset] = (byte)number;
            b[offset + FlagsOffset] = (byte)flags;
            Array.Copy(data, dataOffset, b, offset + DataOffset, dataLength);
            return length;
        }
    }
}
