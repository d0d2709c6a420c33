using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// What the peer's error notify (RFC 2408 §3.14.1) says about our phase 1 negotiation, in the
    /// operator's words: which <see cref="Phase1FailureReason"/> it is and what probably went wrong
    /// (a PAYLOAD-MALFORMED in answer to MM5 means the pre-shared keys differ, issue 20).
    /// </summary>
    internal static class Phase1Notifies
    {
        /// <summary>What an error notify says about a negotiation (None for status notifies, 16384 and up).</summary>
        internal static Phase1FailureReason ReasonOf(IkeSa sa, int type, out string detail)
        {
            detail = "peer sent " + NotifyType.Name(type);
            switch (type)
            {
                case NotifyType.NoProposalChosen:
                    detail += "; we offered: " + ProposalMatcher.DescribeConfig(sa.Peer);
                    return Phase1FailureReason.ProposalMismatch;
                case NotifyType.InvalidHashInformation:
                case NotifyType.AuthenticationFailed:
                    return Phase1FailureReason.AuthenticationFailed;
                case NotifyType.InvalidIdInformation:
                    if (sa.Mode == ExchangeMode.Aggressive && sa.State == IkeSaState.AggressiveSent)
                    {
                        // Our first message refused: its ID, or a responder whose peer for us uses main mode.
                        detail += " to our aggressive mode (a wrong ID, or the peer is configured for main mode)";
                    }

                    return Phase1FailureReason.ConfigIdMismatch;
                case NotifyType.PayloadMalformed:
                    if (sa.State == IkeSaState.MainAuth)
                    {
                        // The answer to MM5, our first message under the PSK-derived key (issue 20).
                        detail = "authentication failed (probable pre-shared key mismatch): " + detail + " in answer to our message 5";
                        return Phase1FailureReason.AuthenticationFailed;
                    }

                    detail += ": it could not decrypt our message, the pre-shared keys probably differ";
                    return Phase1FailureReason.MalformedPayload;
                default:
                    return type >= 16384 ? Phase1FailureReason.None : Phase1FailureReason.MalformedPayload;
            }
        }
    }
}
