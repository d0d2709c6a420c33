namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>
    /// AES-GCM (SP 800-38D §7) as ESP uses it (RFC 4106): 12-byte nonce, so J0 = nonce | 0x00000001
    /// and the payload counter starts at 2; tag of 16 bytes, or 12/8 (the leading bytes, §5.2.1.2).
    /// Decrypt computes and checks the tag in constant time over the ciphertext before it decrypts
    /// anything, so a forged packet leaves the buffer as ciphertext.
    /// </summary>
    public sealed class AesGcmAead : IAead
    {
        private readonly AesEngine _engine;
        private readonly GHash _ghash;
        private readonly int _tagSize;

        // The counter block, key stream, tag mask E(K, J0) and full tag in one array at these
        // offsets (issue 17: one array header instead of five per AEAD; nothing else changes).
        private const int Counter = 0;
        private const int KeyStream = 16;
        private const int TagMask = 32;
        private const int FullTag = 48;
        private readonly byte[] _blocks = new byte[64];

        /// <summary>Keys AES-GCM (16, 24 or 32 bytes; tag 8, 12 or 16; callers check).</summary>
        public AesGcmAead(byte[] key, int keyOffset, int keyCount, int tagSize)
        {
            _engine = new AesEngine(key, keyOffset, keyCount, false);
            _tagSize = tagSize;
            byte[] h = new byte[16];
            _engine.EncryptBlock(h, 0, h, 0); // H = E(K, 0^128)
            _ghash = new GHash(h, 0);
            FixedTime.Wipe(h);
        }

        /// <inheritdoc/>
        public int TagSize
        {
            get { return _tagSize; }
        }

        /// <inheritdoc/>
        [FastPath]
        public void Encrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount,
            byte[] buffer, int offset, int count, byte[] tag, int tagOffset)
        {
            Start(nonce, nonceOffset, aad, aadOffset, aadCount);
            int end = offset + count;
            for (int p = offset; p < end; p += 16)
            {
                int n = end - p < 16 ? end - p : 16;
                NextKeyStream();
                for (int i = 0; i < n; i++)
                {
                    buffer[p + i] ^= _blocks[KeyStream + i];
                }

                _ghash.Update(buffer, p, n);
            }

            FinishTag(aadCount, count);
            System.Array.Copy(_blocks, FullTag, tag, tagOffset, _tagSize);
        }

        /// <inheritdoc/>
        [FastPath]
        public bool Decrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount,
            byte[] buffer, int offset, int count, byte[] tag, int tagOffset)
        {
            Start(nonce, nonceOffset, aad, aadOffset, aadCount);
            int end = offset + count;
            for (int p = offset; p < end; p += 16)
            {
                _ghash.Update(buffer, p, end - p < 16 ? end - p : 16);
            }

            FinishTag(aadCount, count);
            if (!FixedTime.AreEqual(_blocks, FullTag, tag, tagOffset, _tagSize))
            {
                return false;
            }

            // Authentic: run the counter again from 2 (J0 + 1) and decrypt.
            SetCounter(2);
            for (int p = offset; p < end; p += 16)
            {
                int n = end - p < 16 ? end - p : 16;
                NextKeyStream();
                for (int i = 0; i < n; i++)
                {
                    buffer[p + i] ^= _blocks[KeyStream + i];
                }
            }

            return true;
        }

        /// <inheritdoc/>
        public void Wipe()
        {
            _engine.Wipe();
            _ghash.Wipe();
            FixedTime.Wipe(_blocks);
        }

        /// <summary>J0 = nonce | 1; E(K, J0) masks the tag (§7.1 steps 2 and 6); GHASH starts over the AAD.</summary>
        [FastPath]
        private void Start(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount)
        {
            System.Array.Copy(nonce, nonceOffset, _blocks, Counter, 12);
            SetCounter(1);
            _engine.EncryptBlock(_blocks, Counter, _blocks, TagMask);
            SetCounter(2);
            _ghash.Reset();
            int end = aadOffset + aadCount;
            for (int p = aadOffset; p < end; p += 16)
            {
                _ghash.Update(aad, p, end - p < 16 ? end - p : 16);
            }
        }

        /// <summary>Encrypts the counter block into the key stream and increments it (inc32, §6.2).</summary>
        [FastPath]
        private void NextKeyStream()
        {
            _engine.EncryptBlock(_blocks, Counter, _blocks, KeyStream);
            for (int i = 15; i >= 12; i--)
            {
                if (++_blocks[Counter + i] != 0)
                {
                    break;
                }
            }
        }

        [FastPath]
        private void SetCounter(uint value)
        {
            BigEndian.WriteUInt32(_blocks, Counter + 12, value);
        }

        /// <summary>Lengths block [len(A)]64 | [len(C)]64 in bits, then tag = E(K, J0) XOR S.</summary>
        [FastPath]
        private void FinishTag(int aadCount, int count)
        {
            BigEndian.WriteUInt64(_blocks, FullTag, (ulong)aadCount << 3);
            BigEndian.WriteUInt64(_blocks, FullTag + 8, (ulong)count << 3);
            _ghash.Update(_blocks, FullTag, 16);
            _ghash.WriteState(_blocks, FullTag);
            for (int i = 0; i < 16; i++)
            {
                _blocks[FullTag + i] ^= _blocks[TagMask + i];
            }
        }
    }
}
