using NanoGate.Boards.Esp32;
using NanoGate.Firmware.Gateway;

namespace NanoGate.Device
{
    /// <summary>
    /// The one place the application builds its board: the ESP32 board support
    /// (boards/esp32, <see cref="Esp32Board"/>), sized by <see cref="DeviceProfile"/>. The board is
    /// the one of the official image it runs on (ESP32_WT32_ETH01 or ESP32_OLIMEX).
    /// NATIVE SEAM: a custom image whose native component can switch on the ESP32's hardware
    /// entropy source sets <see cref="Esp32Board.EntropySource"/> here, before Create; without it
    /// the board reports no secure random source and refuses IKE and ESP (boards/esp32/README.md).
    /// </summary>
    public static class BoardFactory
    {
        /// <summary>The board the application runs on.</summary>
        public static GatewayBoard Create()
        {
            GatewayBoard board = Esp32Board.Create();
            DeviceProfile.Apply(board);
            return board;
        }
    }
}
