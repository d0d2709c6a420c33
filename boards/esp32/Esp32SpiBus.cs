using System;
using System.Device.Spi;
using NanoGate.Boards.Drivers;
using NanoGate.Hal;
using nanoFramework.Hardware.Esp32;

namespace NanoGate.Boards.Esp32
{
    // SpanByte and the per-packet path.
    //
    // SpiDevice takes bytes only as SpanByte (DEVICE-FACTS §7). In nanoFramework 1.x's mscorlib
    // SpanByte is a ref struct: the compiler refuses it as a field or array element (CS0611,
    // found by the device build), so a view cannot be made once and kept. What this binding
    // can do, it does: the view is constructed inline in the call (no struct local, which nanoCLR
    // would allocate at every method entry), one per buffer per transfer: one for a write, two for
    // a full-duplex read. By DEVICE-FACTS §8 each is an object of 3 fields, 48 B, short-lived.
    // The rest of the cost is kept down in the driver (W5500): an idle poll is one transfer, a
    // frame up to 126 bytes is read in one transfer with its packet info, a longer one in two,
    // and the receive space is released once per burst; README "SPI and SpanByte" has the counts.
    // Removing the SpanByte values entirely needs a native transfer call (the native component).

    /// <summary>
    /// <see cref="ISpiBus"/> on a nanoFramework <see cref="SpiDevice"/> (chip select driven by the
    /// SPI driver for each call), with its pins routed through the GPIO matrix.
    /// </summary>
    public sealed class Esp32SpiBus : ISpiBus
    {
        private readonly SpiDevice _device;

        /// <summary>A bus over an opened <paramref name="device"/>.</summary>
        public Esp32SpiBus(SpiDevice device)
        {
            if (device == null)
            {
                throw new ArgumentNullException(nameof(device));
            }

            _device = device;
        }

        /// <summary>Transfers the SPI driver refused (threw).</summary>
        public int Failures { get; private set; }

        /// <summary>
        /// Routes the LAN controller's SPI pins from the board data (lan_spi_bus 1 = SPI1/HSPI or
        /// 2 = SPI2/VSPI; their default pins collide with RMII, so they are always set) and opens
        /// the device in SPI mode 0 at lan_spi_clock_hz, chip select on lan_spi_cs_pin.
        /// </summary>
        public static Esp32SpiBus Open(BoardData board)
        {
            int bus = board.Number("lan_spi_bus");
            Configuration.SetPinFunction(board.Number("lan_spi_mosi_pin"), bus == 2 ? DeviceFunction.SPI2_MOSI : DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(board.Number("lan_spi_miso_pin"), bus == 2 ? DeviceFunction.SPI2_MISO : DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(board.Number("lan_spi_clock_pin"), bus == 2 ? DeviceFunction.SPI2_CLOCK : DeviceFunction.SPI1_CLOCK);
            SpiConnectionSettings settings = new SpiConnectionSettings(bus, board.Number("lan_spi_cs_pin"));
            settings.ClockFrequency = board.Number("lan_spi_clock_hz");
            settings.Mode = SpiMode.Mode0;
            settings.DataBitLength = 8;
            return new Esp32SpiBus(new SpiDevice(settings));
        }

        /// <inheritdoc/>
        public bool Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            try
            {
                if (read == null)
                {
                    _device.Write(new SpanByte(write, writeOffset, count));
                }
                else
                {
                    _device.TransferFullDuplex(new SpanByte(write, writeOffset, count), new SpanByte(read, readOffset, count));
                }

                return true;
            }
            catch (Exception)
            {
                Failures++;
                return false;
            }
        }
    }
}
