using System;
using System.IO.Ports;
using NanoGate.Boards.Drivers;
using NanoGate.Hal;
using nanoFramework.Hardware.Esp32;

namespace NanoGate.Boards.Esp32
{
    /// <summary>
    /// The console UART: System.IO.Ports.SerialPort on console_uart (COM2 = UART1; COM1 carries the
    /// debugger), 8N1 at console_baud, its pins routed with Configuration.SetPinFunction before it
    /// opens (COM2 has no default pins on the ESP32, DEVICE-FACTS §6). Polled: Read takes what
    /// BytesToRead says has arrived and never waits; line editing is the firmware's SerialConsole.
    /// </summary>
    public sealed class Esp32SerialPort : ISerialPort
    {
        /// <summary>Receive ring in the native driver (a pasted configuration arrives faster than the loop reads).</summary>
        public const int BufferSize = 2048;

        private readonly SerialPort _port;

        /// <summary>Routes the pins and opens the console port of <paramref name="board"/>.</summary>
        public Esp32SerialPort(BoardData board)
        {
            string name = board.Text("console_uart");
            Configuration.SetPinFunction(board.Number("console_tx_pin"), name == "COM3" ? DeviceFunction.COM3_TX : DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(board.Number("console_rx_pin"), name == "COM3" ? DeviceFunction.COM3_RX : DeviceFunction.COM2_RX);
            _port = new SerialPort(name, board.Number("console_baud"), Parity.None, 8, StopBits.One);
            _port.ReadBufferSize = BufferSize;
            _port.Open();
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                int waiting = _port.BytesToRead;
                if (waiting <= 0)
                {
                    return 0;
                }

                return _port.Read(buffer, offset, waiting < count ? waiting : count);
            }
            catch (Exception)
            {
                return 0;
            }
        }

        /// <inheritdoc/>
        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _port.Write(buffer, offset, count);
            }
            catch (Exception)
            {
                // A console that cannot write loses the text; the gateway goes on.
            }
        }
    }
}
