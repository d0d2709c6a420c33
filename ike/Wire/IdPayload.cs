using System;
using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Identification payload, RFC 2408 §3.8 with the IPsec DOI layout of RFC 2407 §4.6.2.
    /// Fixed-size ID types must carry exactly their size (IPV4_ADDR 4, IPV4_ADDR_SUBNET and
    /// IPV4_ADDR_RANGE 8, ...); others at least one byte. Otherwise INVALID-ID-INFORMATION.
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !        Payload Length         !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !   ID Type     !  Protocol ID  !             Port              !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ~                     Identification Data                       ~
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// </summary>
    public static class IdPayload
    {
        public const int IdTypeOffset = 4;
        public const int ProtocolOffset = 5;
        public const int PortOffset = 6;
        public const int DataOffset = 8;
        public const int MinSize = 8;

        /// <summary>Checks length and the data size of the ID type; returns the payload length, or -1.</summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, WireError error)
        {
            int length = GenericPayload.Check(b, offset, count, PayloadType.Identification, MinSize, error);
            if (length < 0)
            {
                return -1;
            }

            int type = b[offset + IdTypeOffset];
            int data = length - DataOffset;
            int required = IdType.FixedDataLength(type);
            if (required < 0)
            {
                error.Fail(WireError.IdTypeUnknown, PayloadType.Identification, type, type, 0);
                return -1;
            }

            if ((required > 0 && data != required) || (required == 0 && data < 1))
            {
                error.Fail(WireError.IdDataLength, PayloadType.Identification, type, data, required);
                return -1;
            }

            return length;
        }

        [FastPath]
        public static int GetIdType(byte[] b, int offset)
        {
            return b[offset + IdTypeOffset];
        }

        /// <summary>IP protocol (0 = any), RFC 2407 §4.6.2.</summary>
        [FastPath]
        public static int GetProtocol(byte[] b, int offset)
        {
            return b[offset + ProtocolOffset];
        }

        [FastPath]
        public static int GetPort(byte[] b, int offset)
        {
            return BigEndian.ReadUInt16(b, offset + PortOffset);
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

        /// <summary>
        /// First IPv4 address (IPV4_ADDR, or the address/start of SUBNET and RANGE) as a number;
        /// 0 for other ID types, whose data may be shorter than 4 bytes (found by the fuzzer).
        /// </summary>
        [FastPath]
        public static uint GetIpv4(byte[] b, int offset)
        {
            int type = b[offset + IdTypeOffset];
            if (type != IdType.Ipv4Addr && type != IdType.Ipv4AddrSubnet && type != IdType.Ipv4AddrRange)
            {
                return 0;
            }

            return BigEndian.ReadUInt32(b, offset + DataOffset);
        }

        /// <summary>Second IPv4 value: the mask of IPV4_ADDR_SUBNET or the end of IPV4_ADDR_RANGE; 0 for other types.</summary>
        [FastPath]
        public static uint GetIpv4Second(byte[] b, int offset)
        {
            int type = b[offset + IdTypeOffset];
            if (type != IdType.Ipv4AddrSubnet && type != IdType.Ipv4AddrRange)
            {
                return 0;
            }

            return BigEndian.ReadUInt32(b, offset + DataOffset + 4);
        }

        /// <summary>Writes an ID payload with raw identification data; returns its length, or -1.</summary>
        [FastPath]
        public static int Write(byte[] b, int offset, int room, int idType, int protocol, int port,
            byte[] data, int dataOffset, int dataLength)
        {
            int length = DataOffset + dataLength;
            if (dataLength < 0 || GenericPayload.WriteHeader(b, offset, room, length) < 0)
            {
                return -1;
            }

            b[offset + IdTypeOffset] = (byte)idType;
            b[offset + ProtocolOffset] = (byte)protocol;
            BigEndian.WriteUInt16(b, offset + PortOffset, (ushort)port);
            Array.Copy(data, dataOffset, b, offset + DataOffset, dataLength);
            return length;
        }

        /// <summary>Writes an IPV4_ADDR (second = 0 ignored), IPV4_ADDR_SUBNET or IPV4_ADDR_RANGE ID; returns its length, or -1.</summary>
        [FastPath]
        public static int WriteIpv4(byte[] b, int offset, int room, int idType, int protocol, int port, uint first, uint second)
        {
            int data = idType == IdType.Ipv4Addr ? 4 : 8;
            int length = DataOffset + data;
            if (GenericPayload.WriteHeader(b, offset, room, length) < 0)
            {
                return -1;
            }

            b[offset + IdTypeOffset] = (byte)idType;
            b[offset + ProtocolOffset] = (byte)protocol;
            BigEndian.WriteUInt16(b, offset + PortOffset, (ushort)port);
            BigEndian.WriteUInt32(b, offset + DataOffset, first);
            if (data == 8)
            {
                BigEndian.WriteUInt32(b, offset + DataOffset + 4, second);
            }

            return length;
        }
    }
}
