using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// The payloads that are a generic header and opaque data, nothing else:
    /// Key Exchange (RFC 2408 §3.7: g^x, left-padded to the modulus), Hash (§3.11: prf output,
    /// RFC 2409 §5), Signature (§3.12), Vendor ID (§3.16: usually an MD5 hash) and NAT-Discovery
    /// (RFC 3947 §3.2, type 20, or 130 with draft-ietf-ipsec-nat-t-ike-02/03:
    /// HASH(CKY-I | CKY-R | IP | Port) with the negotiated hash).
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !         Payload Length        !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ~                           Data                                ~
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// One view serves all five; the payload type is checked by <see cref="Check"/>.
    /// </summary>
    public static class OpaquePayload
    {
        public const int DataOffset = 4;
        public const int MinSize = 5;

        /// <summary>Checks type <paramref name="payloadType"/>'s length; returns the payload length, or -1 with the error recorded.</summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, int payloadType, WireError error)
        {
            return GenericPayload.Check(b, offset, count, payloadType, MinSize, error);
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
