using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// The SPI Size byte and the SPI it announces, as the Proposal (RFC 2408 §3.5) and Notification
    /// (§3.14) payloads carry them: the SPI must lie inside the payload. (A Delete's SPIs, §3.15,
    /// must fill it exactly; <see cref="DeletePayload"/> checks that.)
    /// </summary>
    public static class SpiField
    {
        /// <summary>
        /// Checks that the SPI whose size is at <paramref name="spiSizeOffset"/> and which starts at
        /// <paramref name="spiOffset"/> ends within the payload's <paramref name="length"/>. Returns
        /// the SPI size, or -1 with the error recorded against <paramref name="payloadType"/>.
        /// </summary>
        [FastPath]
        public static int CheckInside(byte[] b, int offset, int length, int payloadType, int spiSizeOffset, int spiOffset, WireError error)
        {
            int spiSize = b[offset + spiSizeOffset];
            if (spiOffset + spiSize > length)
            {
                error.Fail(WireError.SpiPastEnd, payloadType, 0, spiSize, length - spiOffset);
                return -1;
            }

            return spiSize;
        }
    }
}
