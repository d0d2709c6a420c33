using NanoGate.Hal;

namespace NanoGate.Pstn.Ppp
{
    /// <summary>Configuration options being collected for a Configure-Nak or Configure-Reject (RFC 1661 §6).</summary>
    public sealed class OptionList
    {
        private readonly byte[] _buffer;

        /// <summary>A list with room for <paramref name="capacity"/> octets.</summary>
        public OptionList(int capacity)
        {
            _buffer = new byte[capacity];
        }

        /// <summary>The options, type-length-value, from offset 0.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Octets used.</summary>
        public int Length { get; private set; }

        /// <summary>Empties the list.</summary>
        public void Clear()
        {
            Length = 0;
        }

        /// <summary>Appends an option copied from a packet (a Reject lists them unchanged).</summary>
        public void Copy(byte[] packet, int optionOffset)
        {
            int n = packet[optionOffset + 1];
            if (Length + n > _buffer.Length)
            {
                return;
            }

            for (int i = 0; i < n; i++)
            {
                _buffer[Length++] = packet[optionOffset + i];
            }
        }

        /// <summary>Appends an option with a 16-bit value.</summary>
        public void Add16(byte type, ushort value)
        {
            if (Length + 4 > _buffer.Length)
            {
                return;
            }

            _buffer[Length] = type;
            _buffer[Length + 1] = 4;
            BigEndian.WriteUInt16(_buffer, Length + 2, value);
            Length += 4;
        }

        /// <summary>Appends an option with a 32-bit value.</summary>
        public void Add32(byte type, uint value)
        {
            if (Length + 6 > _buffer.Length)
            {
                return;
            }

            _buffer[Length] = type;
            _buffer[Length + 1] = 6;
            BigEndian.WriteUInt32(_buffer, Length + 2, value);
            Length += 6;
        }

        /// <summary>Appends raw octets (an option already encoded).</summary>
        public void AddRaw(byte[] data, int offset, int count)
        {
            if (Length + count > _buffer.Length)
            {
                return;
            }

            for (int i = 0; i < count; i++)
            {
                _buffer[Length++] = data[offset + i];
            }
        }
    }
}
