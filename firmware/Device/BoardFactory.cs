using NanoGate.Boards.Esp32;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal.Crypto.Native;

namespace NanoGate.Device
{
    /// <summary>
    /// The one place the application builds its board: the ESP32 board support
    /// (boards/esp32, <see cref="Esp32Board"/>), sized by <see cref="DeviceProfile"/>, with the
    /// native crypto component of the custom image (native/: mbedTLS on the ESP32's AES,
    /// SHA and big-number accelerators) for ciphers, hashes and Diffie-Hellman, and its CTR_DRBG
    /// over the hardware entropy source for randomness (<see cref="NativeEntropySource"/> switches
    /// that source on). On an official image without the component the entropy switch fails, so the
    /// board reports no secure random source and refuses IKE and ESP (boards/esp32/README.md).
    /// </summary>
    public static class BoardFactory
    {
        /// <summary>The board the application runs on.</summary>
        public static GatewayBoard Create()
        {
            NativeRandom random = new NativeRandom();
            NativeEntropySource entropy = new NativeEntropySource(random);
            Esp32Board.EntropySource = entropy;
            GatewayBoard board = Esp32Board.Create();
            if (entropy.TryEnable())
            {
                board.Random = random;
                board.Crypto = new NativeCryptoProvider();
            }

            DeviceProfile.Apply(board);

            // Last: the capture buffer has the profile's size; UDP 500 and 4500 pass its taps.
            return board.TapCapture();
        }
    }
}
