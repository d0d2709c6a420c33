namespace NanoGate.Ike
{
    /// <summary>Life of an IPsec SA pair (<see cref="ChildSa"/>).</summary>
    public enum ChildSaState
    {
        /// <summary>Carries the tunnel's traffic.</summary>
        Installed = 1,

        /// <summary>Carries traffic; our quick mode for its successor is running.</summary>
        Rekeying = 2,

        /// <summary>
        /// Replaced (by our rekey, the peer's, or a collision's winner): its outbound is gone, its
        /// inbound still accepts what the peer sent before it switched, until it is deleted.
        /// </summary>
        Retired = 3,
    }
}
