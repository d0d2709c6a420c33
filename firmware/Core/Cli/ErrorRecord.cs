using NanoGate.Hal;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The error-info record the gateway prints (with <c>debugging ikev1 error</c>) and keeps:
    /// "Ikev1 error-info record(peer address: 203.0.113.2, error reason: phase1 proposal mismatch)".
    /// </summary>
    public static class ErrorRecord
    {
        /// <summary>Number of <see cref="IkeErrorReason"/> values.</summary>
        public const int ReasonCount = 11;

        /// <summary>The record text.</summary>
        public static string Format(uint peerAddress, IkeErrorReason reason)
        {
            return "Ikev1 error-info record(peer address: " + Ipv4.Format(peerAddress) + ", error reason: " + ReasonText(reason) + ")";
        }

        /// <summary>The reason in operators' words.</summary>
        public static string ReasonText(IkeErrorReason reason)
        {
            switch (reason)
            {
                case IkeErrorReason.Phase1ProposalMismatch:
                    return "phase1 proposal mismatch";
                case IkeErrorReason.AuthenticationFailed:
                    return "authentication failed / pre-shared key mismatch";
                case IkeErrorReason.PeerAddressMismatch:
                    return "peer address mismatch";
                case IkeErrorReason.ConfigIdMismatch:
                    return "config ID mismatch";
                case IkeErrorReason.FlowMismatch:
                    return "flow mismatch";
                case IkeErrorReason.Phase2ProposalOrPfsMismatch:
                    return "phase2 proposal or pfs mismatch";
                case IkeErrorReason.MalformedPayload:
                    return "malformed payload";
                case IkeErrorReason.DpdTimeout:
                    return "dpd timeout";
                case IkeErrorReason.ResourceLimit:
                    return "resource limit (table, half-open, DH)";
                case IkeErrorReason.ExchangeModeMismatch:
                    return "exchange mode mismatch";
                default:
                    return "peer timeout";
            }
        }

        /// <summary>"[   12.345] " uptime prefix of debugging output, from run-loop milliseconds.</summary>
        public static string Stamp(long nowMs)
        {
            string seconds = (nowMs / 1000).ToString();
            string ms = (nowMs % 1000).ToString();
            while (ms.Length < 3)
            {
                ms = "0" + ms;
            }

            string s = seconds + "." + ms;
            while (s.Length < 10)
            {
                s = " " + s;
            }

            return "[" + s + "] ";
        }
    }
}
