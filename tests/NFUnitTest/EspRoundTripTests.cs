using nanoFramework.TestFramework;
using NanoGate.Esp;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Soft;

namespace NFUnitTest
{
    /// <summary>
    /// ESP in place on the chip (RFC 4303 §3.3, §3.4; UDP encapsulation RFC 3948): gateway A's
    /// engine encrypts a LAN packet, B's decrypts it back, for CBC + HMAC and for GCM.
    /// Fake keys: bytes 1, 2, 3, ... and 100, 101, ...
    /// </summary>
    [TestClass]
    public class EspRoundTripTests
    {
        private const uint LanA = 0x0A010000; // 10.1.0.0/16
        private const uint LanB = 0x0A020000; // 10.2.0.0/16
        private const uint WanA = 0xC0000201; // 192.0.2.1
        private const uint WanB = 0xC6336402; // 198.51.100.2

        [TestMethod]
        public void Aes128_cbc_hmac_sha256_packets_survive_the_round_trip()
        {
            RoundTrip(CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha256);
        }

        [TestMethod]
        public void Aes128_gcm_16_packets_survive_the_round_trip()
        {
            RoundTrip(CipherAlgorithm.AesGcm, 16 + 4, HashAlgorithm.Sha256);
        }

        [TestMethod]
        public void A_flipped_bit_is_dropped_as_bad_icv()
        {
            EspEngine a;
            EspEngine b;
            Pair(CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha256, out a, out b);
            var slot = new PacketSlot(1500);
            EspTestPackets.WriteInner(slot, 100, 0x0A010005, 0x0A020007, 100);
            Assert.AreEqual((int)DropReason.None, (int)a.Encapsulate(slot, 0), "encapsulate");
            EspTestPackets.ToReceived(slot);
            slot.Buffer[slot.Offset + 20] ^= 0x01;
            Assert.AreEqual((int)DropReason.BadIcv, (int)b.Decapsulate(slot, 0), "flipped bit");
        }

        private static void RoundTrip(CipherAlgorithm cipher, int keyLength, HashAlgorithm integrity)
        {
            EspEngine a;
            EspEngine b;
            Pair(cipher, keyLength, integrity, out a, out b);
            var slot = new PacketSlot(1500);
            int[] lengths = new int[] { 20, 21, 64, 511, 1400 };
            for (int n = 0; n < lengths.Length; n++)
            {
                int length = lengths[n];
                EspTestPackets.WriteInner(slot, length, 0x0A010005, 0x0A020007, (byte)length);
                byte[] expected = new byte[length];
                System.Array.Copy(slot.Buffer, slot.Offset, expected, 0, length);
                Assert.AreEqual((int)DropReason.None, (int)a.Encapsulate(slot, 0), "encapsulate " + length.ToString());
                EspTestPackets.ToReceived(slot);
                Assert.AreEqual((int)DropReason.None, (int)b.Decapsulate(slot, 0), "decapsulate " + length.ToString());
                Assert.AreEqual(length, slot.Length, "inner length");
                byte[] actual = new byte[length];
                System.Array.Copy(slot.Buffer, slot.Offset, actual, 0, length);
                CollectionAssert.AreEqual(expected, actual, "inner packet " + length.ToString());
            }
        }

        private static void Pair(CipherAlgorithm cipher, int keyLength, HashAlgorithm integrity, out EspEngine a, out EspEngine b)
        {
            ICryptoProvider crypto = new PortableCryptoProvider();
            var random = new DeterministicRandom(7);
            a = new EspEngine(crypto, random, 4, 4, 4);
            b = new EspEngine(crypto, random, 4, 4, 4);
            int policy = a.AddPolicy(new TrafficSelector(LanA, 16), new TrafficSelector(LanB, 16), 0, PolicyAction.Protect);
            uint spi = b.ReserveInboundSpi();

            SaParameters outbound = Parameters(cipher, keyLength, integrity, spi);
            outbound.PolicyId = policy;
            outbound.LocalAddress = WanA;
            outbound.RemoteAddress = WanB;
            outbound.LocalSelector = new TrafficSelector(LanA, 16);
            outbound.RemoteSelector = new TrafficSelector(LanB, 16);
            SaInstallResult result;
            a.InstallOutbound(outbound, 0, out result);
            Assert.AreEqual((int)SaInstallResult.Ok, (int)result, "outbound SA");

            SaParameters inbound = Parameters(cipher, keyLength, integrity, spi);
            inbound.LocalAddress = WanB;
            inbound.RemoteAddress = WanA;
            inbound.LocalSelector = new TrafficSelector(LanB, 16);
            inbound.RemoteSelector = new TrafficSelector(LanA, 16);
            Assert.AreEqual((int)SaInstallResult.Ok, (int)b.InstallInbound(inbound, 0), "inbound SA");
        }

        private static SaParameters Parameters(CipherAlgorithm cipher, int keyLength, HashAlgorithm integrity, uint spi)
        {
            var p = new SaParameters();
            p.Spi = spi;
            p.Cipher = cipher;
            p.EncryptionKey = Counting(1, keyLength);
            p.Integrity = integrity;
            if (cipher != CipherAlgorithm.AesGcm)
            {
                p.IntegrityKey = Counting(100, SecurityAssociation.IntegrityKeyLengthOf(integrity));
            }

            return p;
        }

        private static byte[] Counting(int first, int count)
        {
            byte[] key = new byte[count];
            for (int i = 0; i < count; i++)
            {
                key[i] = (byte)(first + i);
            }

            return key;
        }
    }
}
