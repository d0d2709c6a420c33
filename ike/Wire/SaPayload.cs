using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Security Association payload, RFC 2408 §3.4, with the IPsec DOI situation (RFC 2407 §4.6.1).
    /// Only DOI 1 with SIT_IDENTITY_ONLY is accepted: secrecy/integrity labels are not supported.
    /// <code>
    ///                      1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ! Next Payload  !   RESERVED    !         Payload Length        !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !              Domain of Interpretation  (DOI)                  !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// !                           Situation                           !
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ~                   Proposal payloads ...                       ~
    /// </code>
    /// </summary>
    public static class SaPayload
    {
        public const int DoiOffset = 4;
        public const int SituationOffset = 8;
        public const int ProposalsOffset = 12;
        public const int MinSize = 12;

        /// <summary>IPsec DOI (RFC 2407 §4.2).</summary>
        public const uint DoiIpsec = 1;

        /// <summary>SIT_IDENTITY_ONLY (RFC 2407 §4.2).</summary>
        public const uint SituationIdentityOnly = 1;

        // Made once: a method group converted at each call would allocate a delegate.
        private static readonly ChildCheck s_checkProposal = ProposalPayload.Check;

        /// <summary>
        /// Checks the SA payload, every proposal and every transform in it. Returns the payload
        /// length, or -1 with the error recorded.
        /// </summary>
        [FastPath]
        public static int Check(byte[] b, int offset, int count, WireError error)
        {
            int length = GenericPayload.Check(b, offset, count, PayloadType.SecurityAssociation, MinSize, error);
            if (length < 0)
            {
                return -1;
            }

            uint doi = BigEndian.ReadUInt32(b, offset + DoiOffset);
            if (doi != DoiIpsec)
            {
                error.Fail(WireError.DoiNotSupported, PayloadType.SecurityAssociation, 0, (int)doi, 0);
                return -1;
            }

            uint situation = BigEndian.ReadUInt32(b, offset + SituationOffset);
            if (situation != SituationIdentityOnly)
            {
                error.Fail(WireError.SituationNotSupported, PayloadType.SecurityAssociation, 0, (int)situation, 0);
                return -1;
            }

            int proposals = ChildChain.Check(b, offset + ProposalsOffset, offset + length,
                PayloadType.SecurityAssociation, PayloadType.Proposal, s_checkProposal, error);
            return proposals < 0 ? -1 : length;
        }

        [FastPath]
        public static uint GetDoi(byte[] b, int offset)
        {
            return BigEndian.ReadUInt32(b, offset + DoiOffset);
        }

        [FastPath]
        public static uint GetSituation(byte[] b, int offset)
        {
            return BigEndian.ReadUInt32(b, offset + SituationOffset);
        }

        /// <summary>Offset of the first proposal of a checked SA payload.</summary>
        [FastPath]
        public static int GetFirstProposal(int offset)
        {
            return offset + ProposalsOffset;
        }

        /// <summary>
        /// Offset of the proposal/transform after the one at <paramref name="offset"/>, or -1 when it
        /// was the last (its Next Payload is 0). Use on checked payloads only.
        /// </summary>
        [FastPath]
        public static int GetNextChild(byte[] b, int offset)
        {
            if (GenericPayload.GetNextPayload(b, offset) == PayloadType.None)
            {
                return -1;
            }

            return offset + GenericPayload.GetLength(b, offset);
        }

        /// <summary>
        /// Writes the SA header (generic header with length 12, DOI, situation). Proposals follow;
        /// the caller then sets the length (or uses <see cref="SaBuilder"/>). Returns 12 or -1.
        /// </summary>
        [FastPath]
        public static int WriteStart(byte[] b, int offset, int room, uint doi, uint situation)
        {
            if (GenericPayload.WriteHeader(b, offset, room, MinSize) < 0)
            {
                return -1;
            }

            BigEndian.WriteUInt32(b, offset + DoiOffset, doi);
            BigEndian.WriteUInt32(b, offset + SituationOffset, situation);
            return MinSize;
        }
    }
}
