namespace NanoGate.Firmware
{
    /// <summary>What <c>display version</c> and the banner say this firmware is.</summary>
    public static class FirmwareVersion
    {
        /// <summary>The firmware release (raised with each release of the appliance).</summary>
        public const string Version = "0.16.0";

        /// <summary>How this build was compiled (a debug build is slower and checks more).</summary>
#if DEBUG
        public const string Build = "debug";
#else
        public const string Build = "release";
#endif
    }
}
