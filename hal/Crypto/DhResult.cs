namespace NanoGate.Hal.Crypto
{
    /// <summary>Outcome of a Diffie-Hellman agreement; peer input never throws.</summary>
    public enum DhResult
    {
        /// <summary>The shared secret was written.</summary>
        Ok = 0,

        /// <summary>The peer's public value has the wrong length for the group.</summary>
        BadLength = 1,

        /// <summary>MODP: the value is outside 1 &lt; y &lt; p-1 (RFC 2631 §2.1.5 style check).</summary>
        OutOfRange = 2,

        /// <summary>ECP: the point is not on the curve (RFC 5903 §7 validation).</summary>
        NotOnCurve = 3,
    }
}
