namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The per-tunnel actions the console hands to <see cref="IGatewayRuntime.Tunnel"/>, as
    /// strongSwan's <c>swanctl --initiate/--terminate/--rekey</c> for one ipsec policy.
    /// </summary>
    public static class TunnelAction
    {
        /// <summary><c>tunnel initiate NAME</c>: negotiate the policy's tunnel now (phase 1 first when needed).</summary>
        public const int Initiate = 1;

        /// <summary><c>tunnel terminate NAME</c>: delete its IPsec SA pairs, telling the peer.</summary>
        public const int Terminate = 2;

        /// <summary><c>tunnel rekey NAME</c>: renew its pair now, make-before-break.</summary>
        public const int Rekey = 3;
    }
}
