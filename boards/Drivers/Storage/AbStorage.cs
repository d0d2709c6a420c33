using System;
using NanoGate.Hal;

namespace NanoGate.Boards.Drivers
{
    // Power-cut-safe blobs on a file system without atomic replace (nanoFramework's File.Move
    // refuses an existing destination, and delete-then-rename leaves a window with no file).
    //
    // Each blob NAME lives in two files, NAME.a and NAME.b. Each copy is a record:
    //
    //   0  magic "NGB1"            4  sequence (uint32, big-endian)
    //   8  payload length (uint32)  12 CRC-32 of bytes 0..11 and the payload
    //   16 payload
    //
    // Read: the valid copy (magic, length matching the file, CRC) with the higher sequence number
    // (serial-number comparison, so the counter may wrap). Write: the new record goes over the
    // OTHER copy, with sequence + 1. A cut while writing damages only that copy, whose CRC then
    // fails, so the previous blob is still read; once the write is complete the new copy wins.
    // The copy that holds the current blob is never touched by a save.

    /// <summary>
    /// <see cref="IStorage"/> that survives a power cut at any point of a save: two copies per
    /// blob with a sequence number and a CRC-32 over <see cref="IFlashFiles"/>.
    /// </summary>
    public sealed class AbStorage : IStorage
    {
        /// <summary>Bytes before the payload in each copy.</summary>
        public const int RecordHeader = 16;

        private const uint Magic = 0x4E474231; // "NGB1"

        private readonly IFlashFiles _files;
        private readonly string _prefix;
        private readonly int _maxBlob;

        /// <summary>Blobs of up to <paramref name="maxBlob"/> bytes in <paramref name="files"/>, file names starting with <paramref name="prefix"/> (a directory such as "I:\\").</summary>
        public AbStorage(IFlashFiles files, string prefix, int maxBlob)
        {
            if (files == null)
            {
                throw new ArgumentNullException(nameof(files));
            }

            _files = files;
            _prefix = prefix == null ? string.Empty : prefix;
            _maxBlob = maxBlob;
        }

        /// <summary>The file holding copy A of <paramref name="name"/>.</summary>
        public string PathA(string name)
        {
            return _prefix + name + ".a";
        }

        /// <summary>The file holding copy B of <paramref name="name"/>.</summary>
        public string PathB(string name)
        {
            return _prefix + name + ".b";
        }

        /// <inheritdoc/>
        public int Length(string name)
        {
            byte[] record;
            uint sequence;
            return Newest(name, out sequence, out record) < 0 ? -1 : record.Length - RecordHeader;
        }

        /// <inheritdoc/>
        public int Read(string name, byte[] buffer, int offset, int count)
        {
            byte[] record;
            uint sequence;
            if (Newest(name, out sequence, out record) < 0)
            {
                return -1;
            }

            int n = record.Length - RecordHeader;
            if (n > count)
            {
                n = count;
            }

            Array.Copy(record, RecordHeader, buffer, offset, n);
            return n;
        }

        /// <inheritdoc/>
        public bool Write(string name, byte[] buffer, int offset, int count)
        {
            if (count < 0 || count > _maxBlob)
            {
                return false;
            }

            byte[] current;
            uint sequence;
            int newest = Newest(name, out sequence, out current);
            uint next = newest < 0 ? 1 : sequence + 1;
            string target = newest == 0 ? PathB(name) : PathA(name);

            byte[] record = new byte[RecordHeader + count];
            BigEndian.WriteUInt32(record, 0, Magic);
            BigEndian.WriteUInt32(record, 4, next);
            BigEndian.WriteUInt32(record, 8, (uint)count);
            Array.Copy(buffer, offset, record, RecordHeader, count);
            uint crc = Crc32.Update(Crc32.Start(), record, 0, 12);
            crc = Crc32.Update(crc, record, RecordHeader, count);
            BigEndian.WriteUInt32(record, 12, Crc32.Finish(crc));
            return _files.Write(target, record, 0, record.Length);
        }

        // 0 = copy A, 1 = copy B, -1 = no valid copy.
        private int Newest(string name, out uint sequence, out byte[] record)
        {
            byte[] a = Load(PathA(name));
            byte[] b = Load(PathB(name));
            sequence = 0;
            record = null;
            if (a == null && b == null)
            {
                return -1;
            }

            uint sa = a == null ? 0 : BigEndian.ReadUInt32(a, 4);
            uint sb = b == null ? 0 : BigEndian.ReadUInt32(b, 4);
            if (b == null || (a != null && (int)(sa - sb) > 0))
            {
                sequence = sa;
                record = a;
                return 0;
            }

            sequence = sb;
            record = b;
            return 1;
        }

        // The whole record when it is valid, else null.
        private byte[] Load(string path)
        {
            int length = _files.Length(path);
            if (length < RecordHeader || length > RecordHeader + _maxBlob)
            {
                return null;
            }

            byte[] record = new byte[length];
            if (_files.Read(path, record, 0, length) != length || BigEndian.ReadUInt32(record, 0) != Magic
                || BigEndian.ReadUInt32(record, 8) != (uint)(length - RecordHeader))
            {
                return null;
            }

            uint crc = Crc32.Update(Crc32.Start(), record, 0, 12);
            crc = Crc32.Update(crc, record, RecordHeader, length - RecordHeader);
            return Crc32.Finish(crc) == BigEndian.ReadUInt32(record, 12) ? record : null;
        }
    }
}
