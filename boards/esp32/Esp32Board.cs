using System;
using System.Device.Gpio;
using NanoGate.Boards.Drivers;
using NanoGate.Firmware.Config;
using NanoGate.Firmware;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using NanoGate.Firmware.Status;
using NanoGate.Hal;
using NanoGate.Hal.Crypto.Soft;
using nanoFramework.Runtime.Native;

namespace NanoGate.Boards.Esp32
{
    // The ESP32 board: every hal piece on the chip, from the board data compiled in
    // (boards/esp32/*/board.conf -> NanoGate.Boards.Drivers.BoardTable):
    //
    //   Clock    TickClock (Environment.TickCount64)
    //   Random   HardwareRandom (System.Random = esp_random), secure only with the entropy seam
    //   Crypto   PortableCryptoProvider (the native crypto component replaces it in a custom image)
    //   Console  UartLineDiscipline (echo, Backspace) on Esp32SerialPort: console_uart (COM2)
    //   Leds     BlinkingLeds on GpioLedPins (led_*_pin)
    //   Storage  AbStorage (two copies, sequence, CRC-32) on LittleFsFiles (I:)
    //   Ike/NatT Esp32UdpTransport on UDP 500 and 4500 over the RMII Ethernet (Esp32Wan)
    //   Lan      EthernetLanPort on the W5500 (MACRAW) on Esp32SpiBus (lan_spi_*)
    //
    // Start-up never throws for a missing part: a part that fails is left null (the gateway then
    // skips it) and the reason goes to the console, so the box stays reachable to be put right.
    // Without a secure random source the board refuses IKE and ESP: no UDP 500/4500 transports,
    // hence no key exchange and no tunnel; Attach then shows a fault on the SYS LED.

    /// <summary>
    /// Board support for the ESP32 Ethernet boards (WT32-ETH01, Olimex ESP32-POE): builds the
    /// <see cref="GatewayBoard"/> and, once the gateway runs, follows its configuration (WAN and LAN
    /// addressing) and the WAN link.
    /// </summary>
    public sealed class Esp32Board
    {
        /// <summary>ARP cache entries of the LAN port.</summary>
        public const int ArpEntries = 16;

        /// <summary>Packets held while their LAN next hop is resolved.</summary>
        public const int HoldSlots = 2;

        /// <summary>Largest stored blob (the startup configuration).</summary>
        public const int MaxBlob = 65536;

        private static Esp32Board s_current;

        private readonly BoardData _data;
        private readonly Esp32Wan _wan;
        private readonly EthernetLanPort _lan;
        private readonly bool _secure;

        private Esp32Board(BoardData data, Esp32Wan wan, EthernetLanPort lan, bool secure)
        {
            _data = data;
            _wan = wan;
            _lan = lan;
            _secure = secure;
        }

        /// <summary>
        /// The hardware entropy switch (see <see cref="IEntropySource"/>), set by the application
        /// before <see cref="Create()"/>; null: none, and the board refuses IKE and ESP.
        /// </summary>
        public static IEntropySource EntropySource { get; set; }

        /// <summary>The board <see cref="Create()"/> built last (null before).</summary>
        public static Esp32Board Current
        {
            get { return s_current; }
        }

        /// <summary>The board data in use.</summary>
        public BoardData Data
        {
            get { return _data; }
        }

        /// <summary>The LAN port (null when the LAN controller did not start).</summary>
        public EthernetLanPort Lan
        {
            get { return _lan; }
        }

        /// <summary>The board of the official image this runs on (SystemInfo.TargetName); the WT32-ETH01 for other images.</summary>
        public static GatewayBoard Create()
        {
            string name = BoardTable.ForTarget(SystemInfo.TargetName);
            return Create(name == null ? "wt32-eth01" : name);
        }

        /// <summary>The board named <paramref name="boardName"/> (a folder under boards/esp32).</summary>
        public static GatewayBoard Create(string boardName)
        {
            BoardData data = BoardTable.Find(boardName);
            if (data == null)
            {
                throw new ArgumentException("no such ESP32 board: " + boardName);
            }

            GatewayBoard board = new GatewayBoard();
            board.Name = data.Name;
            board.Clock = new TickClock();
            board.Crypto = new PortableCryptoProvider();
            board.Jobs = new ThreadJobRunner(); // Diffie-Hellman off the run loop (docs/IKE.md)
            board.ConsoleNewLine = "\r\n";
            board.ConsolePrompt = true;

            string problems = string.Empty;
            try
            {
                board.Console = new UartLineDiscipline(new Esp32SerialPort(data));
            }
            catch (Exception e)
            {
                problems += "Error: Console " + data.Text("console_uart") + " did not open: " + e.Message + "\r\n";
            }

            try
            {
                board.Leds = new BlinkingLeds(new GpioLedPins(new GpioController(), data));
            }
            catch (Exception e)
            {
                problems += "Error: LEDs: " + e.Message + "\r\n";
            }

            board.Storage = new AbStorage(new LittleFsFiles(), LittleFsFiles.Root, MaxBlob);

            IEntropySource entropy = EntropySource;
            bool secure = entropy != null && entropy.TryEnable();
            board.Random = new HardwareRandom(secure);

            Esp32Wan wan = null;
            try
            {
                wan = new Esp32Wan();
            }
            catch (Exception e)
            {
                problems += "Error: WAN Ethernet: " + e.Message + "\r\n";
            }

            if (!secure)
            {
                problems += "Error: No secure random source (the hardware entropy source is not enabled in this firmware image): IKE and ESP are refused.\r\n";
            }
            else
            {
                try
                {
                    board.Ike = new Esp32UdpTransport(500);
                    board.NatT = new Esp32UdpTransport(4500);
                }
                catch (Exception e)
                {
                    board.Ike = null;
                    board.NatT = null;
                    problems += "Error: UDP 500/4500: " + e.Message + "\r\n";
                }
            }

            EthernetLanPort lan = null;
            try
            {
                W5500 chip = new W5500(Esp32SpiBus.Open(data));
                W5500StartResult started = chip.TryStart(LanMac(wan, board.Random), 0);
                if (started == W5500StartResult.Ok)
                {
                    lan = new EthernetLanPort(chip, board.Clock, ArpEntries, HoldSlots, board.Mtu);
                    board.Lan = lan;
                }
                else
                {
                    problems += "Error: LAN controller " + data.Text("lan_chip") + " on SPI" + data.Text("lan_spi_bus") + ": "
                        + StartText(started) + "\r\n";
                }
            }
            catch (Exception e)
            {
                problems += "Error: LAN controller: " + e.Message + "\r\n";
            }

            if (board.Console != null && problems.Length > 0)
            {
                new SerialLineWriter(board.Console, string.Empty).Write(problems);
            }

            s_current = new Esp32Board(data, wan, lan, secure);
            return board;
        }

        /// <summary>
        /// Follows <paramref name="gateway"/>: applies the WAN and LAN addressing of its applied
        /// configuration now and whenever a new one is applied; shows a fault when the board
        /// refused IKE and ESP. Call once after the gateway is built.
        /// </summary>
        public void Attach(Gateway gateway)
        {
            gateway.Cli.ConfigurationApplied += OnConfigurationApplied;
            if (gateway.Cli.Applied != null)
            {
                OnConfigurationApplied(gateway.Cli.Applied);
            }

            if (!_secure)
            {
                gateway.Status.On(StatusEvent.Fault);
            }
        }

        /// <summary>Hands WAN link and address changes to the gateway's LED logic; call from the run loop.</summary>
        public void Service(Gateway gateway)
        {
            if (_wan != null)
            {
                _wan.Service(gateway.Status);
            }
        }

        private void OnConfigurationApplied(GatewayConfiguration applied)
        {
            if (_wan != null)
            {
                _wan.Apply(applied.WanDhcp, applied.WanAddress, applied.WanPrefixLength, applied.WanGateway);
            }

            if (_lan != null)
            {
                _lan.Configure(applied.LanAddress, applied.LanPrefixLength);
            }
        }

        // The LAN controller has no MAC address of its own. It gets the WAN interface's (unique,
        // from the ESP32's eFuse) turned into a locally administered unicast address (IEEE 802:
        // bit 1 of the first octet set, bit 0 clear), so it stays the same across reboots and LAN
        // hosts' ARP caches stay right; a random one only when the WAN interface is missing.
        private static byte[] LanMac(Esp32Wan wan, IRandomSource random)
        {
            byte[] wanMac = wan == null ? null : wan.MacAddress;
            byte[] mac = new byte[6];
            if (wanMac != null && wanMac.Length == 6)
            {
                Array.Copy(wanMac, 0, mac, 0, 6);
                if ((mac[0] & 0x02) != 0)
                {
                    mac[5] ^= 0x01; // already local: differ from the WAN in the last octet
                }
            }
            else
            {
                random.Fill(mac, 0, 6);
            }

            mac[0] = (byte)((mac[0] & 0xFC) | 0x02);
            return mac;
        }

        private static string StartText(W5500StartResult result)
        {
            switch (result)
            {
                case W5500StartResult.BusError:
                    return "the SPI bus refused the transfer";
                case W5500StartResult.ResetTimeout:
                    return "no answer to reset (check power, CS and SCLK)";
                case W5500StartResult.WrongVersion:
                    return "VERSIONR is not 0x04 (not a W5500, or MISO not connected)";
                default:
                    return "socket 0 did not open in MACRAW mode";
            }
        }
    }
}
