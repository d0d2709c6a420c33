using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// NAT-Discovery payload, RFC 3947 §3.2 (type 20; 130 with draft-ietf-ipsec-nat-t-ike-02/03):
    /// HASH(CKY-I | CKY-R | IP | Port) with the negotiated hash.
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !         Payload Length        !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ~                 HASH of the address and port                  ~
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// </summary>
    public static class NatDPayload
    {
        public const int DataOffset = 4;
        public const int MinSize = 5;

        /// <summary>Checks length; <paramref name="type"/> is 20 or 130. Returns the length or -1.</summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, int type, WireError error)
        {
            return GenericPayload.Check(b, offset, count, type, MinSize, error);
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

        /// <summary>Writes the payload with the hash; returns its length, or -1.</summary>
        [FastPath]
        public static int Write(byte[] b, int offset, int room, byte[] hash, int hashOffset, int hashLength)
        {
            if (hashLength < 1)
            {
                return -1;
            }

            return GenericPayload.WriteOpaque(b, offset, room, hash, hashOffset, hashLength);
        }
    }
}
