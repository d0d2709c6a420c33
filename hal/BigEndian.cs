namespace NanoGate.Hal
{
    /// <summary>
    /// Network byte order (RFC 1700 "big-endian") reads and writes on byte[] + offset.
    /// nanoFramework's BitConverter is little-endian only and allocates, so the wire code uses these.
    /// Callers check lengths; these helpers do not.
    /// </summary>
    public static class BigEndian
    {
        /// <summary>Reads a 16-bit unsigned value at <paramref name="offset"/>.</summary>
        [FastPath]
        public static ushort ReadUInt16(byte[] buffer, int offset)
        {
            return (ushort)((buffer[offset] << 8) | buffer[offset + 1]);
        }

        /// <summary>Reads a 32-bit unsigned value at <paramref name="offset"/>.</summary>
        [FastPath]
        public static uint ReadUInt32(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24)
                | ((uint)buffer[offset + 1] << 16)
                | ((uint)buffer[offset + 2] << 8)
                | buffer[offset + 3];
        }

        /// <summary>Reads a 64-bit unsigned value at <paramref name="offset"/>.</summary>
        [FastPath]
        public static ulong ReadUInt64(byte[] buffer, int offset)
        {
            return ((ulong)ReadUInt32(buffer, offset) << 32) | ReadUInt32(buffer, offset + 4);
        }

        /// <summary>Writes a 16-bit unsigned value at <paramref name="offset"/>.</summary>
        [FastPath]
        public static void WriteUInt16(byte[] buffer, int offset, ushort value)
        {
            buffer[offset] = (byte)(value >> 8);
            buffer[offset + 1] = (byte)value;
        }

        /// <summary>Writes a 32-bit unsigned value at <paramref name="offset"/>.</summary>
        [FastPath]
        public static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        /// <summary>Writes a 64-bit unsigned value at <paramref name="offset"/>.</summary>
        [FastPath]
        public static void WriteUInt64(byte[] buffer, int offset, ulong value)
        {
            WriteUInt32(buffer, offset, (uint)(value >> 32));
            WriteUInt32(buffer, offset + 4, (uint)value);
        }
    }
}
