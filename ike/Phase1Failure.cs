namespace NanoGate.Ike
{
    /// <summary>Human texts of <see cref="Phase1FailureReason"/> for error records, logs and the console.</summary>
    public static class Phase1Failure
    {
        /// <summary>The error record text of a reason.</summary>
        public static string Text(Phase1FailureReason reason)
        {
            switch (reason)
            {
                case Phase1FailureReason.ProposalMismatch:
                    return "phase1 proposal mismatch";
                case Phase1FailureReason.AuthenticationFailed:
                    return "authentication failed: pre-shared key mismatch or wrong identity";
                case Phase1FailureReason.PeerAddressMismatch:
                    return "peer address mismatch";
                case Phase1FailureReason.ConfigIdMismatch:
                    return "config ID mismatch";
                case Phase1FailureReason.MalformedPayload:
                    return "malformed payload (a wrong pre-shared key usually shows as garbage after decryption)";
                case Phase1FailureReason.PeerTimeout:
                    return "peer timeout";
                case Phase1FailureReason.ExchangeModeMismatch:
                    return "exchange mode mismatch";
                case Phase1FailureReason.ResourceLimit:
                    return "resource limit: SA table full, half-open caps reached or responder DH budget spent";
                default:
                    return "none";
            }
        }
    }
}
