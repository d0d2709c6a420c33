using System.Device.Gpio;
using NanoGate.Boards.Drivers;
using NanoGate.Hal;

namespace NanoGate.Boards.Esp32
{
    /// <summary>
    /// The front-panel LEDs on GPIO outputs (active high), from the board data's led_*_pin keys;
    /// an LED whose pin is -1 is not on a GPIO (PWR wired to 3V3) and is skipped.
    /// </summary>
    public sealed class GpioLedPins : ILedPins
    {
        private readonly GpioPin[] _pins = new GpioPin[5];

        /// <summary>Opens the LED pins of <paramref name="board"/> as outputs, all dark.</summary>
        public GpioLedPins(GpioController gpio, BoardData board)
        {
            Open(gpio, LedId.Pwr, board.Number("led_pwr_pin"));
            Open(gpio, LedId.Sys, board.Number("led_sys_pin"));
            Open(gpio, LedId.Wan, board.Number("led_wan_pin"));
            Open(gpio, LedId.Vpn, board.Number("led_vpn_pin"));
            Open(gpio, LedId.Pstn, board.Number("led_pstn_pin"));
        }

        /// <inheritdoc/>
        public void Write(LedId led, bool on)
        {
            GpioPin pin = _pins[(int)led];
            if (pin != null)
            {
                pin.Write(on ? PinValue.High : PinValue.Low);
            }
        }

        private void Open(GpioController gpio, LedId led, int number)
        {
            if (number < 0)
            {
                return;
            }

            GpioPin pin = gpio.OpenPin(number, PinMode.Output);
            pin.Write(PinValue.Low);
            _pins[(int)led] = pin;
        }
    }
}
