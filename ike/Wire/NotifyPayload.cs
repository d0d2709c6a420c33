using System;
using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Notification payload, RFC 2408 §3.14. For DPD (RFC 3706 §5) the SPI is CKY-I | CKY-R
    /// (16 bytes) and the data a 32-bit sequence number.
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !         Payload Length        !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !              Domain of Interpretation  (DOI)                  !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !  Protocol-ID  !   SPI Size    !      Notify Message Type      !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ~                Security Parameter Index (SPI)                 ~
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ~                       Notification Data                       ~
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// The DOI is not checked here: RFC 2408 allows 0 (ISAKMP) for phase 1 notifies.
    /// </summary>
    public static class NotifyPayload
    {
        public const int DoiOffset = 4;
        public const int ProtocolIdOffset = 8;
        public const int SpiSizeOffset = 9;
        public const int NotifyTypeOffset = 10;
        public const int SpiOffset = 12;
        public const int MinSize = 12;

        /// <summary>Checks length and that the SPI lies inside; returns the payload length, or -1.</summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, WireError error)
        {
            int length = GenericPayload.Check(b, offset, count, PayloadType.Notification, MinSize, error);
            if (length < 0)
            {
                return -1;
            }

            return SpiField.CheckInside(b, offset, length, PayloadType.Notification, SpiSizeOffset, SpiOffset, error) < 0 ? -1 : length;
        }

        [FastPath]
        public static uint GetDoi(byte[] b, int offset)
        {
            return BigEndian.ReadUInt32(b, offset + DoiOffset);
        }

        [FastPath]
        public static int GetProtocolId(byte[] b, int offset)
        {
            return b[offset + ProtocolIdOffset];
        }

        [FastPath]
        public static int GetSpiSize(byte[] b, int offset)
        {
            return b[offset + SpiSizeOffset];
        }

        [FastPath]
        public static int GetNotifyType(byte[] b, int offset)
        {
            return BigEndian.ReadUInt16(b, offset + NotifyTypeOffset);
        }

        [FastPath]
        public static int GetSpiOffset(int offset)
        {
            return offset + SpiOffset;
        }

        [FastPath]
        public static int GetDataOffset(byte[] b, int offset)
        {
            return offset + SpiOffset + GetSpiSize(b, offset);
        }

        [FastPath]
        public static int GetDataLength(byte[] b, int offset)
        {
            return GenericPayload.GetLength(b, offset) - SpiOffset - GetSpiSize(b, offset);
        }

        /// <summary>
        /// Writes a notification; <paramref name="spi"/>/<paramref name="data"/> may be null when
        /// their sizes are 0. Returns its length, or -1.
        /// </summary>
        [FastPath]
        public static int Write(byte[] b, int offset, int room, uint doi, int protocolId, int notifyType,
            byte[] spi, int spiOffset, int spiSize, byte[] data, int dataOffset, int dataLength)
        {
            int length = SpiOffset + spiSize + dataLength;
            if (spiSize < 0 || spiSize > 255 || dataLength < 0 || GenericPayload.WriteHeader(b, offset, room, length) < 0)
            {
                return -1;
            }

            BigEndian.WriteUInt32(b, offset + DoiOffset, doi);
            b[offset + ProtocolIdOffset] = (byte)protocolId;
            b[offset + SpiSizeOffset] = (byte)spiSize;
            BigEndian.WriteUInt16(b, offset + NotifyTypeOffset, (ushort)notifyType);
            if (spiSize > 0)
            {
                Array.Copy(spi, spiOffset, b, offset + SpiOffset, spiSize);
            }

            if (dataLength > 0)
            {
                Array.Copy(data, dataOffset, b, offset + SpiOffset + spiSize, dataLength);
            }

            return length;
        }
    }
}
