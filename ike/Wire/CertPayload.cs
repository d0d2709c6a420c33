using System;
using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Certificate payload, RFC 2408 §3.9 (encodings in §3.9: 4 = X.509 signature, ...).
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !         Payload Length        !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Cert Encoding !                                               !
    /// +-+-+-+-+-+-+-+-+                                               !
    /// ~                       Certificate Data                        ~
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// </summary>
    public static class CertPayload
    {
        public const int EncodingOffset = 4;
        public const int DataOffset = 5;
        public const int MinSize = 5;

        /// <summary>X.509 Certificate - Signature (RFC 2408 §3.9).</summary>
        public const int EncodingX509Signature = 4;

        /// <summary>
        /// Checks length; <paramref name="type"/> is 6 (CERT) or 7 (CERTREQ, same layout).
        /// Returns the payload length, or -1.
        /// </summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, int type, WireError error)
        {
            return GenericPayload.Check(b, offset, count, type, MinSize, error);
        }

        [FastPath]
        public static int GetEncoding(byte[] b, int offset)
        {
            return b[offset + EncodingOffset];
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

        /// <summary>Writes the payload; returns its length, or -1.</summary>
        [FastPath]
        public static int Write(byte[] b, int offset, int room, int encoding, byte[] data, int dataOffset, int dataLength)
        {
            int length = DataOffset + dataLength;
            if (dataLength < 0 || GenericPayload.WriteHeader(b, offset, room, length) < 0)
            {
                return -1;
            }

            b[offset + EncodingOffset] = (byte)encoding;
            Array.Copy(data, dataOffset, b, offset + DataOffset, dataLength);
            return length;
        }
    }
}
