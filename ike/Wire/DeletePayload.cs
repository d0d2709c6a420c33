using System;
using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Delete payload, RFC 2408 §3.15: "# of SPIs" SPIs of "SPI Size" bytes each must fill the
    /// payload exactly. For ISAKMP the SPI is CKY-I | CKY-R (16 bytes).
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !         Payload Length        !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !              Domain of Interpretation  (DOI)                  !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !  Protocol-Id  !   SPI Size    !           # of SPIs           !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ~               Security Parameter Index(es) (SPI)              ~
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// </summary>
    public static class DeletePayload
    {
        public const int DoiOffset = 4;
        public const int ProtocolIdOffset = 8;
        public const int SpiSizeOffset = 9;
        public const int SpiCountOffset = 10;
        public const int SpisOffset = 12;
        public const int MinSize = 12;

        /// <summary>Checks length and SPI size x count; returns the payload length, or -1.</summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, WireError error)
        {
            int length = GenericPayload.Check(b, offset, count, PayloadType.Delete, MinSize, error);
            if (length < 0)
            {
                return -1;
            }

            int spiSize = b[offset + SpiSizeOffset];
            int spiCount = BigEndian.ReadUInt16(b, offset + SpiCountOffset);
            if (SpisOffset + (spiSize * spiCount) != length)
            {
                error.Fail(WireError.DeleteSpiCount, PayloadType.Delete, 0, length - SpisOffset, spiCount);
                return -1;
            }

            return length;
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
        public static int GetSpiCount(byte[] b, int offset)
        {
            return BigEndian.ReadUInt16(b, offset + SpiCountOffset);
        }

        /// <summary>Offset of SPI number <paramref name="index"/> (0-based) in a checked payload.</summary>
        [FastPath]
        public static int GetSpiOffset(byte[] b, int offset, int index)
        {
            return offset + SpisOffset + (index * GetSpiSize(b, offset));
        }

        /// <summary>Writes a delete with <paramref name="spiCount"/> SPIs taken back to back from <paramref name="spis"/>; returns its length, or -1.</summary>
        [FastPath]
        public static int Write(byte[] b, int offset, int room, uint doi, int protocolId, int spiSize, int spiCount,
            byte[] spis, int spisOffset)
        {
            if (spiSize < 0 || spiSize > 255 || spiCount < 0 || spiCount > 0xFFFF)
            {
                return -1;
            }

            int length = SpisOffset + (spiSize * spiCount);
            if (GenericPayload.WriteHeader(b, offset, room, length) < 0)
            {
                return -1;
            }

            BigEndian.WriteUInt32(b, offset + DoiOffset, doi);
            b[offset + ProtocolIdOffset] = (byte)protocolId;
            b[offset + SpiSizeOffset] = (byte)spiSize;
            BigEndian.WriteUInt16(b, offset + SpiCountOffset, (ushort)spiCount);
            Array.Copy(spis, spisOffset, b, offset + SpisOffset, spiSize * spiCount);
            return length;
        }
    }
}
