namespace NanoGate.Boards.Drivers
{
    /// <summary>
    /// The ESP32 board files (boards/esp32/*/board.conf) compiled in, key/value pairs in file
    /// order. Generated from the files: after editing one, update the pairs here;
    /// tests/Boards.Tests (BoardTableTests) fails when they differ and prints the expected text.
    /// </summary>
    public static class BoardTable
    {
        /// <summary>The boards' names.</summary>
        public static readonly string[] Names = new string[] { "olimex-esp32-poe", "wt32-eth01" };

        /// <summary>
        /// The board an official nanoFramework image is built for (SystemInfo.TargetName, see
        /// DEVICE-FACTS §1): ESP32_WT32_ETH01 is the WT32-ETH01, ESP32_OLIMEX and ESP32_OLIMEX_WROVER
        /// the Olimex ESP32-POE; null for any other target (name the board explicitly).
        /// </summary>
        public static string ForTarget(string targetName)
        {
            switch (targetName)
            {
                case "ESP32_WT32_ETH01":
                    return "wt32-eth01";
                case "ESP32_OLIMEX":
                case "ESP32_OLIMEX_WROVER":
                    return "olimex-esp32-poe";
                default:
                    return null;
            }
        }

        /// <summary>The data of board <paramref name="name"/>, or null when there is no such board.</summary>
        public static BoardData Find(string name)
        {
            switch (name)
            {
                case "olimex-esp32-poe":
                    return new BoardData(new string[]
                    {
                        "name", "olimex-esp32-poe",
                        "mcu", "esp32",
                        "phy", "lan8720",
                        "phy_address", "0",
                        "phy_mdc_pin", "23",
                        "phy_mdio_pin", "18",
                        "phy_power_pin", "12",
                        "phy_clock_mode", "gpio17-out",
                        "phy_clock_pin", "17",
                        "rmii_pins", "19,21,22,25,26,27",
                        "debug_uart", "COM1",
                        "debug_tx_pin", "1",
                        "debug_rx_pin", "3",
                        "console_uart", "COM2",
                        "console_tx_pin", "4",
                        "console_rx_pin", "36",
                        "console_baud", "115200",
                        "led_pwr_pin", "-1",
                        "led_sys_pin", "13",
                        "led_wan_pin", "16",
                        "led_vpn_pin", "32",
                        "led_pstn_pin", "-1",
                        "modem_uart", "COM3",
                        "modem_tx_pin", "33",
                        "modem_rx_pin", "39",
                        "lan_chip", "w5500",
                        "lan_spi_bus", "1",
                        "lan_spi_clock_hz", "20000000",
                        "lan_spi_clock_pin", "14",
                        "lan_spi_mosi_pin", "2",
                        "lan_spi_miso_pin", "15",
                        "lan_spi_cs_pin", "5",
                        "lan_int_pin", "-1",
                        "lan_reset_pin", "-1",
                    });
                case "wt32-eth01":
                    return new BoardData(new string[]
                    {
                        "name", "wt32-eth01",
                        "mcu", "esp32",
                        "phy", "lan8720",
                        "phy_address", "1",
                        "phy_mdc_pin", "23",
                        "phy_mdio_pin", "18",
                        "phy_power_pin", "16",
                        "phy_clock_mode", "gpio0-in",
                        "phy_clock_pin", "0",
                        "rmii_pins", "19,21,22,25,26,27",
                        "debug_uart", "COM1",
                        "debug_tx_pin", "1",
                        "debug_rx_pin", "3",
                        "console_uart", "COM2",
                        "console_tx_pin", "17",
                        "console_rx_pin", "5",
                        "console_baud", "115200",
                        "led_pwr_pin", "-1",
                        "led_sys_pin", "4",
                        "led_wan_pin", "32",
                        "led_vpn_pin", "33",
                        "led_pstn_pin", "-1",
                        "modem_uart", "COM3",
                        "modem_tx_pin", "12",
                        "modem_rx_pin", "35",
                        "lan_chip", "w5500",
                        "lan_spi_bus", "1",
                        "lan_spi_clock_hz", "20000000",
                        "lan_spi_clock_pin", "14",
                        "lan_spi_mosi_pin", "2",
                        "lan_spi_miso_pin", "36",
                        "lan_spi_cs_pin", "15",
                        "lan_int_pin", "-1",
                        "lan_reset_pin", "-1",
                    });
                default:
                    return null;
            }
        }
    }
}
