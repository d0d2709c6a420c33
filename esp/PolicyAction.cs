namespace NanoGate.Esp
{
    /// <summary>What an outbound policy does with matching packets (RFC 4301 §4.4.1: PROTECT, DISCARD).</summary>
    public enum PolicyAction
    {
        /// <summary>Encrypt with the policy's SA (acquire one when missing).</summary>
        Protect = 0,

        /// <summary>Drop and count.</summary>
        Discard = 1,
    }
}
