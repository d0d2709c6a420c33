namespace NanoGate.Firmware.Gateway
{
    // Start-up, the same on every board (the device's Main, `nanogate run` on Linux):
    //
    //  1. Power-on self-test (device): byte order, clock, random source, crypto known answers.
    //  2. The gateway over the board's hal pieces.
    //  3. The startup configuration: from the board's storage on the device (startup.cfg, written
    //     by `save`), from a file on the host. Missing or rejected: the device runs with an empty
    //     configuration so the console can put it right; the host refuses to start.
    //  4. The IKEv1 key exchange on UDP 500/4500, only if the self-test passed: no key is made
    //     with a crypto provider or random source that failed its checks.
    //  5. Gateway.Start: LEDs and the console banner. Then the board's loop calls RunOnce.

    /// <summary>Builds a running gateway from a board (see the flow above).</summary>
    public static class GatewayStartup
    {
        /// <summary>
        /// The device's power-on: steps 1-5 with the configuration from <see cref="GatewayBoard.Storage"/>.
        /// Never fails: a device must stay reachable on its console; <paramref name="report"/> says what is missing.
        /// </summary>
        public static Gateway PowerOn(GatewayBoard board, ILineWriter report)
        {
            report.WriteLine("NanoGate on " + board.Name + ": power-on self-test");
            bool healthy = new SelfTest(report).Run(board.Clock, board.Random, board.Crypto);
            var gateway = new Gateway(board);
            if (board.Storage == null)
            {
                report.WriteLine("Info: This board has no configuration storage; starting with an empty configuration.");
            }
            else if (!gateway.LoadStartupFromStorage(report))
            {
                report.WriteLine("Info: Running with an empty configuration: configure on the console, then 'save'.");
            }

            if (healthy && board.Crypto != null)
            {
                AttachKeyExchange(gateway);
            }
            else
            {
                report.WriteLine("Error: The self-test failed: no IKE key exchange (no keys with a failed crypto or random source).");
            }

            gateway.Start(board.Clock.NowMs);
            return gateway;
        }

        /// <summary>
        /// Steps 2-4 with the configuration text given (the host's --config file); null when the
        /// text is rejected (the line-numbered report went to <paramref name="report"/>).
        /// </summary>
        public static Gateway Create(GatewayBoard board, string startupText, ILineWriter report)
        {
            var gateway = new Gateway(board);
            if (!gateway.LoadStartup(startupText, report))
            {
                return null;
            }

            AttachKeyExchange(gateway);
            return gateway;
        }

        private static void AttachKeyExchange(Gateway gateway)
        {
            // IKEv1 (main/aggressive mode, quick mode) on the board's UDP 500 and 4500.
            gateway.KeyExchange = new IkeKeyExchange(gateway);
        }
    }
}
