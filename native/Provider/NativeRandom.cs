namespace NanoGate.Hal.Crypto.Native
{
    /// <summary>
    /// Random bytes from the native component: mbedTLS's CTR_DRBG (NIST SP 800-90A) seeded from its
    /// entropy sources, which on the ESP32 are the hardware RNG (ESP-IDF's entropy hook) and on the
    /// host the operating system's. The device board's random source.
    /// </summary>
    public sealed class NativeRandom : IRandomSource
    {
        /// <inheritdoc/>
        public bool IsCryptographicallySecure
        {
            get { return true; }
        }

        /// <inheritdoc/>
        public void Fill(byte[] buffer, int offset, int count)
        {
            NativeRange.Check(buffer, offset, count);
            NativeObject.Created(NativeMethods.Random(buffer, offset, count));
        }
    }
}
