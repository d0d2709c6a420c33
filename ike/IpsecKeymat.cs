using System;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Ike
{
    /// <summary>
    /// Phase 2 keying material (RFC 2409 §5.5):
    /// <code>
    ///  KEYMAT = K1 | K2 | ...
    ///  K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)
    ///  Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)
    /// </code>
    /// SPI is the SPI of the side that RECEIVES with the SA; the encryption key comes first, then
    /// the integrity key (AES-GCM: key then 4 bytes of salt, RFC 4106 §8.1).
    /// </summary>
    public static class IpsecKeymat
    {
        /// <summary>KEYMAT of <paramref name="length"/> bytes; <paramref name="gxy"/> null without PFS.</summary>
        public static byte[] Derive(ICryptoProvider crypto, HashAlgorithm hash, byte[] skeyidD, byte[] gxy, int protocol, uint spi,
            byte[] ni, byte[] nr, int length)
        {
            IHash prf = crypto.CreateHmac(hash, skeyidD, 0, skeyidD.Length);
            byte[] block = new byte[prf.HashSize];
            byte[] head = new byte[5];
            head[0] = (byte)protocol;
            BigEndian.WriteUInt32(head, 1, spi);
            byte[] key = new byte[length];
            int done = 0;
            bool first = true;
            while (done < length)
            {
                if (!first)
                {
                    prf.Append(block, 0, block.Length);
                }

                first = false;
                if (gxy != null)
                {
                    prf.Append(gxy, 0, gxy.Length);
                }

                prf.Append(head, 0, 5);
                prf.Append(ni, 0, ni.Length);
                prf.Append(nr, 0, nr.Length);
                prf.Finish(block, 0);
                int n = length - done < block.Length ? length - done : block.Length;
                Array.Copy(block, 0, key, done, n);
                done += n;
            }

            prf.Wipe();
            FixedTime.Wipe(block);
            return key;
        }

        /// <summary>Encryption key bytes for a cipher: the key, plus 4 bytes of salt for AES-GCM (RFC 4106 §8.1).</summary>
        public static int EncryptionKeyLength(CipherAlgorithm cipher, int keySize)
        {
            return cipher == CipherAlgorithm.AesGcm ? keySize + 4 : keySize;
        }

        /// <summary>HMAC key bytes (RFC 2404 §3, RFC 4868 §2.1.1): the hash's output size; 0 for AES-GCM.</summary>
        public static int IntegrityKeyLength(CipherAlgorithm cipher, HashAlgorithm integrity)
        {
            if (cipher == CipherAlgorithm.AesGcm)
            {
                return 0;
            }

            switch (integrity)
            {
                case HashAlgorithm.Md5: return 16;
                case HashAlgorithm.Sha1: return 20;
                case HashAlgorithm.Sha384: return 48;
                case HashAlgorithm.Sha512: return 64;
                default: return 32;
            }
        }
    }
}
