using System;

namespace NanoGate.Hal.Crypto.Soft
{
    /// <summary>
    /// Merkle-Damgard framing shared by MD5 (RFC 1321 §3.1-3.2) and SHA-1/SHA-2 (FIPS 180-4 §5.1):
    /// buffer input into blocks, pad with 0x80, zeros and the bit length, then emit the state.
    /// Subclasses supply the compression function and the state layout. The state can be saved
    /// after whole blocks and restored, which lets <see cref="HmacHash"/> absorb its padded key
    /// once per key instead of once per message.
    /// </summary>
    public abstract class BlockHash : IHash
    {
        private readonly byte[] _block;
        private readonly int _blockSize;
        private readonly int _lengthBytes;
        private readonly bool _littleEndianLength;
        private int _fill;
        private ulong _byteCount;
        private bool _wiped;

        /// <summary>Sets up the block buffer; subclasses call <see cref="Reset"/> at the end of their constructor.</summary>
        protected BlockHash(int blockSize, int lengthBytes, bool littleEndianLength)
        {
            _blockSize = blockSize;
            _lengthBytes = lengthBytes;
            _littleEndianLength = littleEndianLength;
            _block = new byte[blockSize];
        }

        /// <inheritdoc/>
        public abstract int HashSize { get; }

        /// <summary>Input block size in bytes (64, or 128 for SHA-384/512); HMAC pads its key to this.</summary>
        public int BlockSize
        {
            get { return _blockSize; }
        }

        /// <summary>Number of 32-bit words <see cref="SaveState"/> writes.</summary>
        public abstract int StateWords { get; }

        /// <inheritdoc/>
        [FastPath]
        public void Reset()
        {
            _fill = 0;
            _byteCount = 0;
            InitState();
        }

        /// <inheritdoc/>
        [FastPath]
        public void Append(byte[] buffer, int offset, int count)
        {
            if (_wiped || count <= 0)
            {
                return;
            }

            _byteCount += (ulong)count;
            if (_fill > 0)
            {
                int take = _blockSize - _fill;
                if (take > count)
                {
                    take = count;
                }

                Array.Copy(buffer, offset, _block, _fill, take);
                _fill += take;
                offset += take;
                count -= take;
                if (_fill < _blockSize)
                {
                    return;
                }

                Compress(_block, 0);
                _fill = 0;
            }

            // Whole blocks straight from the caller's buffer: no copy.
            while (count >= _blockSize)
            {
                Compress(buffer, offset);
                offset += _blockSize;
                count -= _blockSize;
            }

            if (count > 0)
            {
                Array.Copy(buffer, offset, _block, 0, count);
                _fill = count;
            }
        }

        /// <inheritdoc/>
        [FastPath]
        public void Finish(byte[] output, int offset)
        {
            if (_wiped)
            {
                return;
            }

            ulong bits = _byteCount << 3;
            _block[_fill++] = 0x80;
            if (_fill > _blockSize - _lengthBytes)
            {
                Array.Clear(_block, _fill, _blockSize - _fill);
                Compress(_block, 0);
                _fill = 0;
            }

            Array.Clear(_block, _fill, _blockSize - _fill);
            // Only the low 64 bits of SHA-384/512's 128-bit length can be non-zero here.
            int end = _blockSize;
            for (int i = 0; i < 8; i++)
            {
                byte b = (byte)(bits >> (8 * i));
                if (_littleEndianLength)
                {
                    _block[end - 8 + i] = b;
                }
                else
                {
                    _block[end - 1 - i] = b;
                }
            }

            Compress(_block, 0);
            WriteDigest(output, offset);
            Reset();
        }

        /// <inheritdoc/>
        public void Wipe()
        {
            _wiped = true;
            _fill = 0;
            _byteCount = 0;
            FixedTime.Wipe(_block);
            WipeState();
        }

        /// <summary>
        /// Saves the chaining state and byte count into <paramref name="saved"/> (StateWords + 2 words).
        /// Only valid on a whole-block boundary (HMAC calls it right after the padded key block).
        /// </summary>
        [FastPath]
        public void SaveState(uint[] saved)
        {
            ExportState(saved);
            int n = StateWords;
            saved[n] = (uint)(_byteCount >> 32);
            saved[n + 1] = (uint)_byteCount;
        }

        /// <summary>Restores a state saved by <see cref="SaveState"/>.</summary>
        [FastPath]
        public void RestoreState(uint[] saved)
        {
            ImportState(saved);
            int n = StateWords;
            _byteCount = ((ulong)saved[n] << 32) | saved[n + 1];
            _fill = 0;
        }

        /// <summary>Loads the initial hash value (FIPS 180-4 §5.3, RFC 1321 §3.3).</summary>
        protected abstract void InitState();

        /// <summary>Processes one block at <paramref name="offset"/>.</summary>
        protected abstract void Compress(byte[] data, int offset);

        /// <summary>Writes <see cref="HashSize"/> bytes of the state.</summary>
        protected abstract void WriteDigest(byte[] output, int offset);

        /// <summary>Copies the chaining state as 32-bit words.</summary>
        protected abstract void ExportState(uint[] words);

        /// <summary>Loads the chaining state from 32-bit words.</summary>
        protected abstract void ImportState(uint[] words);

        /// <summary>Zeroes the chaining state.</summary>
        protected abstract void WipeState();
    }
}
