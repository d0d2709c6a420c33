using System;

namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>
    /// The AES block function (FIPS 197) with 128/192/256-bit keys: key expansion (§5.2), the
    /// cipher (§5.1) and the equivalent inverse cipher (§5.3.5), on 32-bit T-tables.
    /// <para>
    /// Timing caveat: the round function looks tables up by secret-dependent indexes. On a CPU
    /// with a data cache shared with an attacker (a multi-tenant host) that leaks key bits through
    /// cache timing. The ESP32 has no such neighbour and the host build uses .NET's AES-NI
    /// implementation, so the tables are the trade chosen for the interpreted device.
    /// </para>
    /// </summary>
    public sealed class AesEngine : IBlockEngine
    {
        private static readonly byte[] s_sbox = new byte[256];
        private static readonly byte[] s_invSbox = new byte[256];
        private static readonly uint[] s_te0 = new uint[256];
        private static readonly uint[] s_te1 = new uint[256];
        private static readonly uint[] s_te2 = new uint[256];
        private static readonly uint[] s_te3 = new uint[256];
        private static readonly uint[] s_td0 = new uint[256];
        private static readonly uint[] s_td1 = new uint[256];
        private static readonly uint[] s_td2 = new uint[256];
        private static readonly uint[] s_td3 = new uint[256];

        private readonly uint[] _ek;
        private readonly uint[] _dk;
        private readonly int _rounds;

        static AesEngine()
        {
            // GF(2^8) modulo x^8 + x^4 + x^3 + x + 1 (FIPS 197 §4.2): log/antilog tables over the
            // generator 3 give inverses; the S-box is the affine map of the inverse (§5.1.1).
            byte[] exp = new byte[256];
            byte[] log = new byte[256];
            int x = 1;
            for (int i = 0; i < 255; i++)
            {
                exp[i] = (byte)x;
                log[x] = (byte)i;
                x ^= Times2(x);
            }

            for (int i = 0; i < 256; i++)
            {
                int inv = i == 0 ? 0 : exp[(255 - log[i]) % 255];
                int s = inv;
                for (int r = 1; r <= 4; r++)
                {
                    s ^= ((inv << r) | (inv >> (8 - r))) & 0xFF;
                }

                s ^= 0x63;
                s_sbox[i] = (byte)s;
                s_invSbox[s] = (byte)i;
            }

            for (int i = 0; i < 256; i++)
            {
                // MixColumns column (2, 1, 1, 3) and InvMixColumns column (14, 9, 13, 11), §5.1.3 and §5.3.3.
                int s = s_sbox[i];
                int s2 = Times2(s);
                uint te = ((uint)s2 << 24) | ((uint)s << 16) | ((uint)s << 8) | (uint)(s2 ^ s);
                s_te0[i] = te;
                s_te1[i] = (te >> 8) | (te << 24);
                s_te2[i] = (te >> 16) | (te << 16);
                s_te3[i] = (te >> 24) | (te << 8);

                int v = s_invSbox[i];
                int v2 = Times2(v);
                int v4 = Times2(v2);
                int v8 = Times2(v4);
                int v9 = v8 ^ v;
                int v11 = v8 ^ v2 ^ v;
                int v13 = v8 ^ v4 ^ v;
                int v14 = v8 ^ v4 ^ v2;
                uint td = ((uint)v14 << 24) | ((uint)v9 << 16) | ((uint)v13 << 8) | (uint)v11;
                s_td0[i] = td;
                s_td1[i] = (td >> 8) | (td << 24);
                s_td2[i] = (td >> 16) | (td << 16);
                s_td3[i] = (td >> 24) | (td << 8);
            }
        }

        /// <summary>Expands a 16, 24 or 32-byte key (callers check the length) for both directions.</summary>
        public AesEngine(byte[] key, int keyOffset, int keyCount)
            : this(key, keyOffset, keyCount, true)
        {
        }

        /// <summary>
        /// Expands a 16, 24 or 32-byte key; without <paramref name="decryption"/> only the encryption
        /// schedule is made (GCM and CTR use the forward cipher only, SP 800-38D §6.5), and
        /// <see cref="DecryptBlock"/> must not be called. Saves up to 240 bytes per key.
        /// </summary>
        public AesEngine(byte[] key, int keyOffset, int keyCount, bool decryption)
            : this(key, keyOffset, keyCount, true, decryption)
        {
        }

        /// <summary>
        /// Expands a 16, 24 or 32-byte key and keeps the schedule of each direction asked for (at
        /// least one): an ESP SA only encrypts or only decrypts (issue 17: 240 bytes saved per
        /// direction left out). The direction not kept must not be called.
        /// </summary>
        public AesEngine(byte[] key, int keyOffset, int keyCount, bool encryption, bool decryption)
        {
            int nk = keyCount / 4;
            _rounds = nk + 6;
            int total = 4 * (_rounds + 1);
            uint[] ek = new uint[total];
            ExpandEncryption(ek, key, keyOffset, nk, total);
            if (encryption)
            {
                _ek = ek;
            }

            if (!decryption)
            {
                return;
            }

            _dk = new uint[total];

            // Equivalent inverse cipher: round keys reversed, InvMixColumns on the inner ones (§5.3.5).
            for (int r = 0; r <= _rounds; r++)
            {
                for (int j = 0; j < 4; j++)
                {
                    uint w = ek[(4 * (_rounds - r)) + j];
                    if (r > 0 && r < _rounds)
                    {
                        w = s_td0[s_sbox[w >> 24]] ^ s_td1[s_sbox[(w >> 16) & 0xFF]]
                            ^ s_td2[s_sbox[(w >> 8) & 0xFF]] ^ s_td3[s_sbox[w & 0xFF]];
                    }

                    _dk[(4 * r) + j] = w;
                }
            }

            if (!encryption)
            {
                Array.Clear(ek, 0, total);
            }
        }

        private static void ExpandEncryption(uint[] ek, byte[] key, int keyOffset, int nk, int total)
        {
            for (int i = 0; i < nk; i++)
            {
                ek[i] = BigEndian.ReadUInt32(key, keyOffset + (4 * i));
            }

            uint rcon = 1;
            for (int i = nk; i < total; i++)
            {
                uint temp = ek[i - 1];
                if (i % nk == 0)
                {
                    temp = SubWord((temp << 8) | (temp >> 24)) ^ (rcon << 24);
                    rcon = (uint)Times2((int)rcon);
                }
                else if (nk > 6 && i % nk == 4)
                {
                    temp = SubWord(temp);
                }

                ek[i] = ek[i - nk] ^ temp;
            }
        }

        /// <summary>Block size in bytes.</summary>
        public int BlockSize
        {
            get { return 16; }
        }

        /// <summary>Encrypts one 16-byte block; input and output may be the same bytes.</summary>
        [FastPath]
        public void EncryptBlock(byte[] input, int inOffset, byte[] output, int outOffset)
        {
            uint[] k = _ek;
            uint[] t0 = s_te0;
            uint[] t1 = s_te1;
            uint[] t2 = s_te2;
            uint[] t3 = s_te3;
            uint s0 = BigEndian.ReadUInt32(input, inOffset) ^ k[0];
            uint s1 = BigEndian.ReadUInt32(input, inOffset + 4) ^ k[1];
            uint s2 = BigEndian.ReadUInt32(input, inOffset + 8) ^ k[2];
            uint s3 = BigEndian.ReadUInt32(input, inOffset + 12) ^ k[3];
            int p = 4;
            for (int r = 1; r < _rounds; r++)
            {
                uint u0 = t0[s0 >> 24] ^ t1[(s1 >> 16) & 0xFF] ^ t2[(s2 >> 8) & 0xFF] ^ t3[s3 & 0xFF] ^ k[p];
                uint u1 = t0[s1 >> 24] ^ t1[(s2 >> 16) & 0xFF] ^ t2[(s3 >> 8) & 0xFF] ^ t3[s0 & 0xFF] ^ k[p + 1];
                uint u2 = t0[s2 >> 24] ^ t1[(s3 >> 16) & 0xFF] ^ t2[(s0 >> 8) & 0xFF] ^ t3[s1 & 0xFF] ^ k[p + 2];
                uint u3 = t0[s3 >> 24] ^ t1[(s0 >> 16) & 0xFF] ^ t2[(s1 >> 8) & 0xFF] ^ t3[s2 & 0xFF] ^ k[p + 3];
                s0 = u0;
                s1 = u1;
                s2 = u2;
                s3 = u3;
                p += 4;
            }

            byte[] sb = s_sbox;
            BigEndian.WriteUInt32(output, outOffset, ((uint)sb[s0 >> 24] << 24) ^ ((uint)sb[(s1 >> 16) & 0xFF] << 16)
                ^ ((uint)sb[(s2 >> 8) & 0xFF] << 8) ^ sb[s3 & 0xFF] ^ k[p]);
            BigEndian.WriteUInt32(output, outOffset + 4, ((uint)sb[s1 >> 24] << 24) ^ ((uint)sb[(s2 >> 16) & 0xFF] << 16)
                ^ ((uint)sb[(s3 >> 8) & 0xFF] << 8) ^ sb[s0 & 0xFF] ^ k[p + 1]);
            BigEndian.WriteUInt32(output, outOffset + 8, ((uint)sb[s2 >> 24] << 24) ^ ((uint)sb[(s3 >> 16) & 0xFF] << 16)
                ^ ((uint)sb[(s0 >> 8) & 0xFF] << 8) ^ sb[s1 & 0xFF] ^ k[p + 2]);
            BigEndian.WriteUInt32(output, outOffset + 12, ((uint)sb[s3 >> 24] << 24) ^ ((uint)sb[(s0 >> 16) & 0xFF] << 16)
                ^ ((uint)sb[(s1 >> 8) & 0xFF] << 8) ^ sb[s2 & 0xFF] ^ k[p + 3]);
        }

        /// <summary>Decrypts one 16-byte block; input and output may be the same bytes.</summary>
        [FastPath]
        public void DecryptBlock(byte[] input, int inOffset, byte[] output, int outOffset)
        {
            uint[] k = _dk;
            uint[] t0 = s_td0;
            uint[] t1 = s_td1;
            uint[] t2 = s_td2;
            uint[] t3 = s_td3;
            uint s0 = BigEndian.ReadUInt32(input, inOffset) ^ k[0];
            uint s1 = BigEndian.ReadUInt32(input, inOffset + 4) ^ k[1];
            uint s2 = BigEndian.ReadUInt32(input, inOffset + 8) ^ k[2];
            uint s3 = BigEndian.ReadUInt32(input, inOffset + 12) ^ k[3];
            int p = 4;
            for (int r = 1; r < _rounds; r++)
            {
                uint u0 = t0[s0 >> 24] ^ t1[(s3 >> 16) & 0xFF] ^ t2[(s2 >> 8) & 0xFF] ^ t3[s1 & 0xFF] ^ k[p];
                uint u1 = t0[s1 >> 24] ^ t1[(s0 >> 16) & 0xFF] ^ t2[(s3 >> 8) & 0xFF] ^ t3[s2 & 0xFF] ^ k[p + 1];
                uint u2 = t0[s2 >> 24] ^ t1[(s1 >> 16) & 0xFF] ^ t2[(s0 >> 8) & 0xFF] ^ t3[s3 & 0xFF] ^ k[p + 2];
                uint u3 = t0[s3 >> 24] ^ t1[(s2 >> 16) & 0xFF] ^ t2[(s1 >> 8) & 0xFF] ^ t3[s0 & 0xFF] ^ k[p + 3];
                s0 = u0;
                s1 = u1;
                s2 = u2;
                s3 = u3;
                p += 4;
            }

            byte[] sb = s_invSbox;
            BigEndian.WriteUInt32(output, outOffset, ((uint)sb[s0 >> 24] << 24) ^ ((uint)sb[(s3 >> 16) & 0xFF] << 16)
                ^ ((uint)sb[(s2 >> 8) & 0xFF] << 8) ^ sb[s1 & 0xFF] ^ k[p]);
            BigEndian.WriteUInt32(output, outOffset + 4, ((uint)sb[s1 >> 24] << 24) ^ ((uint)sb[(s0 >> 16) & 0xFF] << 16)
                ^ ((uint)sb[(s3 >> 8) & 0xFF] << 8) ^ sb[s2 & 0xFF] ^ k[p + 1]);
            BigEndian.WriteUInt32(output, outOffset + 8, ((uint)sb[s2 >> 24] << 24) ^ ((uint)sb[(s1 >> 16) & 0xFF] << 16)
                ^ ((uint)sb[(s0 >> 8) & 0xFF] << 8) ^ sb[s3 & 0xFF] ^ k[p + 2]);
            BigEndian.WriteUInt32(output, outOffset + 12, ((uint)sb[s3 >> 24] << 24) ^ ((uint)sb[(s2 >> 16) & 0xFF] << 16)
                ^ ((uint)sb[(s1 >> 8) & 0xFF] << 8) ^ sb[s0 & 0xFF] ^ k[p + 3]);
        }

        /// <summary>Zeroes both key schedules.</summary>
        public void Wipe()
        {
            if (_ek != null)
            {
                Array.Clear(_ek, 0, _ek.Length);
            }

            if (_dk != null)
            {
                Array.Clear(_dk, 0, _dk.Length);
            }
        }

        private static int Times2(int v)
        {
            v <<= 1;
            return ((v & 0x100) != 0 ? v ^ 0x11B : v) & 0xFF;
        }

        private static uint SubWord(uint w)
        {
            return ((uint)s_sbox[w >> 24] << 24) | ((uint)s_sbox[(w >> 16) & 0xFF] << 16)
                | ((uint)s_sbox[(w >> 8) & 0xFF] << 8) | s_sbox[w & 0xFF];
        }
    }
}
