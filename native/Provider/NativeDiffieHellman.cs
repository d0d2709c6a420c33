using System;
using NanoGate.Hal.Crypto.Dh;

namespace NanoGate.Hal.Crypto.Native
{
    /// <summary>
    /// MODP (RFC 2409 §6.2, RFC 3526; groups 2, 5, 14, 15, 16) or ECP (RFC 5903; groups 19, 20, 21)
    /// Diffie-Hellman in the native component (mbedtls_mpi_exp_mod, mbedtls_ecp_mul; ESP32: the
    /// big-number accelerator). The private value is drawn here from the board's random source,
    /// exactly as the portable classes draw it (MODP: <see cref="ModpGroups.ExponentLength"/>
    /// bytes, again while all zero; ECP: FIPS 186-4 B.4.2, FieldSize bytes, bits above n cleared,
    /// again until in [1, n-1], which the native side checks), so the same seeded source gives the
    /// same keys on all three providers. It is handed to the native slot and wiped here at once;
    /// the slot holds it until <see cref="Wipe"/>.
    /// </summary>
    public sealed class NativeDiffieHellman : IDiffieHellman
    {
        private readonly DhGroup _group;
        private readonly int _publicLength;
        private readonly int _secretLength;
        private readonly int _slot;
        private int _handle;

        private NativeDiffieHellman(DhGroup group, int handle, int publicLength, int secretLength)
        {
            _group = group;
            _handle = handle;
            _slot = handle;
            _publicLength = publicLength;
            _secretLength = secretLength;
        }

        /// <inheritdoc/>
        public DhGroup Group
        {
            get { return _group; }
        }

        /// <inheritdoc/>
        public int PublicValueLength
        {
            get { return _publicLength; }
        }

        /// <inheritdoc/>
        public int SharedSecretLength
        {
            get { return _secretLength; }
        }

        /// <summary>The native slot (for tests: it reads all zero after <see cref="Wipe"/>).</summary>
        public int Slot
        {
            get { return _slot; }
        }

        /// <summary>True for MODP groups 2, 5, 14, 15, 16 and ECP groups 19, 20, 21.</summary>
        public static bool Supports(DhGroup group)
        {
            return ModpGroups.Supports(group) || FieldSize(group) != 0;
        }

        /// <summary>A fresh key pair with its private value drawn from <paramref name="random"/>.</summary>
        public static NativeDiffieHellman Create(DhGroup group, IRandomSource random)
        {
            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            if (ModpGroups.Supports(group))
            {
                byte[] x = new byte[ModpGroups.ExponentLength(group)];
                do
                {
                    random.Fill(x, 0, x.Length);
                }
                while (IsZero(x));

                try
                {
                    return FromPrivateValue(group, x, 0, x.Length);
                }
                finally
                {
                    Array.Clear(x, 0, x.Length);
                }
            }

            int size = FieldSize(group);
            if (size == 0)
            {
                throw new NotSupportedException("Diffie-Hellman group not supported");
            }

            // P-256 and P-384 orders are 256 and 384 bits long, P-521's is 521: clear the 7 bits above it.
            int excess = group == DhGroup.Ecp521 ? 7 : 0;
            byte[] d = new byte[size];
            while (true)
            {
                random.Fill(d, 0, size);
                d[0] &= (byte)(0xFF >> excess);
                int handle = NativeMethods.EcpCreate((int)group, d, 0, size);
                if (handle >= 0)
                {
                    Array.Clear(d, 0, size);
                    return new NativeDiffieHellman(group, handle, 2 * size, size);
                }

                if (handle != -1)
                {
                    Array.Clear(d, 0, size);
                    NativeObject.Created(handle);
                }

                // -1: d = 0 or d >= n, drawn again (FIPS 186-4 B.4.2).
            }
        }

        /// <summary>
        /// FOR TESTS AND PUBLISHED VECTORS ONLY (RFC 5903 §8): a key pair with the given big-endian
        /// private value (MODP: the exponent; ECP: the scalar, in [1, n-1]). The caller's copy stays
        /// the caller's to wipe.
        /// </summary>
        public static NativeDiffieHellman FromPrivateValue(DhGroup group, byte[] value, int offset, int count)
        {
            NativeRange.Check(value, offset, count);
            if (ModpGroups.Supports(group))
            {
                int length = ModpGroups.PrimeLength(group);
                byte[] prime = new byte[length];
                MontgomeryField.WriteBigEndian(ModpGroups.CreatePrime(group), prime, 0);
                int handle = NativeObject.Created(NativeMethods.ModpCreate(prime, 0, length, value, offset, count));
                return new NativeDiffieHellman(group, handle, length, length);
            }

            int size = FieldSize(group);
            if (size == 0)
            {
                throw new NotSupportedException("Diffie-Hellman group not supported");
            }

            return new NativeDiffieHellman(group, NativeObject.Created(NativeMethods.EcpCreate((int)group, value, offset, count)), 2 * size, size);
        }

        /// <inheritdoc/>
        public void WritePublicValue(byte[] output, int offset)
        {
            NativeRange.Check(output, offset, _publicLength);
            NativeObject.Created(NativeMethods.DhPublic(_handle, output, offset, _publicLength));
        }

        /// <summary>
        /// Checks the length and the value (MODP: 1 &lt; y &lt; p-1; ECP: coordinates below p, on the
        /// curve) natively, then writes the shared secret. Never throws on peer input.
        /// </summary>
        public DhResult ComputeSharedSecret(byte[] peer, int peerOffset, int peerCount, byte[] output, int outputOffset)
        {
            if (peer == null || peerCount != _publicLength || peerOffset < 0 || peerOffset > peer.Length - peerCount)
            {
                return DhResult.BadLength;
            }

            NativeRange.Check(output, outputOffset, _secretLength);
            int result = NativeMethods.DhCompute(_handle, peer, peerOffset, peerCount, output, outputOffset, _secretLength);
            if (result < 0)
            {
                NativeObject.Created(result); // wiped object or out of memory: a local fault, not the peer's
            }

            return (DhResult)result;
        }

        /// <inheritdoc/>
        public void Wipe()
        {
            NativeMethods.Release(_handle);
            _handle = NativeObject.Released;
        }

        /// <summary>Bytes of one coordinate of groups 19, 20, 21 (RFC 5903 §3); 0 for other groups.</summary>
        private static int FieldSize(DhGroup group)
        {
            switch (group)
            {
                case DhGroup.Ecp256:
                    return 32;
                case DhGroup.Ecp384:
                    return 48;
                case DhGroup.Ecp521:
                    return 66;
                default:
                    return 0;
            }
        }

        private static bool IsZero(byte[] x)
        {
            int any = 0;
            for (int i = 0; i < x.Length; i++)
            {
                any |= x[i];
            }

            return any == 0;
        }
    }
}
