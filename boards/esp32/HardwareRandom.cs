using System;
using NanoGate.Hal;

namespace NanoGate.Boards.Esp32
{
    /// <summary>
    /// The ESP32 hardware RNG through System.Random (NextBytes is one esp_random() per byte on the
    /// ESP32 target; the seed is ignored there, DEVICE-FACTS §3). Cryptographically secure only
    /// when the hardware entropy source was switched on (<see cref="IEntropySource"/>).
    /// </summary>
    public sealed class HardwareRandom : IRandomSource
    {
        private readonly Random _random = new Random();
        private readonly byte[] _block = new byte[32];
        private readonly bool _secure;

        /// <summary>A source that is secure when <paramref name="entropyEnabled"/>.</summary>
        public HardwareRandom(bool entropyEnabled)
        {
            _secure = entropyEnabled;
        }

        /// <inheritdoc/>
        public bool IsCryptographicallySecure
        {
            get { return _secure; }
        }

        /// <inheritdoc/>
        public void Fill(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                _random.NextBytes(_block);
                int n = count < _block.Length ? count : _block.Length;
                Array.Copy(_block, 0, buffer, offset, n);
                offset += n;
                count -= n;
            }

            Array.Clear(_block, 0, _block.Length);
        }
    }
}
