using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Firmware
{
    /// <summary>
    /// The power-on self-test: checks what the board wired in (byte order, clock, random source,
    /// crypto provider known answers) before any key is made, and says which check failed.
    /// </summary>
    public sealed class SelfTest
    {
        private readonly ILineWriter _out;
        private int _failures;

        /// <summary>Creates a self-test that reports to <paramref name="output"/>.</summary>
        public SelfTest(ILineWriter output)
        {
            _out = output;
        }

        /// <summary>Number of failed checks of the last run.</summary>
        public int Failures
        {
            get { return _failures; }
        }

        /// <summary>Runs every check; true when all passed. <paramref name="crypto"/> may be null on a board without one yet.</summary>
        public bool Run(IMonotonicClock clock, IRandomSource random, ICryptoProvider crypto)
        {
            _failures = 0;
            CheckByteOrder();
            CheckClock(clock);
            CheckRandom(random);
            if (crypto == null)
            {
                _out.WriteLine("  [note] crypto provider: none wired into this board, known-answer checks not run");
            }
            else
            {
                CheckCrypto(crypto);
            }

            _out.WriteLine(_failures == 0 ? "self-test: all checks passed" : "self-test: " + _failures.ToString() + " check(s) FAILED");
            return _failures == 0;
        }

        private void CheckByteOrder()
        {
            byte[] b = new byte[4];
            BigEndian.WriteUInt32(b, 0, 0x0A010001);
            Report(b[0] == 10 && b[3] == 1 && BigEndian.ReadUInt32(b, 0) == 0x0A010001, "byte order", "network order round trip");
        }

        private void CheckClock(IMonotonicClock clock)
        {
            long a = clock.NowMs;
            long b = clock.NowMs;
            Report(a >= 0 && b >= a, "clock", "monotonic, now " + b.ToString() + " ms");
        }

        private void CheckRandom(IRandomSource random)
        {
            byte[] a = new byte[32];
            byte[] b = new byte[32];
            random.Fill(a, 0, a.Length);
            random.Fill(b, 0, b.Length);
            bool nonZero = false;
            for (int i = 0; i < a.Length; i++)
            {
                nonZero |= a[i] != 0;
            }

            bool differs = !FixedTime.AreEqual(a, 0, b, 0, a.Length);
            Report(nonZero && differs, "random source", "two draws differ");
            if (!random.IsCryptographicallySecure)
            {
                _out.WriteLine("  WARNING: " + DeterministicRandom.Warning);
            }
        }

        private void CheckCrypto(ICryptoProvider crypto)
        {
            _out.WriteLine("  crypto provider: " + crypto.Name);

            // FIPS 180-4 / NIST example: SHA-256("abc").
            byte[] abc = new byte[] { 0x61, 0x62, 0x63 };
            byte[] digest = new byte[32];
            IHash sha = crypto.CreateHash(HashAlgorithm.Sha256);
            sha.Append(abc, 0, abc.Length);
            sha.Finish(digest, 0);
            Report(Hex.Equals(digest, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), "SHA-256", "FIPS 180-4 \"abc\"");

            // FIPS 197 Appendix C.1: AES-128 of 00112233..ff under key 000102..0f (one CBC block, zero IV).
            byte[] key = Hex.Parse("000102030405060708090a0b0c0d0e0f");
            byte[] block = Hex.Parse("00112233445566778899aabbccddeeff");
            byte[] iv = new byte[16];
            IBlockCipher aes = crypto.CreateCbc(CipherAlgorithm.AesCbc, key, 0, key.Length);
            aes.EncryptCbc(iv, 0, block, 0, block.Length);
            aes.Wipe();
            Report(Hex.Equals(block, "69c4e0d86a7b0430d8cdb78070b4c55a"), "AES-128", "FIPS 197 C.1");

            // RFC 4231 §4.2 test case 1: HMAC-SHA-256.
            byte[] hmacKey = Hex.Parse("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
            byte[] data = Hex.Parse("4869205468657265");
            IHash hmac = crypto.CreateHmac(HashAlgorithm.Sha256, hmacKey, 0, hmacKey.Length);
            hmac.Append(data, 0, data.Length);
            hmac.Finish(digest, 0);
            hmac.Wipe();
            Report(Hex.Equals(digest, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"), "HMAC-SHA-256", "RFC 4231 case 1");
        }

        private void Report(bool ok, string what, string detail)
        {
            if (!ok)
            {
                _failures++;
            }

            _out.WriteLine((ok ? "  [ ok ] " : "  [FAIL] ") + what + ": " + detail);
        }
    }
}
