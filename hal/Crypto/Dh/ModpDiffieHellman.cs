using System;

namespace NanoGate.Hal.Crypto.Dh
{
    /// <summary>
    /// Diffie-Hellman over the MODP groups 2, 5, 14, 15 and 16 (RFC 2409 §6.2, RFC 3526) in portable
    /// code for the device, which has no big integers: fixed-size limb arrays, Montgomery
    /// multiplication and a fixed-window exponentiation whose operation sequence depends only on the
    /// exponent length (<see cref="MontgomeryField"/>). Key generation happens in the constructor;
    /// <see cref="WritePublicValue"/> and <see cref="ComputeSharedSecret"/> allocate nothing.
    /// </summary>
    public sealed class ModpDiffieHellman : IDiffieHellman
    {
        private readonly DhGroup _group;
        private readonly int _size;
        private readonly MontgomeryField _field;
        private readonly uint[] _primeMinusOne;
        private readonly byte[] _private;
        private readonly byte[] _public;
        private readonly uint[] _value;
        private bool _wiped;

        /// <summary>
        /// A fresh key pair: <see cref="ModpGroups.ExponentLength"/> bytes of private exponent drawn
        /// from <paramref name="random"/> (drawn again in the negligible case they are all zero).
        /// </summary>
        public ModpDiffieHellman(DhGroup group, IRandomSource random)
            : this(group, DrawPrivate(group, random))
        {
        }

        private ModpDiffieHellman(DhGroup group, byte[] privateValue)
        {
            uint[] prime = ModpGroups.CreatePrime(group);
            _group = group;
            _size = ModpGroups.PrimeLength(group);
            _field = new MontgomeryField(prime);
            _primeMinusOne = prime;
            _primeMinusOne[0] -= 1; // p is odd: no borrow
            _private = privateValue;
            _public = new byte[_size];
            _value = new uint[_field.LimbCount];

            // g^x mod p with g = 2, computed once.
            _value[0] = ModpGroups.Generator;
            _field.ToMontgomery(_value, _value);
            _field.Power(_value, _private, 0, _private.Length, _value);
            _field.FromMontgomery(_value, _value);
            MontgomeryField.WriteBigEndian(_value, _public, 0);
            Array.Clear(_value, 0, _value.Length);
        }

        /// <inheritdoc/>
        public DhGroup Group
        {
            get { return _group; }
        }

        /// <inheritdoc/>
        public int PublicValueLength
        {
            get { return _size; }
        }

        /// <inheritdoc/>
        public int SharedSecretLength
        {
            get { return _size; }
        }

        /// <summary>True for groups 2, 5, 14, 15 and 16.</summary>
        public static bool Supports(DhGroup group)
        {
            return ModpGroups.Supports(group);
        }

        /// <summary>
        /// FOR TESTS AND PUBLISHED VECTORS ONLY: a key pair with the given private exponent
        /// (big-endian, 1 to <see cref="ModpGroups.PrimeLength"/> bytes, copied). Real key pairs come
        /// from the constructor, which draws the exponent from the random source.
        /// </summary>
        public static ModpDiffieHellman FromPrivateValue(DhGroup group, byte[] value, int offset, int count)
        {
            if (!ModpGroups.Supports(group))
            {
                throw new ArgumentException("not a MODP group", "group");
            }

            if (value == null || offset < 0 || count < 1 || count > ModpGroups.PrimeLength(group) || offset > value.Length - count)
            {
                throw new ArgumentException("private value out of range", "value");
            }

            byte[] copy = new byte[count];
            Array.Copy(value, offset, copy, 0, count);
            return new ModpDiffieHellman(group, copy);
        }

        /// <inheritdoc/>
        public void WritePublicValue(byte[] output, int offset)
        {
            CheckUsable();
            Array.Copy(_public, 0, output, offset, _size);
        }

        /// <summary>
        /// Checks the peer value y (exactly the group size, 1 &lt; y &lt; p-1: rejects 0, 1 and p-1,
        /// whose powers leak the exponent's parity or are trivial, and anything not reduced), then
        /// writes y^x mod p, left-padded. Never throws on peer input.
        /// </summary>
        public DhResult ComputeSharedSecret(byte[] peer, int peerOffset, int peerCount, byte[] output, int outputOffset)
        {
            CheckUsable();
            if (peer == null || peerCount != _size || peerOffset < 0 || peerOffset > peer.Length - peerCount)
            {
                return DhResult.BadLength;
            }

            uint[] y = _value;
            MontgomeryField.ReadBigEndian(peer, peerOffset, y);
            if (!IsAboveOne(y) || MontgomeryField.Compare(y, _primeMinusOne) >= 0)
            {
                Array.Clear(y, 0, y.Length);
                return DhResult.OutOfRange;
            }

            _field.ToMontgomery(y, y);
            _field.Power(y, _private, 0, _private.Length, y);
            _field.FromMontgomery(y, y);
            MontgomeryField.WriteBigEndian(y, output, outputOffset);
            Array.Clear(y, 0, y.Length);
            return DhResult.Ok;
        }

        /// <inheritdoc/>
        public void Wipe()
        {
            Array.Clear(_private, 0, _private.Length);
            Array.Clear(_value, 0, _value.Length);
            _field.Wipe();
            _wiped = true;
        }

        private static byte[] DrawPrivate(DhGroup group, IRandomSource random)
        {
            if (!ModpGroups.Supports(group))
            {
                throw new ArgumentException("not a MODP group", "group");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            byte[] x = new byte[ModpGroups.ExponentLength(group)];
            bool zero = true;
            while (zero)
            {
                random.Fill(x, 0, x.Length);
                for (int i = 0; i < x.Length; i++)
                {
                    zero &= x[i] == 0;
                }
            }

            return x;
        }

        private static bool IsAboveOne(uint[] y)
        {
            uint high = 0;
            for (int i = 1; i < y.Length; i++)
            {
                high |= y[i];
            }

            return high != 0 || y[0] > 1;
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
