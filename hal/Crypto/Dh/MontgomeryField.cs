using System;

namespace NanoGate.Hal.Crypto.Dh
{
    /// <summary>
    /// Arithmetic modulo an odd modulus of n 32-bit limbs (little-endian uint[]) in Montgomery form,
    /// R = 2^(32n). Multiplication is CIOS (Koç, Acar, Kaliski, "Analyzing and Comparing Montgomery
    /// Multiplication Algorithms", IEEE Micro 1996) with 32x32->64 products in ulong; the final
    /// subtraction and every selection are by mask, so timing depends only on n.
    /// All scratch space is allocated here: no method allocates after construction.
    /// Values passed in must be reduced (less than the modulus); results always are.
    /// </summary>
    public sealed class MontgomeryField
    {
        /// <summary>Bits of exponent per table lookup in <see cref="Power"/>.</summary>
        private const int WindowBits = 4;
        private const int TableSize = 1 << WindowBits;

        private readonly int _n;
        private readonly uint[] _modulus;
        private readonly uint _m0Inv;
        private readonly uint[] _r2;
        private readonly uint[] _one;
        private readonly uint[] _unit;
        private readonly uint[] _t;
        private readonly uint[] _acc;
        private readonly uint[] _sel;
        private readonly uint[][] _table;

        /// <summary>Prepares the field for <paramref name="modulus"/> (odd, above 1; copied).</summary>
        public MontgomeryField(uint[] modulus)
        {
            if (modulus == null || modulus.Length == 0 || (modulus[0] & 1) == 0 || modulus[modulus.Length - 1] == 0)
            {
                throw new ArgumentException("modulus must be odd with a non-zero top limb", "modulus");
            }

            _n = modulus.Length;
            _modulus = new uint[_n];
            Array.Copy(modulus, _modulus, _n);

            // -m^-1 mod 2^32 by Newton iteration: each step doubles the correct low bits (3 -> 48).
            uint m0 = _modulus[0];
            uint inv = m0;
            for (int i = 0; i < 4; i++)
            {
                inv *= 2 - (m0 * inv);
            }

            _m0Inv = 0 - inv;
            _t = new uint[_n + 2];
            _acc = new uint[_n];
            _sel = new uint[_n];
            _unit = new uint[_n];
            _unit[0] = 1;
            _table = new uint[TableSize][];
            for (int i = 0; i < TableSize; i++)
            {
                _table[i] = new uint[_n];
            }

            // R mod m: start from 2^(b-1) < m (b = bit length of m) and double up to 2^(32n).
            int bits = BitLength(_modulus);
            _one = new uint[_n];
            _one[(bits - 1) >> 5] = 1u << ((bits - 1) & 31);
            for (int i = bits - 1; i < 32 * _n; i++)
            {
                Add(_one, _one, _one);
            }

            // R^2 mod m: write 32n = k * 2^j with k odd; double R mod m k times to get 2^k in
            // Montgomery form, then j Montgomery squarings give 2^(32n) = R in Montgomery form.
            int k = 32 * _n;
            int j = 0;
            while ((k & 1) == 0)
            {
                k >>= 1;
                j++;
            }

            _r2 = new uint[_n];
            Array.Copy(_one, _r2, _n);
            for (int i = 0; i < k; i++)
            {
                Add(_r2, _r2, _r2);
            }

            for (int i = 0; i < j; i++)
            {
                Multiply(_r2, _r2, _r2);
            }
        }

        /// <summary>Limbs per value.</summary>
        public int LimbCount
        {
            get { return _n; }
        }

        /// <summary>a * b / R mod m. <paramref name="result"/> may be <paramref name="a"/> or <paramref name="b"/>.</summary>
        [FastPath]
        public void Multiply(uint[] a, uint[] b, uint[] result)
        {
            int n = _n;
            uint[] t = _t;
            uint[] m = _modulus;
            uint m0Inv = _m0Inv;
            for (int i = 0; i < n + 2; i++)
            {
                t[i] = 0;
            }

            for (int i = 0; i < n; i++)
            {
                // t += a * b[i]
                ulong bi = b[i];
                ulong c = 0;
                for (int j = 0; j < n; j++)
                {
                    c += t[j] + (a[j] * bi);
                    t[j] = (uint)c;
                    c >>= 32;
                }

                c += t[n];
                t[n] = (uint)c;
                t[n + 1] = (uint)(c >> 32);

                // t = (t + q * m) / 2^32 with q chosen so the low limb cancels.
                ulong q = t[0] * m0Inv;
                c = (t[0] + (q * m[0])) >> 32;
                for (int j = 1; j < n; j++)
                {
                    c += t[j] + (q * m[j]);
                    t[j - 1] = (uint)c;
                    c >>= 32;
                }

                c += t[n];
                t[n - 1] = (uint)c;
                t[n] = t[n + 1] + (uint)(c >> 32);
            }

            // Now t < 2m: subtract m unless that underflows, chosen by mask.
            ulong borrow = 0;
            for (int j = 0; j < n; j++)
            {
                ulong d = (ulong)t[j] - m[j] - borrow;
                result[j] = (uint)d;
                borrow = (d >> 32) & 1;
            }

            uint keep = 0 - ((uint)borrow & ~t[n] & 1);
            for (int j = 0; j < n; j++)
            {
                result[j] = (result[j] & ~keep) | (t[j] & keep);
            }
        }

        /// <summary>(a + b) mod m. Any of the three may be the same array.</summary>
        [FastPath]
        public void Add(uint[] a, uint[] b, uint[] result)
        {
            int n = _n;
            uint[] m = _modulus;
            uint[] s = _t;
            ulong c = 0;
            for (int j = 0; j < n; j++)
            {
                c += (ulong)a[j] + b[j];
                s[j] = (uint)c;
                c >>= 32;
            }

            ulong borrow = 0;
            for (int j = 0; j < n; j++)
            {
                ulong d = (ulong)s[j] - m[j] - borrow;
                result[j] = (uint)d;
                borrow = (d >> 32) & 1;
            }

            // Keep the plain sum only when it was below m (no carry out, and subtracting borrowed).
            uint keep = 0 - ((uint)borrow & ~(uint)c & 1);
            for (int j = 0; j < n; j++)
            {
                result[j] = (result[j] & ~keep) | (s[j] & keep);
            }
        }

        /// <summary>(a - b) mod m. Any of the three may be the same array.</summary>
        [FastPath]
        public void Subtract(uint[] a, uint[] b, uint[] result)
        {
            int n = _n;
            uint[] m = _modulus;
            ulong borrow = 0;
            for (int j = 0; j < n; j++)
            {
                ulong d = (ulong)a[j] - b[j] - borrow;
                result[j] = (uint)d;
                borrow = (d >> 32) & 1;
            }

            // Add m back when the difference went negative.
            uint mask = 0 - (uint)borrow;
            ulong c = 0;
            for (int j = 0; j < n; j++)
            {
                c += (ulong)result[j] + (m[j] & mask);
                result[j] = (uint)c;
                c >>= 32;
            }
        }

        /// <summary>a * R mod m (into Montgomery form).</summary>
        [FastPath]
        public void ToMontgomery(uint[] a, uint[] result)
        {
            Multiply(a, _r2, result);
        }

        /// <summary>a / R mod m (out of Montgomery form).</summary>
        [FastPath]
        public void FromMontgomery(uint[] a, uint[] result)
        {
            Multiply(a, _unit, result);
        }

        /// <summary>Writes 1 in Montgomery form (R mod m).</summary>
        [FastPath]
        public void SetOne(uint[] result)
        {
            Array.Copy(_one, result, _n);
        }

        /// <summary>
        /// result = base^e (both in Montgomery form), e the big-endian unsigned integer in
        /// exponent[offset..offset+count). Fixed 4-bit window: for every exponent byte, always four
        /// squarings, a masked scan of the whole table and one multiplication, so the sequence of
        /// operations and memory accesses depends on <paramref name="count"/> only, never on the
        /// exponent's bits. <paramref name="result"/> may be <paramref name="baseValue"/>.
        /// </summary>
        [FastPath]
        public void Power(uint[] baseValue, byte[] exponent, int offset, int count, uint[] result)
        {
            int n = _n;
            uint[][] table = _table;
            Array.Copy(_one, table[0], n);
            Array.Copy(baseValue, table[1], n);
            for (int i = 2; i < TableSize; i++)
            {
                Multiply(table[i - 1], baseValue, table[i]);
            }

            uint[] acc = _acc;
            uint[] sel = _sel;
            Array.Copy(_one, acc, n);
            for (int i = 0; i < count; i++)
            {
                int b = exponent[offset + i];
                for (int half = 0; half < 2; half++)
                {
                    int window = half == 0 ? (b >> 4) : (b & 15);
                    for (int s = 0; s < WindowBits; s++)
                    {
                        Multiply(acc, acc, acc);
                    }

                    Select(window, sel);
                    Multiply(acc, sel, acc);
                }
            }

            Array.Copy(acc, result, n);
        }

        /// <summary>True when a &lt; m (not constant time: for public values only).</summary>
        public bool IsBelowModulus(uint[] a)
        {
            return Compare(a, _modulus) < 0;
        }

        /// <summary>Zeroes the scratch space that held secret-dependent values.</summary>
        public void Wipe()
        {
            Array.Clear(_t, 0, _t.Length);
            Array.Clear(_acc, 0, _n);
            Array.Clear(_sel, 0, _n);
            for (int i = 0; i < TableSize; i++)
            {
                Array.Clear(_table[i], 0, _n);
            }
        }

        /// <summary>Compares two equal-length limb arrays as unsigned integers (-1, 0, 1). Not constant time.</summary>
        public static int Compare(uint[] a, uint[] b)
        {
            for (int i = a.Length - 1; i >= 0; i--)
            {
                if (a[i] != b[i])
                {
                    return a[i] < b[i] ? -1 : 1;
                }
            }

            return 0;
        }

        /// <summary>Reads <paramref name="result"/>.Length*4 big-endian bytes into little-endian limbs.</summary>
        [FastPath]
        public static void ReadBigEndian(byte[] buffer, int offset, uint[] result)
        {
            int n = result.Length;
            for (int i = 0; i < n; i++)
            {
                result[i] = BigEndian.ReadUInt32(buffer, offset + (4 * (n - 1 - i)));
            }
        }

        /// <summary>Writes the limbs as <paramref name="value"/>.Length*4 big-endian bytes.</summary>
        [FastPath]
        public static void WriteBigEndian(uint[] value, byte[] buffer, int offset)
        {
            int n = value.Length;
            for (int i = 0; i < n; i++)
            {
                BigEndian.WriteUInt32(buffer, offset + (4 * (n - 1 - i)), value[i]);
            }
        }

        /// <summary>
        /// Parses hex as RFCs and FIPS print it (spaces ignored) into <paramref name="limbCount"/>
        /// little-endian limbs (a new array). For the constant tables, not for peer input.
        /// </summary>
        public static uint[] FromHex(string hex, int limbCount)
        {
            uint[] limbs = new uint[limbCount];
            int nibble = 0;
            for (int i = hex.Length - 1; i >= 0; i--)
            {
                int digit = Hex.Nibble(hex[i]);
                if (digit < 0)
                {
                    continue;
                }

                if (nibble >= 8 * limbCount)
                {
                    throw new ArgumentException("hex constant wider than the limbs", "hex");
                }

                limbs[nibble >> 3] |= (uint)digit << (4 * (nibble & 7));
                nibble++;
            }

            return limbs;
        }

        /// <summary>Constant-time table lookup: reads every entry, keeps the one at <paramref name="index"/>.</summary>
        [FastPath]
        private void Select(int index, uint[] result)
        {
            int n = _n;
            for (int j = 0; j < n; j++)
            {
                result[j] = 0;
            }

            for (int k = 0; k < TableSize; k++)
            {
                // mask = all ones when k == index: (d - 1) has its top bit set only for d == 0.
                uint d = (uint)(k ^ index);
                uint mask = 0 - ((d - 1) >> 31);
                uint[] entry = _table[k];
                for (int j = 0; j < n; j++)
                {
                    result[j] |= entry[j] & mask;
                }
            }
        }

        private static int BitLength(uint[] a)
        {
            for (int i = a.Length - 1; i >= 0; i--)
            {
                uint v = a[i];
                if (v != 0)
                {
                    int bits = 0;
                    while (v != 0)
                    {
                        bits++;
                        v >>= 1;
                    }

                    return (32 * i) + bits;
                }
            }

            return 0;
        }
    }
}
