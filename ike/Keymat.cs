using System;
using NanoGate.Hal.Crypto;

namespace NanoGate.Ike
{
    /// <summary>
    /// Phase 1 keys for pre-shared key authentication (RFC 2409 §5 and Appendix B), as strongSwan's
    /// keymat_v1.c: prf is HMAC with the negotiated hash and full output length.
    /// <code>
    ///  SKEYID   = prf(PSK, Ni_b | Nr_b)
    ///  SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
    ///  SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
    ///  SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
    ///  Ka       = K1 | K2 | ... (K1 = prf(SKEYID_e, 0), Kn = prf(SKEYID_e, Kn-1)) when SKEYID_e is short
    /// </code>
    /// Allocates at derivation (once per negotiation), never per message.
    /// </summary>
    public sealed class Keymat
    {
        private static readonly byte[] s_zero = new byte[] { 0 };
        private static readonly byte[] s_one = new byte[] { 1 };
        private static readonly byte[] s_two = new byte[] { 2 };

        private readonly ICryptoProvider _crypto;
        private readonly HashAlgorithm _hash;
        private IHash _prfSkeyid;

        /// <summary>Keys for one SA with the negotiated hash.</summary>
        public Keymat(ICryptoProvider crypto, HashAlgorithm hash)
        {
            _crypto = crypto;
            _hash = hash;
        }

        /// <summary>The negotiated hash (prf = HMAC with it).</summary>
        public HashAlgorithm Hash
        {
            get { return _hash; }
        }

        /// <summary>SKEYID (null once <see cref="ForgetSetup"/> ran).</summary>
        public byte[] Skeyid { get; private set; }

        /// <summary>SKEYID_d: the source of phase 2 KEYMAT (RFC 2409 §5.5).</summary>
        public byte[] SkeyidD { get; private set; }

        /// <summary>SKEYID_a: the key of quick mode and informational HASH payloads.</summary>
        public byte[] SkeyidA { get; private set; }

        /// <summary>SKEYID_e (null once <see cref="ForgetSetup"/> ran).</summary>
        public byte[] SkeyidE { get; private set; }

        /// <summary>The phase 1 encryption key Ka (RFC 2409 Appendix B).</summary>
        public byte[] EncryptionKey { get; private set; }

        /// <summary>
        /// Derives SKEYID.. and Ka (<paramref name="keySize"/> bytes). <paramref name="gxy"/> must be
        /// left-padded to the group size (the provider's DH does that). Cookies are 8 bytes each.
        /// </summary>
        public void Derive(byte[] psk, byte[] ni, byte[] nr, byte[] gxy, byte[] cookieI, byte[] cookieR, int keySize)
        {
            IHash prf = _crypto.CreateHmac(_hash, psk, 0, psk.Length);
            int size = prf.HashSize;
            Skeyid = new byte[size];
            prf.Append(ni, 0, ni.Length);
            prf.Append(nr, 0, nr.Length);
            prf.Finish(Skeyid, 0);
            prf.Wipe();

            _prfSkeyid = _crypto.CreateHmac(_hash, Skeyid, 0, size);
            SkeyidD = new byte[size];
            SkeyidA = new byte[size];
            SkeyidE = new byte[size];
            DeriveOne(null, gxy, cookieI, cookieR, s_zero, SkeyidD);
            DeriveOne(SkeyidD, gxy, cookieI, cookieR, s_one, SkeyidA);
            DeriveOne(SkeyidA, gxy, cookieI, cookieR, s_two, SkeyidE);
            EncryptionKey = Expand(SkeyidE, keySize);
        }

        /// <summary>
        /// RFC 2409 Appendix B: the cipher key is the leading bytes of SKEYID_e, or of
        /// K1 | K2 | ... when SKEYID_e is shorter than the key.
        /// </summary>
        public byte[] Expand(byte[] skeyidE, int keySize)
        {
            byte[] key = new byte[keySize];
            if (skeyidE.Length >= keySize)
            {
                Array.Copy(skeyidE, 0, key, 0, keySize);
                return key;
            }

            IHash prf = _crypto.CreateHmac(_hash, skeyidE, 0, skeyidE.Length);
            byte[] block = new byte[prf.HashSize];
            prf.Append(s_zero, 0, 1);
            prf.Finish(block, 0);
            int done = 0;
            while (true)
            {
                int n = keySize - done < block.Length ? keySize - done : block.Length;
                Array.Copy(block, 0, key, done, n);
                done += n;
                if (done == keySize)
                {
                    break;
                }

                prf.Append(block, 0, block.Length);
                prf.Finish(block, 0);
            }

            prf.Wipe();
            return key;
        }

        /// <summary>
        /// HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b);
        /// HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b) (RFC 2409 §5).
        /// SAi_b is the initiator's SA payload body on both sides; the ID is the body of the
        /// sender's ID payload (without the generic header).
        /// </summary>
        public void ComputeAuthHash(bool initiator, byte[] gxi, byte[] gxr, byte[] cookieI, byte[] cookieR,
            byte[] saiB, byte[] id, int idOffset, int idCount, byte[] output, int outputOffset)
        {
            if (initiator)
            {
                _prfSkeyid.Append(gxi, 0, gxi.Length);
                _prfSkeyid.Append(gxr, 0, gxr.Length);
                _prfSkeyid.Append(cookieI, 0, 8);
                _prfSkeyid.Append(cookieR, 0, 8);
            }
            else
            {
                _prfSkeyid.Append(gxr, 0, gxr.Length);
                _prfSkeyid.Append(gxi, 0, gxi.Length);
                _prfSkeyid.Append(cookieR, 0, 8);
                _prfSkeyid.Append(cookieI, 0, 8);
            }

            _prfSkeyid.Append(saiB, 0, saiB.Length);
            _prfSkeyid.Append(id, idOffset, idCount);
            _prfSkeyid.Finish(output, outputOffset);
        }

        /// <summary>Output length of prf (= HASH_I/HASH_R length).</summary>
        public int PrfSize
        {
            get { return SkeyidA.Length; }
        }

        /// <summary>
        /// The first phase 1 IV: hash(g^xi | g^xr) truncated to the block size (RFC 2409 Appendix B).
        /// </summary>
        public byte[] Phase1Iv(byte[] gxi, byte[] gxr, int blockSize)
        {
            IHash h = _crypto.CreateHash(_hash);
            byte[] full = new byte[h.HashSize];
            h.Append(gxi, 0, gxi.Length);
            h.Append(gxr, 0, gxr.Length);
            h.Finish(full, 0);
            h.Wipe(); // a native provider's hash holds a slot until wiped
            byte[] iv = new byte[blockSize];
            Array.Copy(full, 0, iv, 0, blockSize);
            return iv;
        }

        /// <summary>
        /// The first IV of a quick mode or informational exchange: hash(last phase 1 CBC block |
        /// M-ID) truncated to the block size (RFC 2409 Appendix B). Writes <paramref name="blockSize"/> bytes.
        /// </summary>
        public void Phase2Iv(byte[] lastPhase1Block, uint messageId, int blockSize, byte[] output, int outputOffset)
        {
            IHash h = _crypto.CreateHash(_hash);
            byte[] full = new byte[h.HashSize];
            byte[] mid = new byte[4];
            NanoGate.Hal.BigEndian.WriteUInt32(mid, 0, messageId);
            h.Append(lastPhase1Block, 0, blockSize);
            h.Append(mid, 0, 4);
            h.Finish(full, 0);
            h.Wipe();
            Array.Copy(full, 0, output, outputOffset, blockSize);
        }

        /// <summary>
        /// Phase 1 is up: SKEYID and its prf were needed only to derive the other keys and for
        /// HASH_I/HASH_R, SKEYID_e only to expand Ka (RFC 2409 §5, Appendix B); quick mode and
        /// informational exchanges use SKEYID_d, SKEYID_a and Ka. Wiped and dropped (issue 17: the
        /// bytes an established tunnel keeps; a native provider's prf frees its slot).
        /// </summary>
        public void ForgetSetup()
        {
            FixedTime.Wipe(Skeyid);
            FixedTime.Wipe(SkeyidE);
            Skeyid = null;
            SkeyidE = null;
            if (_prfSkeyid != null)
            {
                _prfSkeyid.Wipe();
                _prfSkeyid = null;
            }
        }

        /// <summary>Zeroes every key.</summary>
        public void Wipe()
        {
            FixedTime.Wipe(Skeyid);
            FixedTime.Wipe(SkeyidD);
            FixedTime.Wipe(SkeyidA);
            FixedTime.Wipe(SkeyidE);
            FixedTime.Wipe(EncryptionKey);
            if (_prfSkeyid != null)
            {
                _prfSkeyid.Wipe();
            }
        }

        private void DeriveOne(byte[] previous, byte[] gxy, byte[] cookieI, byte[] cookieR, byte[] suffix, byte[] output)
        {
            if (previous != null)
            {
                _prfSkeyid.Append(previous, 0, previous.Length);
            }

            _prfSkeyid.Append(gxy, 0, gxy.Length);
            _prfSkeyid.Append(cookieI, 0, 8);
            _prfSkeyid.Append(cookieR, 0, 8);
            _prfSkeyid.Append(suffix, 0, 1);
            _prfSkeyid.Finish(output, 0);
        }
    }
}
