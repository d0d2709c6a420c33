using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Certificate Request payload, RFC 2408 §3.10: the same layout as CERT (a type byte, then the
    /// certificate authority, which may be empty).
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !         Payload Length        !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !  Cert. Type   !                                               !
    /// +-+-+-+-+-+-+-+-+                                               !
    /// ~                    Certificate Authority                      ~
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// </summary>
    public static class CertReqPayload
    {
        public const int CertTypeOffset = 4;
        public const int AuthorityOffset = 5;
        public const int MinSize = 5;

        /// <summary>Checks length; returns the payload length, or -1.</summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, WireError error)
        {
            return CertPayload.Check(b, offset, count, PayloadType.CertificateRequest, error);
        }

        [FastPath]
        public static int GetCertType(byte[] b, int offset)
        {
            return b[offset + CertTypeOffset];
        }

        [FastPath]
        public static int GetAuthorityOffset(int offset)
        {
            return offset + AuthorityOffset;
        }

        [FastPath]
        public static int GetAuthorityLength(byte[] b, int offset)
        {
            return GenericPayload.GetLength(b, offset) - AuthorityOffset;
        }

        /// <summary>Writes the payload; returns its length, or -1.</summary>
        [FastPath]
        public static int Write(byte[] b, int offset, int room, int certType, byte[] authority, int authorityOffset, int authorityLength)
        {
            return CertPayload.Write(b, offset, room, certType, authority, authorityOffset, authorityLength);
        }
    }
}
