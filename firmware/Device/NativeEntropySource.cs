using NanoGate.Boards.Esp32;
using NanoGate.Hal.Crypto.Native;

namespace NanoGate.Device
{
    /// <summary>
    /// The ESP32's hardware entropy switch, through the native crypto component: its first random
    /// request turns the bootloader entropy source on (bootloader_random_enable, since an
    /// Ethernet-only image has no RF running) and seeds mbedTLS's CTR_DRBG from it
    /// (native/c). Enabled means that first draw succeeded.
    /// </summary>
    public sealed class NativeEntropySource : IEntropySource
    {
        private readonly NativeRandom _random;
        private readonly byte[] _probe = new byte[16];

        /// <summary>Over the native DRBG <paramref name="random"/>.</summary>
        public NativeEntropySource(NativeRandom random)
        {
            _random = random;
        }

        /// <inheritdoc/>
        public bool TryEnable()
        {
            try
            {
                _random.Fill(_probe, 0, _probe.Length);
                return true;
            }
            catch (System.Exception)
            {
                // No native component in this image (an official firmware): no secure source.
                return false;
            }
        }
    }
}
