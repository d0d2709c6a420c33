using System;
using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Proposal payload, RFC 2408 §3.5; only inside an SA payload. Next Payload is 2 (another
    /// proposal) or 0 (last). Transforms follow the SPI.
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !         Payload Length        !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !  Proposal #   !  Protocol-Id  !    SPI Size   !# of Transforms!
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !                        SPI (variable)                         !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// </summary>
    public static class ProposalPayload
    {
        public const int NumberOffset = 4;
        public const int ProtocolIdOffset = 5;
        public const int SpiSizeOffset = 6;
        public const int TransformCountOffset = 7;
        public const int SpiOffset = 8;
        public const int MinSize = 8;

        // Made once: a method group converted at each call would allocate a delegate.
        private static readonly ChildCheck s_checkTransform = TransformPayload.Check;

        /// <summary>
        /// Checks a proposal and all its transforms: SPI inside, transforms chained with type 3 and
        /// filling the rest exactly, their number equal to "# of Transforms". Returns the proposal
        /// length, or -1 with the error recorded.
        /// </summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, WireError error)
        {
            int length = ChildChain.CheckHeader(b, offset, count, PayloadType.SecurityAssociation, PayloadType.Proposal, MinSize, error);
            if (length < 0)
            {
                return -1;
            }

            int spiSize = SpiField.CheckInside(b, offset, length, PayloadType.Proposal, SpiSizeOffset, SpiOffset, error);
            if (spiSize < 0)
            {
                return -1;
            }

            int found = ChildChain.Check(b, offset + SpiOffset + spiSize, offset + length,
                PayloadType.Proposal, PayloadType.Transform, s_checkTransform, error);
            if (found < 0)
            {
                return -1;
            }

            int announced = b[offset + TransformCountOffset];
            if (found != announced)
            {
                error.Fail(WireError.TransformCountMismatch, PayloadType.Proposal, PayloadType.Transform, found, announced);
                return -1;
            }

            return length;
        }

        [FastPath]
        public static int GetNumber(byte[] b, int offset)
        {
            return b[offset + NumberOffset];
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
        public static int GetTransformCount(byte[] b, int offset)
        {
            return b[offset + TransformCountOffset];
        }

        /// <summary>The SPI as a number when it is 4 bytes (AH/ESP, RFC 2407 §4.5); else 0.</summary>
        [FastPath]
        public static uint GetSpi32(byte[] b, int offset)
        {
            return GetSpiSize(b, offset) == 4 ? BigEndian.ReadUInt32(b, offset + SpiOffset) : 0;
        }

        /// <summary>Offset of the first transform of a checked proposal.</summary>
        [FastPath]
        public static int GetFirstTransform(byte[] b, int offset)
        {
            return offset + SpiOffset + GetSpiSize(b, offset);
        }

        /// <summary>
        /// Writes the proposal header and SPI (length so far, Next Payload 0); transforms follow,
        /// then the caller sets the length. Returns 8 + SPI size, or -1.
        /// </summary>
        [FastPath]
        public static int WriteStart(byte[] b, int offset, int room, int number, int protocolId,
            byte[] spi, int spiOffset, int spiSize, int transformCount)
        {
            int length = SpiOffset + spiSize;
            if (spiSize < 0 || spiSize > 255 || GenericPayload.WriteHeader(b, offset, room, length) < 0)
            {
                return -1;
            }

            b[offset + NumberOffset] = (byte)number;
            b[offset + ProtocolIdOffset] = (byte)protocolId;
            b[offset + SpiSizeOffset] = (byte)spiSize;
            b[offset + TransformCountOffset] = (byte)transformCount;
            if (spiSize > 0)
            {
                Array.Copy(spi, spiOffset, b, offset + SpiOffset, spiSize);
            }

            return length;
        }
    }
}
