namespace NanoGate.Ike
{
    /// <summary>Vendor IDs we send besides NAT-T (<see cref="NanoGate.Nat.NatTVendorIds"/>).</summary>
    public static class VendorIds
    {
        /// <summary>Dead peer detection, RFC 3706 §3 (major 1, minor 0).</summary>
        public static readonly byte[] Dpd = NanoGate.Hal.Hex.Parse("afcad71368a1f1c96b8696fc77570100");
    }
}
