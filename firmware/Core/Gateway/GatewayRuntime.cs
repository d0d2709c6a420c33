using NanoGate.Firmware.Cli;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The CLI's view of the running gateway: IPsec SA pairs and ESP counters from the engine, the
    /// IKE side from <see cref="Gateway.KeyExchange"/> (empty while there is none).
    /// </summary>
    public sealed class GatewayRuntime : IGatewayRuntime
    {
        private readonly Gateway _gateway;
        private readonly IpsecSaPairView[] _pairs;
        private readonly EspStatisticsView _esp;
        private readonly NoKeyExchangeStatistics _noIke;
        private int _pairCount;

        /// <summary>The runtime of <paramref name="gateway"/>.</summary>
        public GatewayRuntime(Gateway gateway)
        {
            _gateway = gateway;
            _pairs = new IpsecSaPairView[gateway.Esp.Sas.OutboundCapacity];
            for (int i = 0; i < _pairs.Length; i++)
            {
                _pairs[i] = new IpsecSaPairView();
            }

            _esp = new EspStatisticsView(gateway.Esp, gateway.Counters);
            _noIke = new NoKeyExchangeStatistics(gateway.Counters);
        }

        /// <inheritdoc/>
        public int IkeSaCount
        {
            get { return _gateway.KeyExchange == null ? 0 : _gateway.KeyExchange.SaCount; }
        }

        /// <inheritdoc/>
        public IIkeSaView GetIkeSa(int index)
        {
            return _gateway.KeyExchange == null ? null : _gateway.KeyExchange.GetSa(index);
        }

        /// <summary>Counts the live outbound SAs and points the views at them (the listing reads them next).</summary>
        public int IpsecSaCount
        {
            get
            {
                _pairCount = 0;
                for (int i = 0; i < _pairs.Length; i++)
                {
                    if (_gateway.Esp.GetOutbound(i) != null)
                    {
                        _pairs[_pairCount++].Set(_gateway, i);
                    }
                }

                return _pairCount;
            }
        }

        /// <inheritdoc/>
        public IIpsecSaView GetIpsecSa(int index)
        {
            return index < _pairCount ? _pairs[index] : null;
        }

        /// <inheritdoc/>
        public IIkeStatisticsView IkeStatistics
        {
            get { return _gateway.KeyExchange == null ? _noIke : _gateway.KeyExchange.Statistics; }
        }

        /// <inheritdoc/>
        public IEspStatisticsView EspStatistics
        {
            get { return _esp; }
        }

        /// <inheritdoc/>
        public string Ping(string arguments, long nowMs)
        {
            return _gateway.StartPing(arguments, nowMs);
        }

        /// <inheritdoc/>
        public bool CommandRunning
        {
            get { return _gateway.ConsoleBusy; }
        }

        /// <inheritdoc/>
        public int ResetIkeSa(int connId)
        {
            return _gateway.KeyExchange == null ? 0 : _gateway.KeyExchange.Reset(connId, _gateway.LastNowMs);
        }

        /// <inheritdoc/>
        public int ResetIpsecSa()
        {
            // Negotiated pairs go with a Delete to the peer; what is left (keyed by hand) just goes.
            int n = _gateway.KeyExchange == null ? 0 : _gateway.KeyExchange.ResetIpsec(_gateway.LastNowMs);
            return n + _gateway.RemoveAllSas();
        }

        /// <inheritdoc/>
        public string Capture(int action, int argument)
        {
            return _gateway.CaptureControl.Execute(action, argument, _gateway.LastNowMs);
        }

        /// <inheritdoc/>
        public void ResetIkeStatistics()
        {
            if (_gateway.KeyExchange != null)
            {
                _gateway.KeyExchange.ResetStatistics();
            }
        }

        /// <inheritdoc/>
        public string Tunnel(int action, string policyName)
        {
            return _gateway.KeyExchange == null
                ? "Error: No IKE key exchange in this build: tunnels are keyed by hand."
                : _gateway.KeyExchange.Tunnel(action, policyName, _gateway.LastNowMs);
        }

        /// <inheritdoc/>
        public string OfflineInfo()
        {
            return _gateway.KeyExchange == null ? "  IKE offline records: 0" : _gateway.KeyExchange.OfflineInfo();
        }

        /// <inheritdoc/>
        public string Version(long nowMs)
        {
            GatewayBoard board = _gateway.Board;
            long seconds = (nowMs - _gateway.StartedAtMs) / 1000;
            return "NanoGate firmware " + FirmwareVersion.Version + " (IKEv1, ESP)"
                + "\nBuild: " + FirmwareVersion.Build
                + "\nBoard: " + board.Name
                + "\nCrypto provider: " + (board.Crypto == null ? "none" : board.Crypto.Name)
                + "\nKey exchange: " + (_gateway.KeyExchange == null ? "none" : "ikev1")
                + "\nUptime: " + Uptime(seconds < 0 ? 0 : seconds);
        }

        /// <inheritdoc/>
        public string Clock(long nowMs)
        {
            WallClock wall = _gateway.WallClock;
            string uptime = "Uptime: " + Uptime((nowMs - _gateway.StartedAtMs) / 1000);
            if (!wall.IsSet)
            {
                return "Info: The clock is not set (no ntp-service unicast-server, or no answer yet): records carry the uptime.\n" + uptime;
            }

            return WallClock.Format(wall.UnixMs(nowMs)) + " (UTC, set by SNTP from " + wall.Source + " " + ((nowMs - wall.SetAtMs) / 1000).ToString() + " s ago)\n" + uptime;
        }

        /// <summary>"2 days 03:04:05" as VRP writes uptime in words and clock digits.</summary>
        public static string Uptime(long seconds)
        {
            long days = seconds / 86400;
            long rest = seconds % 86400;
            return days.ToString() + (days == 1 ? " day " : " days ") + Two(rest / 3600) + ":" + Two(rest % 3600 / 60) + ":" + Two(rest % 60);
        }

        private static string Two(long n)
        {
            return n < 10 ? "0" + n.ToString() : n.ToString();
        }
    }
}
