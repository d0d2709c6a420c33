namespace NanoGate.Boards.Tests;

/// <summary>Every ESP32 board file (boards/esp32/*/board.conf) has the keys a board needs and uses no GPIO twice.</summary>
public sealed class Esp32BoardFileTests
{
    private static readonly string[] s_required =
    [
        "name", "mcu", "phy", "phy_address", "phy_mdc_pin", "phy_mdio_pin", "phy_power_pin", "phy_clock_mode", "phy_clock_pin",
        "rmii_pins", "debug_uart", "debug_tx_pin", "debug_rx_pin", "console_uart", "console_tx_pin", "console_rx_pin", "console_baud",
        "led_pwr_pin", "led_sys_pin", "led_wan_pin", "led_vpn_pin", "led_pstn_pin", "modem_uart", "modem_tx_pin", "modem_rx_pin",
        "lan_chip", "lan_spi_bus", "lan_spi_clock_hz", "lan_spi_clock_pin", "lan_spi_mosi_pin", "lan_spi_miso_pin", "lan_spi_cs_pin",
        "lan_int_pin", "lan_reset_pin",
    ];

    public static TheoryData<string> Boards()
    {
        var data = new TheoryData<string>();
        foreach (string dir in BoardDirectories())
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Fact]
    public void Both_boards_of_issue_8_are_there()
    {
        string[] boards = BoardDirectories().Select(d => Path.GetFileName(d)).ToArray();
        Assert.Contains("wt32-eth01", boards);
        Assert.Contains("olimex-esp32-poe", boards);
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Board_file_has_every_key_and_no_pin_twice(string board)
    {
        Dictionary<string, string> conf = Parse(Path.Combine(RepoPaths.Root, "boards", "esp32", board, "board.conf"));
        foreach (string key in s_required)
        {
            Assert.True(conf.ContainsKey(key), $"{board}: missing '{key}'");
        }

        Assert.Equal(board, conf["name"]);
        Assert.Equal("esp32", conf["mcu"]);
        Assert.Equal("lan8720", conf["phy"]);
        Assert.Equal("w5500", conf["lan_chip"]);
        Assert.Contains(conf["lan_spi_bus"], new[] { "1", "2" });
        Assert.InRange(int.Parse(conf["lan_spi_clock_hz"]), 1_000_000, 26_000_000); // 26 MHz: full duplex through the GPIO matrix
        Assert.InRange(int.Parse(conf["phy_address"]), 0, 31);
        Assert.Contains(conf["phy_clock_mode"], new[] { "gpio0-in", "gpio16-out", "gpio17-out" });
        Assert.Equal(conf["phy_clock_mode"] == "gpio0-in" ? 0 : int.Parse(conf["phy_clock_mode"][4..6]), int.Parse(conf["phy_clock_pin"]));

        var owner = new Dictionary<int, string>();
        foreach ((string key, string value) in conf)
        {
            if (!key.EndsWith("_pin", StringComparison.Ordinal) && !key.EndsWith("_pins", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (string part in value.Split(','))
            {
                int gpio = int.Parse(part.Trim());
                if (gpio < 0)
                {
                    continue;
                }

                Assert.InRange(gpio, 0, 39);
                Assert.False(owner.TryGetValue(gpio, out string? other), $"{board}: GPIO{gpio} used by {other} and {key}");
                owner[gpio] = key;
            }
        }

        // ESP32 GPIO34-39 are input-only: never an output (LED, TX, MDC, power, clock out, MOSI, SCLK, CS).
        foreach ((int gpio, string key) in owner)
        {
            if (gpio >= 34)
            {
                Assert.True(key.EndsWith("_rx_pin", StringComparison.Ordinal) || key.EndsWith("_miso_pin", StringComparison.Ordinal)
                    || key.EndsWith("_int_pin", StringComparison.Ordinal), $"{board}: input-only GPIO{gpio} used as {key}");
            }
        }
    }

    /// <summary>The board folders: those holding a board.conf (the folder also holds the device project's sources and build output).</summary>
    internal static IEnumerable<string> BoardDirectories() =>
        Directory.GetDirectories(Path.Combine(RepoPaths.Root, "boards", "esp32"))
            .Where(d => File.Exists(Path.Combine(d, "board.conf")))
            .Order(StringComparer.Ordinal);

    internal static Dictionary<string, string> Parse(string path)
    {
        var conf = new Dictionary<string, string>();
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int eq = line.IndexOf('=');
            Assert.True(eq > 0, $"{path}: not key = value: '{line}'");
            string key = line[..eq].Trim();
            Assert.False(conf.ContainsKey(key), $"{path}: '{key}' twice");
            conf[key] = line[(eq + 1)..].Trim();
        }

        return conf;
    }
}
