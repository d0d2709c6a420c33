using System;
using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// ISAKMP header, RFC 2408 §3.1. A view over byte[] + offset: constants name the fields,
    /// <see cref="Check"/> validates received bytes, accessors read after a successful check,
    /// <see cref="Write"/> builds into a caller buffer.
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !                          Initiator                            !
    /// !                            Cookie                             !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !                          Responder                            !
    /// !                            Cookie                             !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !  Next Payload ! MjVer ! MnVer ! Exchange Type !     Flags     !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !                          Message ID                           !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !                            Length                             !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// </summary>
    public static class IsakmpHeader
    {
        public const int InitiatorCookieOffset = 0;
        public const int ResponderCookieOffset = 8;
        public const int NextPayloadOffset = 16;
        public const int VersionOffset = 17;
        public const int ExchangeTypeOffset = 18;
        public const int FlagsOffset = 19;
        public const int MessageIdOffset = 20;
        public const int LengthOffset = 24;

        /// <summary>Header length in bytes.</summary>
        public const int Size = 28;

        public const int CookieSize = 8;

        /// <summary>E: the payloads after the header are encrypted (RFC 2408 §3.1).</summary>
        public const int FlagEncryption = 0x01;

        /// <summary>C: commit bit (RFC 2408 §3.1).</summary>
        public const int FlagCommit = 0x02;

        /// <summary>A: authentication only (RFC 2408 §3.1).</summary>
        public const int FlagAuthenticationOnly = 0x04;

        public const int MajorVersion = 1;
        public const int MinorVersion = 0;

        /// <summary>The 4 zero bytes before an IKE message on UDP 4500 (RFC 3948 §2.2): builders leave this headroom.</summary>
        public const int NonEspMarkerSize = 4;

        /// <summary>
        /// Checks a received message: header present, version 1.0, known exchange type, only E/C/A
        /// flags, non-zero initiator cookie, and a Length field equal to <paramref name="count"/>
        /// (RFC 2408 §5.2). Reads nothing outside [offset, offset + count).
        /// </summary>
        [FastPath]
        public static bool Check(byte[] b, int offset, int count, WireError error)
        {
            if (count < Size)
            {
                return error.Fail(WireError.MessageTooShort, 0, 0, count, Size);
            }

            int version = b[offset + VersionOffset];
            if ((version >> 4) != MajorVersion)
            {
                return error.Fail(WireError.BadMajorVersion, 0, 0, version >> 4, MajorVersion);
            }

            if ((version & 0x0F) != MinorVersion)
            {
                return error.Fail(WireError.BadMinorVersion, 0, 0, version & 0x0F, MinorVersion);
            }

            int exchange = b[offset + ExchangeTypeOffset];
            if (!ExchangeType.IsKnown(exchange))
            {
                return error.Fail(WireError.BadExchangeType, 0, 0, exchange, 0);
            }

            int flags = b[offset + FlagsOffset];
            if ((flags & ~(FlagEncryption | FlagCommit | FlagAuthenticationOnly)) != 0)
            {
                return error.Fail(WireError.BadFlags, 0, 0, flags, 0);
            }

            if (IsZeroCookie(b, offset + InitiatorCookieOffset))
            {
                return error.Fail(WireError.ZeroInitiatorCookie, 0, 0, 0, 0);
            }

            uint length = BigEndian.ReadUInt32(b, offset + LengthOffset);
            if (length != (uint)count)
            {
                // A length above int.MaxValue reports as -1; the reason still reads "unequal".
                return error.Fail(WireError.LengthMismatch, 0, 0, length > 0x7FFFFFFF ? -1 : (int)length, count);
            }

            return true;
        }

        /// <summary>True when the 8 bytes at <paramref name="offset"/> are all zero.</summary>
        [FastPath]
        public static bool IsZeroCookie(byte[] b, int offset)
        {
            int or = 0;
            for (int i = 0; i < CookieSize; i++)
            {
                or |= b[offset + i];
            }

            return or == 0;
        }

        [FastPath]
        public static ulong GetInitiatorCookie(byte[] b, int offset)
        {
            return BigEndian.ReadUInt64(b, offset + InitiatorCookieOffset);
        }

        [FastPath]
        public static ulong GetResponderCookie(byte[] b, int offset)
        {
            return BigEndian.ReadUInt64(b, offset + ResponderCookieOffset);
        }

        [FastPath]
        public static int GetNextPayload(byte[] b, int offset)
        {
            return b[offset + NextPayloadOffset];
        }

        [FastPath]
        public static int GetMajorVersion(byte[] b, int offset)
        {
            return b[offset + VersionOffset] >> 4;
        }

        [FastPath]
        public static int GetMinorVersion(byte[] b, int offset)
        {
            return b[offset + VersionOffset] & 0x0F;
        }

        [FastPath]
        public static int GetExchangeType(byte[] b, int offset)
        {
            return b[offset + ExchangeTypeOffset];
        }

        [FastPath]
        public static int GetFlags(byte[] b, int offset)
        {
            return b[offset + FlagsOffset];
        }

        [FastPath]
        public static uint GetMessageId(byte[] b, int offset)
        {
            return BigEndian.ReadUInt32(b, offset + MessageIdOffset);
        }

        [FastPath]
        public static uint GetLength(byte[] b, int offset)
        {
            return BigEndian.ReadUInt32(b, offset + LengthOffset);
        }

        /// <summary>
        /// Writes a header (version 1.0). Cookies come from byte arrays (8 bytes each at their offsets).
        /// Returns <see cref="Size"/>, or -1 when <paramref name="room"/> is too small.
        /// </summary>
        [FastPath]
        public static int Write(byte[] b, int offset, int room, byte[] initiatorCookie, int initiatorCookieOffset,
            byte[] responderCookie, int responderCookieOffset, int nextPayload, int exchangeType, int flags,
            uint messageId, int length)
        {
            if (room < Size)
            {
                return -1;
            }

            Array.Copy(initiatorCookie, initiatorCookieOffset, b, offset + InitiatorCookieOffset, CookieSize);
            Array.Copy(responderCookie, responderCookieOffset, b, offset + ResponderCookieOffset, CookieSize);
            b[offset + NextPayloadOffset] = (byte)nextPayload;
            b[offset + VersionOffset] = (byte)((MajorVersion << 4) | MinorVersion);
            b[offset + ExchangeTypeOffset] = (byte)exchangeType;
            b[offset + FlagsOffset] = (byte)flags;
            BigEndian.WriteUInt32(b, offset + MessageIdOffset, messageId);
            BigEndian.WriteUInt32(b, offset + LengthOffset, (uint)length);
            return Size;
        }

        [FastPath]
        public static void SetNextPayload(byte[] b, int offset, int nextPayload)
        {
            b[offset + NextPayloadOffset] = (byte)nextPayload;
        }

        [FastPath]
        public static void SetFlags(byte[] b, int offset, int flags)
        {
            b[offset + FlagsOffset] = (byte)flags;
        }

        [FastPath]
        public static void SetLength(byte[] b, int offset, int length)
        {
            BigEndian.WriteUInt32(b, offset + LengthOffset, (uint)length);
        }
    }
}
