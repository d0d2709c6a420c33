using NanoGate.Boards.Drivers;

namespace NanoGate.Boards.Tests.Esp32;

/// <summary>The WAN addressing is written (a flash write on nanoFramework) only when it differs from what the interface reports.</summary>
public sealed class WanAddressPlanTests
{
    private const uint Address = 0xCB007102; // 203.0.113.2
    private const uint Gateway = 0xCB007101;

    [Theory]
    [InlineData(true, "203.0.113.2", "255.255.255.0", "203.0.113.1", true, WanAction.None)]
    [InlineData(false, "203.0.113.2", "255.255.255.0", "203.0.113.1", true, WanAction.Dhcp)]
    [InlineData(false, "203.0.113.2", "255.255.255.0", "203.0.113.1", false, WanAction.None)]
    [InlineData(true, "203.0.113.2", "255.255.255.0", "203.0.113.1", false, WanAction.Static)]
    [InlineData(false, "203.0.113.9", "255.255.255.0", "203.0.113.1", false, WanAction.Static)]
    [InlineData(false, "203.0.113.2", "255.255.0.0", "203.0.113.1", false, WanAction.Static)]
    [InlineData(false, "203.0.113.2", "255.255.255.0", "0.0.0.0", false, WanAction.Static)]
    public void Only_a_difference_is_written(bool currentDhcp, string ip, string mask, string gw, bool wantDhcp, WanAction expected)
    {
        Assert.Equal(expected, WanAddressPlan.Decide(currentDhcp, ip, mask, gw, wantDhcp, Address, 24, Gateway));
    }

    [Fact]
    public void No_wan_address_configured_leaves_the_interface_alone()
    {
        Assert.Equal(WanAction.None, WanAddressPlan.Decide(true, "0.0.0.0", "0.0.0.0", "0.0.0.0", false, 0, 0, 0));
    }

    [Fact]
    public void Official_images_name_their_board()
    {
        Assert.Equal("wt32-eth01", BoardTable.ForTarget("ESP32_WT32_ETH01"));
        Assert.Equal("olimex-esp32-poe", BoardTable.ForTarget("ESP32_OLIMEX"));
        Assert.Equal("olimex-esp32-poe", BoardTable.ForTarget("ESP32_OLIMEX_WROVER"));
        Assert.Null(BoardTable.ForTarget("ESP32_REV3"));
        Assert.NotNull(BoardTable.Find(BoardTable.ForTarget("ESP32_WT32_ETH01")));
    }
}
