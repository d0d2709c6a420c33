using NanoGate.Esp;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Config;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The run loop's hook for the IKE daemon (RFC 2409 phase 1 and quick mode). The daemon is
    /// adapted to this interface at merge; until then <see cref="Gateway.KeyExchange"/> is null, the
    /// gateway runs without key exchange and <c>display ike sa</c> shows an empty table.
    /// <para>
    /// The adapter gets the board's port 500 and 4500 transports at construction to send (on 4500 it
    /// writes the non-ESP marker first, RFC 3948 §2.2), and installs the negotiated SAs with
    /// <see cref="Gateway.InstallSaPair"/> (its SPIs reserved with <see cref="Gateway.Esp"/>'s
    /// ReserveInboundSpi). Every call comes from the run loop's one thread.
    /// </para>
    /// </summary>
    public interface IKeyExchange
    {
        /// <summary>
        /// One ISAKMP message: from port 500 as received, from port 4500 after the non-ESP marker
        /// (<paramref name="offset"/> is past it). <paramref name="localPort"/> is 500 or 4500.
        /// The buffer is reused after the call returns; copy what must be kept.
        /// </summary>
        void HandleDatagram(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort, int localPort, long nowMs);

        /// <summary>
        /// A new configuration, <paramref name="diff"/> saying what changed from the one before: the
        /// SAs of removed and changed peers are deleted (the peers are told), added and changed peers
        /// are set up; others keep their SAs. <see cref="ConfigDiff.Everything"/> starts afresh.
        /// </summary>
        void Configure(GatewayConfiguration applied, ConfigDiff diff, long nowMs);

        /// <summary>Timers: retransmissions, DPD, NAT keepalives, phase 1 lifetimes. Called every run-loop pass.</summary>
        void Poll(long nowMs);

        /// <summary>A protect policy has no SA (RFC 4301 §5.1 "acquire"): start quick mode (and phase 1 if needed).</summary>
        void OnAcquire(int policyId, long nowMs);

        /// <summary>A data-path event other than acquire: <see cref="EspEventKind.Rekey"/>, <see cref="EspEventKind.Expired"/>, <see cref="EspEventKind.PeerMoved"/>.</summary>
        void OnSaEvent(EspEventKind kind, uint spi, bool inbound, int policyId, long nowMs);

        /// <summary>Rows of <c>display ike sa</c> (phase 1 SAs and phase 2 negotiations).</summary>
        int SaCount { get; }

        /// <summary>The i-th row.</summary>
        IIkeSaView GetSa(int index);

        /// <summary>Counters for <c>display ike statistics</c>.</summary>
        IIkeStatisticsView Statistics { get; }

        /// <summary>Deletes IKE SA <paramref name="connId"/> (0 = all) with delete notifications; how many went.</summary>
        int Reset(int connId, long nowMs);

        /// <summary>Deletes every IPsec SA pair it negotiated, with Delete payloads to the peers (<c>reset ipsec sa</c>); how many went.</summary>
        int ResetIpsec(long nowMs);

        /// <summary>The gateway stops: every SA is deleted and the peers are told (RFC 2408 §4.8), so they do not wait for DPD.</summary>
        void Shutdown(long nowMs);

        /// <summary><c>reset ike statistics</c>.</summary>
        void ResetStatistics();

        /// <summary><c>tunnel initiate|terminate|rekey NAME</c> (<see cref="TunnelAction"/>); the lines to print.</summary>
        string Tunnel(int action, string policyName, long nowMs);

        /// <summary><c>display ike offline-info</c>: the lines to print.</summary>
        string OfflineInfo();
    }
}
