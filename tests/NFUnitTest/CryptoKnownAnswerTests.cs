using nanoFramework.TestFramework;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Soft;

namespace NFUnitTest
{
    /// <summary>
    /// Known answers of the portable crypto (hal/Crypto/Soft) on the chip: the same vectors as
    /// tests/Hal.Tests, so a wrong result on the interpreter (integer widths, shifts) shows here.
    /// </summary>
    [TestClass]
    public class CryptoKnownAnswerTests
    {
        private static readonly ICryptoProvider Crypto = new PortableCryptoProvider();

        [TestMethod]
        public void Sha1_of_abc_FIPS_180_4()
        {
            CollectionAssert.AreEqual(Hex.Parse("a9993e364706816aba3e25717850c26c9cd0d89d"), Hash(HashAlgorithm.Sha1, TestBytes.Ascii("abc")), "SHA-1(abc)");
        }

        [TestMethod]
        public void Sha256_of_abc_FIPS_180_4()
        {
            CollectionAssert.AreEqual(
                Hex.Parse("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                Hash(HashAlgorithm.Sha256, TestBytes.Ascii("abc")),
                "SHA-256(abc)");
        }

        [TestMethod]
        public void Hmac_sha256_RFC_4231_test_case_1()
        {
            byte[] key = TestBytes.Repeat(0x0b, 20);
            byte[] data = TestBytes.Ascii("Hi There");
            IHash hmac = Crypto.CreateHmac(HashAlgorithm.Sha256, key, 0, key.Length);
            byte[] mac = new byte[hmac.HashSize];
            hmac.Append(data, 0, data.Length);
            hmac.Finish(mac, 0);
            CollectionAssert.AreEqual(Hex.Parse("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"), mac, "HMAC-SHA-256 case 1");
        }

        [TestMethod]
        public void Aes128_FIPS_197_appendix_C_1_and_back()
        {
            // One block of CBC with a zero IV is the plain block cipher.
            byte[] key = Hex.Parse("000102030405060708090a0b0c0d0e0f");
            byte[] plain = Hex.Parse("00112233445566778899aabbccddeeff");
            byte[] buffer = Hex.Parse("00112233445566778899aabbccddeeff");
            IBlockCipher aes = Crypto.CreateCbc(CipherAlgorithm.AesCbc, key, 0, key.Length);
            aes.EncryptCbc(new byte[16], 0, buffer, 0, 16);
            CollectionAssert.AreEqual(Hex.Parse("69c4e0d86a7b0430d8cdb78070b4c55a"), buffer, "AES-128 encrypt");
            aes.DecryptCbc(new byte[16], 0, buffer, 0, 16);
            CollectionAssert.AreEqual(plain, buffer, "AES-128 decrypt");
        }

        private static byte[] Hash(HashAlgorithm algorithm, byte[] data)
        {
            IHash hash = Crypto.CreateHash(algorithm);
            byte[] digest = new byte[hash.HashSize];
            hash.Append(data, 0, data.Length);
            hash.Finish(digest, 0);
            return digest;
        }
    }
}
