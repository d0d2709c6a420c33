using NanoGate.Boards.Drivers;
using NanoGate.Firmware.Status;
using NanoGate.Hal;

namespace NanoGate.Boards.Tests.Esp32;

/// <summary>The GPIO LED patterns: what the pins do over time for each mode the firmware's LedStatus sets.</summary>
public sealed class BlinkingLedsTests
{
    private sealed class RecordingPins : ILedPins
    {
        public readonly List<(LedId Led, bool On)> Writes = [];

        public void Write(LedId led, bool on) => Writes.Add((led, on));
    }

    private static string Trace(LedMode mode, int stepMs, int steps)
    {
        var pins = new RecordingPins();
        var leds = new BlinkingLeds(pins);
        leds.Set(LedId.Sys, mode);
        var trace = new System.Text.StringBuilder();
        for (int i = 0; i < steps; i++)
        {
            pins.Writes.Clear();
            leds.Tick(i * stepMs);
            trace.Append(BlinkingLeds.LevelAt(mode, i * stepMs) ? '#' : '.');
        }

        return trace.ToString();
    }

    [Fact]
    public void Patterns_sampled_every_125_ms()
    {
        Assert.Equal("################", Trace(LedMode.On, 125, 16));
        Assert.Equal("................", Trace(LedMode.Off, 125, 16));
        Assert.Equal("####....####....", Trace(LedMode.SlowBlink, 125, 16)); // 1 Hz
        Assert.Equal("#.#.#.#.#.#.#.#.", Trace(LedMode.FastBlink, 125, 16)); // 4 Hz
    }

    [Fact]
    public void A_pin_is_written_only_when_its_level_changes()
    {
        var pins = new RecordingPins();
        var leds = new BlinkingLeds(pins);
        leds.Set(LedId.Pwr, LedMode.On);
        leds.Set(LedId.Wan, LedMode.SlowBlink);
        for (long t = 0; t < 2000; t += 10)
        {
            leds.Tick(t);
        }

        Assert.Equal(1, pins.Writes.Count(w => w.Led == LedId.Pwr && w.On));
        Assert.Equal(4, pins.Writes.Count(w => w.Led == LedId.Wan)); // on, off, on, off over 2 s
        Assert.Equal(1, pins.Writes.Count(w => w.Led == LedId.Vpn && !w.On)); // dark once, then untouched
    }

    [Fact]
    public void Driven_by_LedStatus_a_fault_blinks_SYS_fast_and_a_wan_link_without_address_blinks_WAN_slowly()
    {
        var pins = new RecordingPins();
        var leds = new BlinkingLeds(pins);
        var status = new LedStatus();
        status.On(StatusEvent.Fault);
        status.On(StatusEvent.WanLinkUp);
        status.Apply(leds);
        Assert.Equal(LedMode.On, leds.ModeOf(LedId.Pwr));
        Assert.Equal(LedMode.FastBlink, leds.ModeOf(LedId.Sys));
        Assert.Equal(LedMode.SlowBlink, leds.ModeOf(LedId.Wan));
        Assert.Equal(LedMode.Off, leds.ModeOf(LedId.Vpn));

        leds.Tick(0);
        leds.Tick(125);
        Assert.Contains((LedId.Sys, false), pins.Writes);
        Assert.DoesNotContain((LedId.Wan, false), pins.Writes);
    }
}
