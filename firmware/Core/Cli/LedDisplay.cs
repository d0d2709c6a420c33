using NanoGate.Firmware.Status;
using NanoGate.Hal;

namespace NanoGate.Firmware.Cli
{
    /// <summary><c>display led</c>: each front-panel LED, what it shows and why.</summary>
    public static class LedDisplay
    {
        /// <summary>Prints the five LEDs in panel order.</summary>
        public static void Render(LedStatus leds, ILineWriter o)
        {
            o.WriteLine("  " + Columns.Pad("LED", 6) + Columns.Pad("State", 12) + "Meaning");
            o.WriteLine(Columns.Rule(50));
            for (int i = 0; i <= (int)LedId.Pstn; i++)
            {
                LedId led = (LedId)i;
                o.WriteLine("  " + Columns.Pad(Name(led), 6) + Columns.Pad(ModeText(leds.Mode(led)), 12) + leds.Meaning(led));
            }
        }

        /// <summary>"PWR", "SYS", "WAN", "VPN", "PSTN".</summary>
        public static string Name(LedId led)
        {
            switch (led)
            {
                case LedId.Pwr:
                    return "PWR";
                case LedId.Sys:
                    return "SYS";
                case LedId.Wan:
                    return "WAN";
                case LedId.Vpn:
                    return "VPN";
                default:
                    return "PSTN";
            }
        }

        /// <summary>"off", "on", "slow-blink", "fast-blink".</summary>
        public static string ModeText(LedMode mode)
        {
            switch (mode)
            {
                case LedMode.On:
                    return "on";
                case LedMode.SlowBlink:
                    return "slow-blink";
                case LedMode.FastBlink:
                    return "fast-blink";
                default:
                    return "off";
            }
        }
    }
}
