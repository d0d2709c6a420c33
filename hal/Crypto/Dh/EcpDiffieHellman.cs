using System;

namespace NanoGate.Hal.Crypto.Dh
{
    /// <summary>
    /// ECP Diffie-Hellman for groups 19, 20, 21 (RFC 5903; NIST P-256, P-384, P-521) in portable
    /// code. Points are projective (X:Y:Z) in Montgomery form and added with the complete formulas
    /// of Renes, Costello and Batina ("Complete addition formulas for prime order elliptic curves",
    /// EUROCRYPT 2016, Algorithm 4, a = -3), which have no exceptional cases (the point at infinity,
    /// P = Q) for these prime-order curves; scalar multiplication is a Montgomery ladder with masked
    /// swaps, a fixed number of steps per scalar size. Public value x | y (RFC 5903 §7), shared
    /// secret x (RFC 5903 §9). Key generation happens in the constructor;
    /// <see cref="WritePublicValue"/> and <see cref="ComputeSharedSecret"/> allocate nothing.
    /// </summary>
    public sealed class EcpDiffieHellman : IDiffieHellman
    {
        private readonly EcpCurve _curve;
        private readonly MontgomeryField _field;
        private readonly int _size;
        private readonly int _limbs;
        private readonly byte[] _scalar;
        private readonly byte[] _public;
        private readonly byte[] _pMinus2;
        private readonly byte[] _bytes;
        private readonly uint[] _b;
        private readonly uint[] _x0, _y0, _z0, _x1, _y1, _z1;
        private readonly uint[] _px, _py;
        private readonly uint[] _t0, _t1, _t2, _t3, _t4, _x3, _y3, _z3;
        private bool _wiped;

        /// <summary>
        /// A fresh key pair: the private scalar is drawn from <paramref name="random"/> as FIPS 186-4
        /// B.4.2 does (FieldSize bytes, bits above n's length cleared, drawn again until in [1, n-1]).
        /// </summary>
        public EcpDiffieHellman(DhGroup group, IRandomSource random)
            : this(EcpCurve.Create(CheckGroup(group)))
        {
            DrawScalar(random);
            ComputePublicValue();
        }

        private EcpDiffieHellman(EcpCurve curve)
        {
            _curve = curve;
            _size = curve.FieldSize;
            _limbs = curve.LimbCount;
            _field = new MontgomeryField(curve.P);
            _scalar = new byte[_size];
            _public = new byte[2 * _size];
            _bytes = new byte[4 * _limbs];
            _b = NewElement();
            _x0 = NewElement();
            _y0 = NewElement();
            _z0 = NewElement();
            _x1 = NewElement();
            _y1 = NewElement();
            _z1 = NewElement();
            _px = NewElement();
            _py = NewElement();
            _t0 = NewElement();
            _t1 = NewElement();
            _t2 = NewElement();
            _t3 = NewElement();
            _t4 = NewElement();
            _x3 = NewElement();
            _y3 = NewElement();
            _z3 = NewElement();

            _field.ToMontgomery(curve.B, _b);

            // p - 2 as a big-endian exponent for inversion by Fermat (p is odd and above 2).
            uint[] pMinus2 = NewElement();
            Array.Copy(curve.P, pMinus2, _limbs);
            pMinus2[0] -= 2;
            MontgomeryField.WriteBigEndian(pMinus2, _bytes, 0);
            _pMinus2 = new byte[_size];
            Array.Copy(_bytes, _bytes.Length - _size, _pMinus2, 0, _size);
        }

        /// <inheritdoc/>
        public DhGroup Group
        {
            get { return _curve.Group; }
        }

        /// <inheritdoc/>
        public int PublicValueLength
        {
            get { return 2 * _size; }
        }

        /// <inheritdoc/>
        public int SharedSecretLength
        {
            get { return _size; }
        }

        /// <summary>True for groups 19, 20 and 21.</summary>
        public static bool Supports(DhGroup group)
        {
            return EcpCurve.Supports(group);
        }

        /// <summary>
        /// FOR TESTS AND PUBLISHED VECTORS ONLY (RFC 5903 §8): a key pair with the given big-endian
        /// private scalar (at most FieldSize bytes, value in [1, n-1], copied).
        /// </summary>
        public static EcpDiffieHellman FromPrivateValue(DhGroup group, byte[] value, int offset, int count)
        {
            EcpCurve curve = EcpCurve.Create(CheckGroup(group));
            if (value == null || offset < 0 || count < 1 || count > curve.FieldSize || offset > value.Length - count)
            {
                throw new ArgumentException("private value out of range", "value");
            }

            var dh = new EcpDiffieHellman(curve);
            Array.Copy(value, offset, dh._scalar, dh._size - count, count);
            if (!dh.ScalarInRange())
            {
                dh.Wipe();
                throw new ArgumentException("private value must be in [1, n-1]", "value");
            }

            dh.ComputePublicValue();
            return dh;
        }

        /// <inheritdoc/>
        public void WritePublicValue(byte[] output, int offset)
        {
            CheckUsable();
            Array.Copy(_public, 0, output, offset, 2 * _size);
        }

        /// <summary>
        /// Checks the length and that (x, y) is a point of the curve with reduced coordinates
        /// (RFC 5903 §7 validation; refuses (0,0) too: the encoding has no point at infinity), then
        /// writes the x coordinate of d * peer. Never throws on peer input.
        /// </summary>
        public DhResult ComputeSharedSecret(byte[] peer, int peerOffset, int peerCount, byte[] output, int outputOffset)
        {
            CheckUsable();
            if (peer == null || peerCount != 2 * _size || peerOffset < 0 || peerOffset > peer.Length - peerCount)
            {
                return DhResult.BadLength;
            }

            ReadElement(peer, peerOffset, _px);
            ReadElement(peer, peerOffset + _size, _py);
            if (!_field.IsBelowModulus(_px) || !_field.IsBelowModulus(_py))
            {
                return DhResult.NotOnCurve;
            }

            _field.ToMontgomery(_px, _px);
            _field.ToMontgomery(_py, _py);
            if (!OnCurve(_px, _py))
            {
                return DhResult.NotOnCurve;
            }

            Ladder();

            // Prime order and 1 <= d < n: d * P is never the point at infinity, so Z != 0.
            ToAffine(output, outputOffset, false, output, 0);
            return DhResult.Ok;
        }

        /// <inheritdoc/>
        public void Wipe()
        {
            Array.Clear(_scalar, 0, _size);
            uint[][] all = new uint[][] { _x0, _y0, _z0, _x1, _y1, _z1, _px, _py, _t0, _t1, _t2, _t3, _t4, _x3, _y3, _z3 };
            for (int i = 0; i < all.Length; i++)
            {
                Array.Clear(all[i], 0, _limbs);
            }

            Array.Clear(_bytes, 0, _bytes.Length);
            _field.Wipe();
            _wiped = true;
        }

        private static DhGroup CheckGroup(DhGroup group)
        {
            if (!EcpCurve.Supports(group))
            {
                throw new ArgumentException("not an ECP group", "group");
            }

            return group;
        }

        /// <summary>Public value: x | y of d * G.</summary>
        private void ComputePublicValue()
        {
            _field.ToMontgomery(_curve.Gx, _px);
            _field.ToMontgomery(_curve.Gy, _py);
            Ladder();
            ToAffine(_public, 0, true, _public, _size);
        }

        private uint[] NewElement()
        {
            return new uint[_limbs];
        }

        private void DrawScalar(IRandomSource random)
        {
            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            int excess = (8 * _size) - BitLength(_curve.N);
            do
            {
                random.Fill(_scalar, 0, _size);
                _scalar[0] &= (byte)(0xFF >> excess);
            }
            while (!ScalarInRange());
        }

        /// <summary>1 &lt;= d &lt;= n-1 (on the candidate only: rejected draws are discarded).</summary>
        private bool ScalarInRange()
        {
            ReadElement(_scalar, 0, _t0);
            bool nonZero = false;
            for (int i = 0; i < _limbs; i++)
            {
                nonZero |= _t0[i] != 0;
            }

            bool below = MontgomeryField.Compare(_t0, _curve.N) < 0;
            Array.Clear(_t0, 0, _limbs);
            return nonZero && below;
        }

        /// <summary>y^2 == x^3 - 3x + b, all in Montgomery form.</summary>
        private bool OnCurve(uint[] x, uint[] y)
        {
            MontgomeryField f = _field;
            f.Multiply(y, y, _t0);          // y^2
            f.Multiply(x, x, _t1);
            f.Multiply(_t1, x, _t1);        // x^3
            f.Add(x, x, _t2);
            f.Add(_t2, x, _t2);             // 3x
            f.Subtract(_t1, _t2, _t1);
            f.ToMontgomery(_curve.B, _t2);
            f.Add(_t1, _t2, _t1);           // x^3 - 3x + b
            return MontgomeryField.Compare(_t0, _t1) == 0;
        }

        /// <summary>
        /// (X0:Y0:Z0) = d * (px, py) by a Montgomery ladder over every bit of the FieldSize-byte
        /// scalar: per bit one masked swap, one addition, one doubling, one masked swap.
        /// </summary>
        private void Ladder()
        {
            MontgomeryField f = _field;

            // R0 = infinity (0:1:0), R1 = P (px:py:1).
            Array.Clear(_x0, 0, _limbs);
            f.SetOne(_y0);
            Array.Clear(_z0, 0, _limbs);
            Array.Copy(_px, _x1, _limbs);
            Array.Copy(_py, _y1, _limbs);
            f.SetOne(_z1);

            for (int i = 0; i < _size; i++)
            {
                int b = _scalar[i];
                for (int bit = 7; bit >= 0; bit--)
                {
                    uint mask = 0 - (uint)((b >> bit) & 1);
                    Swap(mask);
                    Add(_x0, _y0, _z0, _x1, _y1, _z1, _x1, _y1, _z1);
                    Add(_x0, _y0, _z0, _x0, _y0, _z0, _x0, _y0, _z0);
                    Swap(mask);
                }
            }
        }

        private void Swap(uint mask)
        {
            SwapElements(_x0, _x1, mask);
            SwapElements(_y0, _y1, mask);
            SwapElements(_z0, _z1, mask);
        }

        private void SwapElements(uint[] a, uint[] b, uint mask)
        {
            for (int j = 0; j < _limbs; j++)
            {
                uint t = (a[j] ^ b[j]) & mask;
                a[j] ^= t;
                b[j] ^= t;
            }
        }

        /// <summary>
        /// (X3:Y3:Z3) = (X1:Y1:Z1) + (X2:Y2:Z2), complete for a = -3 (RCB16 Algorithm 4, step by
        /// step). The output may be either input.
        /// </summary>
        private void Add(uint[] x1, uint[] y1, uint[] z1, uint[] x2, uint[] y2, uint[] z2, uint[] rx, uint[] ry, uint[] rz)
        {
            MontgomeryField f = _field;
            uint[] t0 = _t0, t1 = _t1, t2 = _t2, t3 = _t3, t4 = _t4, x3 = _x3, y3 = _y3, z3 = _z3;
            f.Multiply(x1, x2, t0);   // 1
            f.Multiply(y1, y2, t1);   // 2
            f.Multiply(z1, z2, t2);   // 3
            f.Add(x1, y1, t3);        // 4
            f.Add(x2, y2, t4);        // 5
            f.Multiply(t3, t4, t3);   // 6
            f.Add(t0, t1, t4);        // 7
            f.Subtract(t3, t4, t3);   // 8
            f.Add(y1, z1, t4);        // 9
            f.Add(y2, z2, x3);        // 10
            f.Multiply(t4, x3, t4);   // 11
            f.Add(t1, t2, x3);        // 12
            f.Subtract(t4, x3, t4);   // 13
            f.Add(x1, z1, x3);        // 14
            f.Add(x2, z2, y3);        // 15
            f.Multiply(x3, y3, x3);   // 16
            f.Add(t0, t2, y3);        // 17
            f.Subtract(x3, y3, y3);   // 18
            f.Multiply(_b, t2, z3);   // 19
            f.Subtract(y3, z3, x3);   // 20
            f.Add(x3, x3, z3);        // 21
            f.Add(x3, z3, x3);        // 22
            f.Subtract(t1, x3, z3);   // 23
            f.Add(t1, x3, x3);        // 24
            f.Multiply(_b, y3, y3);   // 25
            f.Add(t2, t2, t1);        // 26
            f.Add(t1, t2, t2);        // 27
            f.Subtract(y3, t2, y3);   // 28
            f.Subtract(y3, t0, y3);   // 29
            f.Add(y3, y3, t1);        // 30
            f.Add(t1, y3, y3);        // 31
            f.Add(t0, t0, t1);        // 32
            f.Add(t1, t0, t0);        // 33
            f.Subtract(t0, t2, t0);   // 34
            f.Multiply(t4, y3, t1);   // 35
            f.Multiply(t0, y3, t2);   // 36
            f.Multiply(x3, z3, y3);   // 37
            f.Add(y3, t2, y3);        // 38
            f.Multiply(t3, x3, x3);   // 39
            f.Subtract(x3, t1, x3);   // 40
            f.Multiply(t4, z3, z3);   // 41
            f.Multiply(t3, t0, t1);   // 42
            f.Add(z3, t1, z3);        // 43
            Array.Copy(x3, rx, _limbs);
            Array.Copy(y3, ry, _limbs);
            Array.Copy(z3, rz, _limbs);
        }

        /// <summary>Writes x = X0/Z0 (and y = Y0/Z0 when <paramref name="withY"/>) as FieldSize bytes.</summary>
        private void ToAffine(byte[] xOutput, int xOffset, bool withY, byte[] yOutput, int yOffset)
        {
            MontgomeryField f = _field;
            f.Power(_z0, _pMinus2, 0, _pMinus2.Length, _t0); // 1/Z by Fermat
            f.Multiply(_x0, _t0, _t1);
            f.FromMontgomery(_t1, _t1);
            WriteElement(_t1, xOutput, xOffset);
            if (withY)
            {
                f.Multiply(_y0, _t0, _t1);
                f.FromMontgomery(_t1, _t1);
                WriteElement(_t1, yOutput, yOffset);
            }

            Array.Clear(_t0, 0, _limbs);
            Array.Clear(_t1, 0, _limbs);
        }

        /// <summary>FieldSize big-endian bytes into limbs (the limbs may be wider: P-521 is 66 bytes in 17 limbs).</summary>
        private void ReadElement(byte[] buffer, int offset, uint[] result)
        {
            int pad = _bytes.Length - _size;
            for (int i = 0; i < pad; i++)
            {
                _bytes[i] = 0;
            }

            Array.Copy(buffer, offset, _bytes, pad, _size);
            MontgomeryField.ReadBigEndian(_bytes, 0, result);
        }

        private void WriteElement(uint[] value, byte[] buffer, int offset)
        {
            MontgomeryField.WriteBigEndian(value, _bytes, 0);
            Array.Copy(_bytes, _bytes.Length - _size, buffer, offset, _size);
        }

        private static int BitLength(uint[] a)
        {
            for (int i = a.Length - 1; i >= 0; i--)
            {
                uint v = a[i];
                int bits = 0;
                while (v != 0)
                {
                    bits++;
                    v >>= 1;
                }

                if (bits != 0)
                {
                    return (32 * i) + bits;
                }
            }

            return 0;
        }

        private void CheckUsable()
        {
            if (_wiped)
            {
                throw new InvalidOperationException("Diffie-Hellman key pair was wiped");
            }
        }
    }
}
