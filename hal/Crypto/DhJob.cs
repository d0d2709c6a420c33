using System;

namespace NanoGate.Hal.Crypto
{
    /// <summary>
    /// One Diffie-Hellman computation off the run loop (<see cref="BackgroundJob"/>): a new key pair
    /// (our public value), the shared secret with the peer's public value, or both. The private
    /// value's random bytes are drawn when the job is made, on the run loop, so the random source
    /// is never used from two threads; the job owns its key pair and secret until the run loop
    /// takes them, and wipes them itself when it is cancelled.
    /// </summary>
    public sealed class DhJob : BackgroundJob
    {
        private readonly ICryptoProvider _crypto;
        private readonly DhGroup _group;
        private readonly byte[] _peer;
        private readonly DrawnRandom _random;
        private IDiffieHellman _pair;
        private byte[] _public;
        private byte[] _secret;
        private DhResult _result;

        private DhJob(ICryptoProvider crypto, DhGroup group, IRandomSource random, IDiffieHellman pair, byte[] peer, int peerOffset, int peerCount)
        {
            _crypto = crypto;
            _group = group;
            _pair = pair;
            if (random != null)
            {
                // Twice what one draw takes: room for the redraw of FIPS 186-4 B.4.2 (about 2^-32 on P-256).
                _random = new DrawnRandom(random, 2 * PrivateValueLength(group));
            }

            if (peer != null)
            {
                _peer = new byte[peerCount];
                Array.Copy(peer, peerOffset, _peer, 0, peerCount);
            }
        }

        /// <summary>A new key pair in <paramref name="group"/> (its private value's bytes drawn from <paramref name="random"/> now).</summary>
        public static DhJob NewPair(ICryptoProvider crypto, DhGroup group, IRandomSource random)
        {
            return new DhJob(crypto, group, random, null, null, 0, 0);
        }

        /// <summary>A new key pair and the shared secret with the peer's public value (a responder's step).</summary>
        public static DhJob NewPairAndSecret(ICryptoProvider crypto, DhGroup group, IRandomSource random, byte[] peer, int peerOffset, int peerCount)
        {
            return new DhJob(crypto, group, random, null, peer, peerOffset, peerCount);
        }

        /// <summary>The shared secret of <paramref name="pair"/> (the job owns it from now on) with the peer's public value.</summary>
        public static DhJob Secret(IDiffieHellman pair, byte[] peer, int peerOffset, int peerCount)
        {
            return new DhJob(null, pair.Group, null, pair, peer, peerOffset, peerCount);
        }

        /// <summary>Random bytes one private value of <paramref name="group"/> takes (MODP: the short exponent; ECP: the scalar).</summary>
        public static int PrivateValueLength(DhGroup group)
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
                    return Dh.ModpGroups.Supports(group) ? Dh.ModpGroups.ExponentLength(group) : 0;
            }
        }

        /// <summary>Bytes of a public value of <paramref name="group"/> (MODP: the prime's; ECP: x | y), 0 when unknown.</summary>
        public static int PublicValueLength(DhGroup group)
        {
            switch (group)
            {
                case DhGroup.Ecp256:
                case DhGroup.Ecp384:
                case DhGroup.Ecp521:
                    return 2 * PrivateValueLength(group);
                default:
                    return Dh.ModpGroups.Supports(group) ? Dh.ModpGroups.PrimeLength(group) : 0;
            }
        }

        /// <summary>Whether the job computes a shared secret (it was given the peer's public value).</summary>
        public bool HasPeerValue
        {
            get { return _peer != null; }
        }

        /// <summary>The group.</summary>
        public DhGroup Group
        {
            get { return _group; }
        }

        /// <summary>Done, not faulted, and the peer's value (if any) was valid.</summary>
        public bool Succeeded
        {
            get { return IsDone && !Faulted && _result == DhResult.Ok && _pair != null; }
        }

        /// <summary>The peer's value was refused (wrong length, out of range, off the curve); Ok otherwise.</summary>
        public DhResult Result
        {
            get { return _result; }
        }

        /// <summary>Whether the job wiped what it held (it was cancelled).</summary>
        public bool Discarded { get; private set; }

        /// <summary>Our public value (new pairs), once <see cref="BackgroundJob.IsDone"/>.</summary>
        public byte[] PublicValue
        {
            get { return _public; }
        }

        /// <summary>The key pair, handed over to the caller (who wipes it from now on).</summary>
        public IDiffieHellman TakePair()
        {
            IDiffieHellman pair = _pair;
            _pair = null;
            return pair;
        }

        /// <summary>The shared secret g^xy, handed over to the caller (who wipes it from now on).</summary>
        public byte[] TakeSecret()
        {
            byte[] secret = _secret;
            _secret = null;
            return secret;
        }

        /// <inheritdoc/>
        protected override void Compute()
        {
            if (_pair == null)
            {
                _pair = _crypto.CreateDiffieHellman(_group, _random);
                _random.Wipe();
                _public = new byte[_pair.PublicValueLength];
                _pair.WritePublicValue(_public, 0);
            }

            if (_peer != null)
            {
                byte[] secret = new byte[_pair.SharedSecretLength];
                _result = _pair.ComputeSharedSecret(_peer, 0, _peer.Length, secret, 0);
                if (_result == DhResult.Ok)
                {
                    _secret = secret;
                }
                else
                {
                    FixedTime.Wipe(secret);
                }
            }
        }

        /// <inheritdoc/>
        protected override void Discard()
        {
            if (_random != null)
            {
                _random.Wipe();
            }

            if (_pair != null)
            {
                _pair.Wipe();
                _pair = null;
            }

            if (_secret != null)
            {
                FixedTime.Wipe(_secret);
                _secret = null;
            }

            Discarded = true;
        }
    }
}
