namespace NanoGate.Boards.Esp32
{
    /// <summary>
    /// THE SEAM FOR THE NATIVE ENTROPY SWITCH. esp_random(), behind System.Random on the ESP32, is
    /// a true random source only while the Wi-Fi/BT radio is on or after the bootloader entropy
    /// source is enabled (bootloader_random_enable(), ESP-IDF "Random Number Generation";
    /// DEVICE-FACTS §3), and nanoFramework enables it nowhere. An Ethernet-only image therefore
    /// needs a native call, which belongs to the native crypto component (C, interop). That
    /// component implements this interface and the application hands it to
    /// <see cref="Esp32Board.EntropySource"/> before <see cref="Esp32Board.Create()"/>. Without it the
    /// board's random source says it is not secure and the board refuses IKE and ESP.
    /// </summary>
    public interface IEntropySource
    {
        /// <summary>Turns the hardware entropy source on (idempotent); false when it could not.</summary>
        bool TryEnable();
    }
}
