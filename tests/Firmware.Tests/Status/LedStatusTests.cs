using NanoGate.Firmware.Status;
using NanoGate.Hal;

namespace NanoGate.Firmware.Tests.Status;

/// <summary>The LED rules of issue 8, one table row per situation.</summary>
public class LedStatusTests
{
    private sealed class RecordingLeds : ILeds
    {
        public List<(LedId, LedMode)> Sets { get; } = [];
        public void Set(LedId led, LedMode mode) => Sets.Add((led, mode));
        public void Tick(long nowMs) { }
    }

    // Events as "E" (system/WAN) or "T<i>:E" (tunnel i); then the expected SYS, WAN, VPN.
    [Theory]
    [InlineData(0, "", LedMode.SlowBlink, LedMode.Off, LedMode.Off)]
    [InlineData(0, "Running", LedMode.On, LedMode.Off, LedMode.Off)]
    [InlineData(0, "Running Fault", LedMode.FastBlink, LedMode.Off, LedMode.Off)]
    [InlineData(0, "WanLinkUp", LedMode.SlowBlink, LedMode.SlowBlink, LedMode.Off)]
    [InlineData(0, "WanLinkUp WanAddressUp", LedMode.SlowBlink, LedMode.On, LedMode.Off)]
    [InlineData(0, "WanLinkUp WanAddressUp WanAddressDown", LedMode.SlowBlink, LedMode.SlowBlink, LedMode.Off)]
    [InlineData(0, "WanLinkUp WanAddressUp WanLinkDown", LedMode.SlowBlink, LedMode.Off, LedMode.Off)]
    [InlineData(0, "WanAddressUp", LedMode.SlowBlink, LedMode.Off, LedMode.Off)]
    [InlineData(2, "", LedMode.SlowBlink, LedMode.Off, LedMode.SlowBlink)]
    [InlineData(2, "T0:TunnelNegotiating", LedMode.SlowBlink, LedMode.Off, LedMode.SlowBlink)]
    [InlineData(2, "T0:TunnelUp", LedMode.SlowBlink, LedMode.Off, LedMode.SlowBlink)]
    [InlineData(2, "T0:TunnelUp T1:TunnelUp", LedMode.SlowBlink, LedMode.Off, LedMode.On)]
    [InlineData(2, "T0:TunnelUp T1:TunnelUp T1:TunnelDeleted", LedMode.SlowBlink, LedMode.Off, LedMode.SlowBlink)]
    [InlineData(2, "T0:TunnelUp T1:TunnelFailed", LedMode.SlowBlink, LedMode.Off, LedMode.FastBlink)]
    [InlineData(2, "T1:TunnelFailed T1:TunnelNegotiating", LedMode.SlowBlink, LedMode.Off, LedMode.FastBlink)]
    [InlineData(2, "T1:TunnelFailed T0:TunnelUp", LedMode.SlowBlink, LedMode.Off, LedMode.SlowBlink)]
    [InlineData(2, "T1:TunnelFailed T0:TunnelUp T1:TunnelUp", LedMode.SlowBlink, LedMode.Off, LedMode.On)]
    [InlineData(1, "T5:TunnelUp", LedMode.SlowBlink, LedMode.Off, LedMode.SlowBlink)]
    public void Led_rules(int tunnels, string events, LedMode sys, LedMode wan, LedMode vpn)
    {
        var s = new LedStatus { TunnelCount = tunnels };
        foreach (string e in events.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (e.StartsWith('T'))
            {
                int colon = e.IndexOf(':');
                s.OnTunnel(Enum.Parse<StatusEvent>(e[(colon + 1)..]), int.Parse(e[1..colon]));
            }
            else
            {
                s.On(Enum.Parse<StatusEvent>(e));
            }
        }

        Assert.Equal(LedMode.On, s.Mode(LedId.Pwr));
        Assert.Equal(sys, s.Mode(LedId.Sys));
        Assert.Equal(wan, s.Mode(LedId.Wan));
        Assert.Equal(vpn, s.Mode(LedId.Vpn));
        Assert.Equal(LedMode.Off, s.Mode(LedId.Pstn));
    }

    [Fact]
    public void Pstn_is_left_to_the_modem_module()
    {
        var s = new LedStatus { Pstn = LedMode.SlowBlink };
        Assert.Equal(LedMode.SlowBlink, s.Mode(LedId.Pstn));
    }

    [Fact]
    public void Apply_sets_only_what_changed()
    {
        var s = new LedStatus();
        var leds = new RecordingLeds();
        s.Apply(leds);
        Assert.Equal(
            [(LedId.Pwr, LedMode.On), (LedId.Sys, LedMode.SlowBlink), (LedId.Wan, LedMode.Off), (LedId.Vpn, LedMode.Off), (LedId.Pstn, LedMode.Off)],
            leds.Sets);
        leds.Sets.Clear();
        s.Apply(leds);
        Assert.Empty(leds.Sets);
        s.On(StatusEvent.Running);
        s.Apply(leds);
        Assert.Equal([(LedId.Sys, LedMode.On)], leds.Sets);
    }

    [Fact]
    public void Applying_a_configuration_sets_the_tunnel_count()
    {
        var h = new NanoGate.Firmware.Tests.Cli.CliHarness();
        var s = new LedStatus();
        h.Cli.Leds = s;
        Assert.True(h.Cli.LoadStartup(NanoGate.Firmware.Tests.Cli.CliHarness.Issue8Example));
        Assert.Equal(1, s.TunnelCount);
        Assert.Equal(LedMode.SlowBlink, s.Mode(LedId.Vpn));
    }
}
