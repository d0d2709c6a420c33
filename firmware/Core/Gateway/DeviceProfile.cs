namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// Sizes for a board without PSRAM: an ESP32 leaves roughly 80-110 KB of managed heap after the
    /// runtime and ESP-IDF, and nanoCLR objects are larger than on .NET (about 12 bytes per field), so
    /// the gateway's fixed tables stay small. tests/Bench ("memory") measures what this profile
    /// retains after boot and with 1 and 8 tunnels up (docs/PERFORMANCE.md).
    /// </summary>
    public static class DeviceProfile
    {
        /// <summary>Packet slots: one in flight per direction plus room for a burst.</summary>
        public const int SlotCount = 4;

        /// <summary>SAs per direction: 8 tunnels, each with room for its make-before-break rekey.</summary>
        public const int MaxSas = 16;

        /// <summary>Policies (tunnels).</summary>
        public const int MaxPolicies = 8;

        /// <summary>ISAKMP SAs: 8 tunnels to up to 4 peers, with half-open room (issue 21's budget).</summary>
        public const int MaxIkeSas = 8;

        /// <summary>Capture buffer, allocated only at <c>capture start</c>.</summary>
        public const int CaptureBytes = 16384;

        /// <summary>Sets the profile's sizes and the device's proposal defaults (ECP-256, AES-GCM) on a board.</summary>
        public static void Apply(GatewayBoard board)
        {
            board.SlotCount = SlotCount;
            board.MaxSas = MaxSas;
            board.MaxPolicies = MaxPolicies;
            board.MaxIkeSas = MaxIkeSas;
            board.CaptureBytes = CaptureBytes;
            board.ProposalDefaults = NanoGate.Firmware.Config.ProposalDefaults.Device();
        }
    }
}
