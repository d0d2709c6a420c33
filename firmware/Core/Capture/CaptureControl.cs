using NanoGate.Esp;
using NanoGate.Firmware.Cli;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Firmware.Capture
{
    /// <summary>
    /// The console side of the capture: <c>capture start|stop|export</c>, <c>capture keys enable</c>,
    /// <c>undo capture keys</c> and <c>display capture</c> (see <see cref="CaptureAction"/>). Export
    /// writes through the board's storage: <see cref="PcapFileName"/>, and, when keys were retained,
    /// Wireshark's <see cref="IsakmpKeyFileName"/> and <see cref="EspKeyFileName"/>.
    /// Results are lines separated by '\n'.
    /// </summary>
    public sealed class CaptureControl
    {
        /// <summary>The pcap file.</summary>
        public const string PcapFileName = "capture.pcap";

        /// <summary>Wireshark's IKEv1 decryption table (Preferences, Protocols, ISAKMP).</summary>
        public const string IsakmpKeyFileName = "ikev1_decryption_table";

        /// <summary>Wireshark's ESP SA table (Preferences, Protocols, ESP).</summary>
        public const string EspKeyFileName = "esp_sa";

        private readonly PacketCapture _capture;
        private readonly CaptureKeys _keys;
        private readonly EspEngine _esp;

        /// <summary>Controls <paramref name="capture"/> and <paramref name="keys"/>; <paramref name="esp"/> tells which SAs still live.</summary>
        public CaptureControl(PacketCapture capture, CaptureKeys keys, EspEngine esp)
        {
            _capture = capture;
            _keys = keys;
            _esp = esp;
        }

        /// <summary>Where export writes (null: the board has no storage).</summary>
        public IStorage Storage { get; set; }

        /// <summary>Carries out one <see cref="CaptureAction"/>; returns the lines to print.</summary>
        public string Execute(int action, int argument, long nowMs)
        {
            switch (action)
            {
                case CaptureAction.Start:
                    return Start(argument, nowMs);
                case CaptureAction.Stop:
                    return Stop();
                case CaptureAction.Export:
                    return Export();
                case CaptureAction.KeysEnable:
                    _keys.Enable();
                    return "Warning: From now on the keys of new IKE and IPsec SAs are kept in memory and written by capture export"
                        + " (" + IsakmpKeyFileName + ", " + EspKeyFileName + "): whoever has those files can decrypt the tunnel's traffic."
                        + "\nInfo: Not saved in the configuration; undo capture keys wipes them.";
                case CaptureAction.KeysDisable:
                    {
                        int n = _keys.IsakmpCount + _keys.EspCount;
                        _keys.Disable();
                        return "Info: Key export is off; " + n.ToString() + " retained key(s) wiped." + EmptyStaleKeyFiles();
                    }

                default:
                    return Display(nowMs);
            }
        }

        private string Start(int snapLength, long nowMs)
        {
            if (!_capture.Start(nowMs, snapLength == 0 ? PacketCapture.MaxSnapLength : snapLength))
            {
                return "Error: Not enough memory for a " + _capture.Capacity.ToString() + "-byte capture buffer.";
            }

            return "Info: Capture started (buffer " + _capture.Capacity.ToString() + " bytes, snap length "
                + _capture.SnapLength.ToString() + " bytes, stops when full).";
        }

        private string Stop()
        {
            bool was = _capture.IsRunning;
            _capture.Stop();
            return (was ? "Info: Capture stopped: " : "Info: Capture is not running: ") + Summary() + ".";
        }

        private string Export()
        {
            if (Storage == null)
            {
                return "Error: This board has no storage to export to.";
            }

            if (_capture.Buffer == null)
            {
                return "Error: Nothing captured yet (capture start).";
            }

            if (!Storage.Write(PcapFileName, _capture.Buffer, 0, _capture.Used))
            {
                return "Error: Writing " + PcapFileName + " failed.";
            }

            string result = "Info: Wrote " + PcapFileName + ": " + Summary() + " (times are since capture start).";
            if (!_keys.Enabled)
            {
                return result + EmptyStaleKeyFiles();
            }

            _keys.Prune(_esp);
            if (_keys.IsakmpCount + _keys.EspCount == 0)
            {
                return result + EmptyStaleKeyFiles() + "\nInfo: No keys retained (only SAs established after capture keys enable, while they live).";
            }

            if (!WriteTable(true) || !WriteTable(false))
            {
                return result + "\nError: Writing the key tables failed.";
            }

            return result + "\nWarning: Wrote " + IsakmpKeyFileName + " (" + _keys.IsakmpCount.ToString() + " ISAKMP SA(s)) and "
                + EspKeyFileName + " (" + _keys.EspCount.ToString() + " ESP SA(s)): they hold secret keys; delete them after use.";
        }

        private bool WriteTable(bool isakmp)
        {
            byte[] text = new byte[isakmp ? _keys.Ikev1TableBound : _keys.EspTableBound];
            int n = isakmp ? _keys.WriteIkev1Table(text) : _keys.WriteEspTable(text);
            bool ok = Storage.Write(isakmp ? IsakmpKeyFileName : EspKeyFileName, text, 0, n);
            FixedTime.Wipe(text);
            return ok;
        }

        /// <summary>Key tables of an earlier export must not outlive the switch: they are emptied.</summary>
        private string EmptyStaleKeyFiles()
        {
            if (Storage == null)
            {
                return "";
            }

            int emptied = 0;
            byte[] none = new byte[0];
            if (Storage.Length(IsakmpKeyFileName) > 0)
            {
                Storage.Write(IsakmpKeyFileName, none, 0, 0);
                emptied++;
            }

            if (Storage.Length(EspKeyFileName) > 0)
            {
                Storage.Write(EspKeyFileName, none, 0, 0);
                emptied++;
            }

            return emptied == 0 ? "" : "\nInfo: Key tables of an earlier export were emptied.";
        }

        private string Display(long nowMs)
        {
            string state;
            if (_capture.IsRunning)
            {
                state = "running for " + ((nowMs - _capture.StartedMs) / 1000).ToString() + " s";
            }
            else if (_capture.Buffer == null)
            {
                state = "never started";
            }
            else
            {
                state = _capture.IsFull ? "stopped (buffer full)" : "stopped";
            }

            _keys.Prune(_esp);
            return "Capture: " + state
                + "\nPackets: " + _capture.Packets.ToString() + ", file bytes: " + _capture.Used.ToString() + " of " + _capture.Capacity.ToString()
                + ", snap length: " + _capture.SnapLength.ToString()
                + "\nKey export: " + (_keys.Enabled
                    ? "enabled (" + _keys.IsakmpCount.ToString() + " ISAKMP SA(s), " + _keys.EspCount.ToString() + " ESP SA(s) retained)"
                    : "disabled");
        }

        private string Summary()
        {
            return _capture.Packets.ToString() + " packet(s), " + _capture.Used.ToString() + " bytes" + (_capture.IsFull ? ", buffer full" : "");
        }
    }
}
