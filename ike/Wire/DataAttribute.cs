using System;
using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Data attribute, RFC 2408 §3.3, in its two forms: TV (AF = 1, 16-bit value in the header)
    /// and TLV (AF = 0, Attribute Length bytes follow; used for variable-length values such as
    /// life durations, RFC 2409 Appendix A).
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !A!       Attribute Type        !    AF=0  Attribute Length     !
    /// !F!                             !    AF=1  Attribute Value      !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// .                   AF=0  Attribute Value                       .
    /// .                   AF=1  Not Transmitted                       .
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// </summary>
    public static class DataAttribute
    {
        public const int TypeOffset = 0;
        public const int LengthOrValueOffset = 2;
        public const int HeaderSize = 4;

        /// <summary>The AF bit: set = TV (basic), clear = TLV (variable).</summary>
        public const int FormatTv = 0x8000;

        /// <summary>
        /// Returns the attribute's total length (4 for TV, 4 + Attribute Length for TLV) when it fits
        /// in <paramref name="count"/> bytes, else -1.
        /// </summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count)
        {
            if (count < HeaderSize)
            {
                return -1;
            }

            int length = GetTotalLength(b, offset);
            return length <= count ? length : -1;
        }

        /// <summary>Total length (header + value) of a checked attribute.</summary>
        [FastPath]
        public static int GetTotalLength(byte[] b, int offset)
        {
            if ((b[offset] & 0x80) != 0)
            {
                return HeaderSize;
            }

            return HeaderSize + BigEndian.ReadUInt16(b, offset + LengthOrValueOffset);
        }

        /// <summary>Attribute type without the AF bit.</summary>
        [FastPath]
        public static int GetType(byte[] b, int offset)
        {
            return BigEndian.ReadUInt16(b, offset) & 0x7FFF;
        }

        [FastPath]
        public static bool IsTv(byte[] b, int offset)
        {
            return (b[offset] & 0x80) != 0;
        }

        /// <summary>Where the value bytes start: the 16-bit field for TV, after the header for TLV.</summary>
        [FastPath]
        public static int GetValueOffset(byte[] b, int offset)
        {
            return IsTv(b, offset) ? offset + LengthOrValueOffset : offset + HeaderSize;
        }

        /// <summary>Number of value bytes: 2 for TV, Attribute Length for TLV.</summary>
        [FastPath]
        public static int GetValueLength(byte[] b, int offset)
        {
            return IsTv(b, offset) ? 2 : BigEndian.ReadUInt16(b, offset + LengthOrValueOffset);
        }

        /// <summary>
        /// The value as a number, whichever form carries it (a TLV of 0..8 bytes, big-endian).
        /// False for longer TLV values; <paramref name="value"/> is then 0.
        /// </summary>
        [FastPath]
        public static bool TryGetValue(byte[] b, int offset, out ulong value)
        {
            value = 0;
            int n = GetValueLength(b, offset);
            if (n > 8)
            {
                return false;
            }

            int v = GetValueOffset(b, offset);
            for (int i = 0; i < n; i++)
            {
                value = (value << 8) | b[v + i];
            }

            return true;
        }

        /// <summary>Writes a TV attribute; returns 4, or -1 when it does not fit.</summary>
        [FastPath]
        public static int WriteTv(byte[] b, int offset, int room, int type, int value)
        {
            if (room < HeaderSize)
            {
                return -1;
            }

            BigEndian.WriteUInt16(b, offset, (ushort)(FormatTv | (type & 0x7FFF)));
            BigEndian.WriteUInt16(b, offset + LengthOrValueOffset, (ushort)value);
            return HeaderSize;
        }

        /// <summary>Writes a TLV attribute with the given value bytes; returns its length, or -1.</summary>
        [FastPath]
        public static int WriteTlv(byte[] b, int offset, int room, int type, byte[] value, int valueOffset, int valueLength)
        {
            int length = HeaderSize + valueLength;
            if (valueLength < 0 || valueLength > 0xFFFF || room < length)
            {
                return -1;
            }

            BigEndian.WriteUInt16(b, offset, (ushort)(type & 0x7FFF));
            BigEndian.WriteUInt16(b, offset + LengthOrValueOffset, (ushort)valueLength);
            Array.Copy(value, valueOffset, b, offset + HeaderSize, valueLength);
            return length;
        }

        /// <summary>
        /// Writes a number as a TLV of <paramref name="valueLength"/> bytes (1..8, big-endian), the
        /// form strongSwan uses for life durations above 65535. Returns its length, or -1.
        /// </summary>
        [FastPath]
        public static int WriteTlvNumber(byte[] b, int offset, int room, int type, ulong value, int valueLength)
        {
            int length = HeaderSize + valueLength;
            if (valueLength < 1 || valueLength > 8 || room < length)
            {
                return -1;
            }

            BigEndian.WriteUInt16(b, offset, (ushort)(type & 0x7FFF));
            BigEndian.WriteUInt16(b, offset + LengthOrValueOffset, (ushort)valueLength);
            for (int i = valueLength - 1; i >= 0; i--)
            {
                b[offset + HeaderSize + i] = (byte)value;
                value >>= 8;
            }

            return length;
        }
    }
}
