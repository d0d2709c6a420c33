using System;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Esp
{
    /// <summary>
    /// Outbound CBC IVs for one SA. RFC 3602 §2.3 (and RFC 2451 for 3DES) wants every IV
    /// unpredictable to an observer; "unique" is not enough for CBC.
    /// <para>
    /// Choice: the IVs are the CBC encryption, under a second key K_iv drawn from the board's
    /// <see cref="IRandomSource"/> when the SA is installed, of a running block counter. A block
    /// cipher under a secret random key is a pseudorandom permutation, so without K_iv the next IV
    /// cannot be predicted from the previous ones (the same construction as a CTR/CBC-based DRBG).
    /// The pool is filled <see cref="PoolBlocks"/> blocks at a time in one cipher call, because
    /// the per-call cost of a cipher (an OpenSSL context on the host, the interpreter on the device)
    /// is larger than a block's worth of work; calling the board RNG per packet would cost a system
    /// call on the host and a peripheral read on the ESP32, each more than one amortised block.
    /// </para>
    /// <para>GCM does not use this: its explicit IV is the sequence number (RFC 4106 §3.1 allows a counter).</para>
    /// </summary>
    public sealed class CbcIvGenerator
    {
        /// <summary>
        /// Blocks made per refill (our choice: 128 bytes for AES, 64 for 3DES). Every outbound CBC
        /// SA keeps its pool for its lifetime, so this is per tunnel memory on a board without PSRAM
        /// (issue 17); 8 blocks still spread one cipher call over 8 packets (docs/PERFORMANCE.md).
        /// </summary>
        public const int PoolBlocks = 8;

        // The IV of a refill: all zero, read and never written by every provider, so one for all SAs
        // (16 bytes covers AES and 3DES).
        private static readonly byte[] s_zeroIv = new byte[16];

        private readonly IBlockCipher _cipher;
        private readonly byte[] _pool;
        private readonly int _blockSize;
        private int _next;
        private ulong _counter;

        /// <summary>Draws K_iv from <paramref name="random"/> and keys a cipher of the same kind as the SA's.</summary>
        public CbcIvGenerator(ICryptoProvider crypto, CipherAlgorithm cipher, int keyLength, IRandomSource random)
        {
            // K_iv lives only in the cipher: the provider keeps no reference to the key (ICryptoProvider).
            byte[] key = new byte[keyLength];
            random.Fill(key, 0, keyLength);
            _cipher = crypto.CreateCbc(cipher, key, 0, keyLength, true);
            FixedTime.Wipe(key);
            _blockSize = _cipher.BlockSize;
            _pool = new byte[PoolBlocks * _blockSize];
            _next = _pool.Length;
        }

        /// <summary>Writes the next IV (one block) at <paramref name="offset"/>.</summary>
        [FastPath]
        public void Next(byte[] destination, int offset)
        {
            if (_next == _pool.Length)
            {
                Refill();
            }

            Array.Copy(_pool, _next, destination, offset, _blockSize);
            _next += _blockSize;
        }

        [FastPath]
        private void Refill()
        {
            byte[] pool = _pool;
            for (int i = 0; i < pool.Length; i += _blockSize)
            {
                _counter++;
                BigEndian.WriteUInt64(pool, i, _counter);
                for (int j = 8; j < _blockSize; j++)
                {
                    pool[i + j] = 0;
                }
            }

            _cipher.EncryptCbc(s_zeroIv, 0, pool, 0, pool.Length);
            _next = 0;
        }

        /// <summary>Zeroes the key schedule of K_iv and the unused IVs.</summary>
        public void Wipe()
        {
            _cipher.Wipe();
            FixedTime.Wipe(_pool);
        }
    }
}
