namespace NanoGate.Nat
{
    /// <summary>Which NAT-T specification a peer announced by vendor ID (RFC 3947 §3.1; drafts 02/03).</summary>
    public enum NatTVersion
    {
        /// <summary>No NAT-T vendor ID.</summary>
        None = 0,

        /// <summary>draft-ietf-ipsec-nat-t-ike-02 (also the "02\n" variant): NAT-D type 130.</summary>
        Draft02 = 2,

        /// <summary>draft-ietf-ipsec-nat-t-ike-03: NAT-D type 130.</summary>
        Draft03 = 3,

        /// <summary>RFC 3947: NAT-D type 20.</summary>
        Rfc3947 = 4,
    }
}
