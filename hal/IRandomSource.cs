namespace NanoGate.Hal
{
    /// <summary>
    /// The only source of randomness (cookies, nonces, SPIs, IVs, DH private values).
    /// Host: the OS CSPRNG; device: the hardware RNG; tests: <see cref="DeterministicRandom"/>.
    /// </summary>
    public interface IRandomSource
    {
        /// <summary>False for a seeded test source; a gateway refuses to start with one.</summary>
        bool IsCryptographicallySecure { get; }

        /// <summary>Fills <paramref name="count"/> bytes at <paramref name="offset"/>.</summary>
        void Fill(byte[] buffer, int offset, int count);
    }
}
