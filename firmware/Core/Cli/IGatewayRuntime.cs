namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// What the console needs of the running gateway: snapshots to display and the few actions
    /// (reset, capture). The firmware implements it over the IKE and ESP objects; tests use fakes.
    /// Views returned must stay valid until the next call of the run loop (the console renders
    /// them at once, on the run loop's thread).
    /// </summary>
    public interface IGatewayRuntime
    {
        /// <summary>Number of IKE SA rows (phase 1 and phase 2).</summary>
        int IkeSaCount { get; }

        /// <summary>The i-th row.</summary>
        IIkeSaView GetIkeSa(int index);

        /// <summary>Number of IPsec SA pairs.</summary>
        int IpsecSaCount { get; }

        /// <summary>The i-th pair.</summary>
        IIpsecSaView GetIpsecSa(int index);

        /// <summary>IKE counters.</summary>
        IIkeStatisticsView IkeStatistics { get; }

        /// <summary>ESP counters.</summary>
        IEspStatisticsView EspStatistics { get; }

        /// <summary>Deletes the IKE SA <paramref name="connId"/> (0 = all), sending delete notifications; returns how many went.</summary>
        int ResetIkeSa(int connId);

        /// <summary>Deletes every IPsec SA; returns how many pairs went.</summary>
        int ResetIpsecSa();

        /// <summary>
        /// Packet capture: a <see cref="CaptureAction"/> (start with <paramref name="argument"/> =
        /// snap length or 0, stop, export, keys enable/disable, display). Returns the lines to
        /// print, separated by '\n'.
        /// </summary>
        string Capture(int action, int argument);

        /// <summary><c>reset ike statistics</c>: the IKE counters start again from 0.</summary>
        void ResetIkeStatistics();

        /// <summary>
        /// <c>tunnel initiate|terminate|rekey NAME</c> (a <see cref="TunnelAction"/>) for ipsec policy
        /// <paramref name="policyName"/>; returns the lines to print, separated by \n (an error starts with "Error:").
        /// </summary>
        string Tunnel(int action, string policyName);

        /// <summary><c>display ike offline-info</c>: the tunnels that went down, when and why (lines separated by \n).</summary>
        string OfflineInfo();

        /// <summary><c>display clock</c>: the date and time if SNTP set it, and the uptime (lines separated by \n).</summary>
        string Clock(long nowMs);

        /// <summary>
        /// <c>ping [-a SOURCE-IP] [-c COUNT] [-s SIZE] [-t TIMEOUT-MS] HOST</c> (<paramref name="arguments"/>:
        /// the words after ping). Returns null when the ping started (its lines follow while the run
        /// loop goes on, to the writer the console prints to now), else the "Error:" line.
        /// </summary>
        string Ping(string arguments, long nowMs);

        /// <summary>True while a command started earlier still runs (a ping): the consoles wait for it before the next line.</summary>
        bool CommandRunning { get; }

        /// <summary><c>display version</c>: firmware, build, board, crypto provider, uptime (lines separated by \n).</summary>
        string Version(long nowMs);
    }
}
