namespace NanoGate.Firmware.Cli
{
    /// <summary>The packet capture actions the console hands to <see cref="IGatewayRuntime.Capture"/>.</summary>
    public static class CaptureAction
    {
        /// <summary><c>capture start [snaplen N]</c>: clear and start (argument: snap length, 0 = default).</summary>
        public const int Start = 1;

        /// <summary><c>capture stop</c>.</summary>
        public const int Stop = 2;

        /// <summary><c>capture export</c>: write capture.pcap (and the key tables when retained).</summary>
        public const int Export = 3;

        /// <summary><c>capture keys enable</c>: retain the keys of SAs established from now on.</summary>
        public const int KeysEnable = 4;

        /// <summary><c>undo capture keys</c>: stop retaining, wipe what was retained.</summary>
        public const int KeysDisable = 5;

        /// <summary><c>display capture</c>.</summary>
        public const int Display = 6;
    }
}
