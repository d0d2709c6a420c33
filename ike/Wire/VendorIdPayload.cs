using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Vendor ID payload, RFC 2408 §3.16: a generic header and opaque data.
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !         Payload Length        !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ~                       Vendor ID (VID), usually an MD5 hash                      ~
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// </summary>
    public static class VendorIdPayload
    {
        public const int DataOffset = 4;
        public const int MinSize = 5;

        /// <summary>Checks length; returns the payload length, or -1 with the error recorded.</summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, WireError error)
        {
            return GenericPayload.Check(b, offset, count, PayloadType.VendorId, MinSize, error);
        }

        /// <summary>Offset of the data in a checked payload.</summary>
        [FastPath]
        public static int GetDataOffset(int offset)
        {
            return offset + DataOffset;
        }

        /// <summary>Number of data bytes in a checked payload.</summary>
        [FastPath]
        public static int GetDataLength(byte[] b, int offset)
        {
            return GenericPayload.GetLength(b, offset) - DataOffset;
        }

        /// <summary>Writes the payload (Next Payload 0); returns its length, or -1 when it does not fit.</summary>
        [FastPath]
        public static int Write(byte[] b, int offset, int room, byte[] data, int dataOffset, int dataLength)
        {
            if (dataLength < MinSize - DataOffset)
            {
                return -1;
            }

            return GenericPayload.WriteOpaque(b, offset, room, data, dataOffset, dataLength);
        }
    }
}
