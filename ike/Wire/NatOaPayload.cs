using System;
using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// NAT Original Address payload, RFC 3947 §5.2 (type 21; 131 with the drafts): an ID_IPV4_ADDR
    /// (4 bytes) or ID_IPV6_ADDR (16 bytes) address; other ID types are INVALID-ID-INFORMATION.
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !        Payload length         !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !    ID Type    !   RESERVED    !            RESERVED           !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !         IPv4 (4 octets) or IPv6 address (16 octets)           !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// </summary>
    public static class NatOaPayload
    {
        public const int IdTypeOffset = 4;
        public const int AddressOffset = 8;
        public const int MinSize = 12;

        /// <summary>Checks length and type; <paramref name="type"/> is 21 or 131. Returns the length, or -1.</summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, int type, WireError error)
        {
            int length = GenericPayload.Check(b, offset, count, type, MinSize, error);
            if (length < 0)
            {
                return -1;
            }

            int idType = b[offset + IdTypeOffset];
            int data = length - AddressOffset;
            if (idType != IdType.Ipv4Addr && idType != IdType.Ipv6Addr)
            {
                error.Fail(WireError.IdTypeUnknown, type, idType, idType, 0);
                return -1;
            }

            int required = IdType.FixedDataLength(idType);
            if (data != required)
            {
                error.Fail(WireError.IdDataLength, type, idType, data, required);
                return -1;
            }

            return length;
        }

        [FastPath]
        public static int GetIdType(byte[] b, int offset)
        {
            return b[offset + IdTypeOffset];
        }

        [FastPath]
        public static int GetAddressOffset(int offset)
        {
            return offset + AddressOffset;
        }

        /// <summary>The IPv4 address of an ID_IPV4_ADDR NAT-OA; 0 for IPv6.</summary>
        [FastPath]
        public static uint GetIpv4(byte[] b, int offset)
        {
            return b[offset + IdTypeOffset] == IdType.Ipv4Addr ? BigEndian.ReadUInt32(b, offset + AddressOffset) : 0;
        }

        /// <summary>Writes an IPv4 NAT-OA; returns 12, or -1.</summary>
        [FastPath]
        public static int WriteIpv4(byte[] b, int offset, int room, uint address)
        {
            if (GenericPayload.WriteHeader(b, offset, room, MinSize) < 0)
            {
                return -1;
            }

            b[offset + IdTypeOffset] = (byte)IdType.Ipv4Addr;
            b[offset + IdTypeOffset + 1] = 0;
            b[offset + IdTypeOffset + 2] = 0;
            b[offset + IdTypeOffset + 3] = 0;
            BigEndian.WriteUInt32(b, offset + AddressOffset, address);
            return MinSize;
        }

        /// <summary>Writes a NAT-OA with a raw address of 4 or 16 bytes; returns its length, or -1.</summary>
        [FastPath]
        public static int Write(byte[] b, int offset, int room, int idType, byte[] address, int addressOffset, int addressLength)
        {
            int length = AddressOffset + addressLength;
            if (addressLength < 0 || GenericPayload.WriteHeader(b, offset, room, length) < 0)
            {
                return -1;
            }

            b[offset + IdTypeOffset] = (byte)idType;
            b[offset + IdTypeOffset + 1] = 0;
            b[offset + IdTypeOffset + 2] = 0;
            b[offset + IdTypeOffset + 3] = 0;
            Array.Copy(address, addressOffset, b, offset + AddressOffset, addressLength);
            return length;
        }
    }
}
