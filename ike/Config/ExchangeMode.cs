namespace NanoGate.Ike.Config
{
    /// <summary>The phase 1 exchange a peer uses (RFC 2409 §5).</summary>
    public enum ExchangeMode
    {
        /// <summary>Main mode: six messages, identities encrypted (identity protection, exchange type 2).</summary>
        Main = 0,

        /// <summary>Aggressive mode: three messages, identities in the clear (exchange type 4); for peers with dynamic addresses.</summary>
        Aggressive = 1,
    }
}
