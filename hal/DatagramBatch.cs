namespace NanoGate.Hal
{
    /// <summary>
    /// A batch of datagram entries for <see cref="IDatagramBatchTransport"/>: per entry a buffer,
    /// offset and count the caller owns, and the remote address and port (host order, see
    /// <see cref="Ipv4"/>). Made once and reused, so a batch costs no allocation per packet.
    /// <para>
    /// Receiving: the caller fills <see cref="Count"/> entries with a buffer, offset and capacity
    /// (<see cref="Counts"/>); the transport fills the first entries it received with
    /// <see cref="Results"/> (the datagram's length, or a negative <see cref="DatagramReceive"/>
    /// value), <see cref="Addresses"/> and <see cref="Ports"/>. Sending: the caller fills
    /// <see cref="Count"/> entries with a datagram (<see cref="Counts"/> its length) and its destination.
    /// </para>
    /// </summary>
    public sealed class DatagramBatch
    {
        /// <summary>Each entry's buffer.</summary>
        public readonly byte[][] Buffers;

        /// <summary>Where each entry's datagram starts in its buffer.</summary>
        public readonly int[] Offsets;

        /// <summary>Receiving: each entry's room; sending: each datagram's length.</summary>
        public readonly int[] Counts;

        /// <summary>Receiving: what each filled entry got (length, or a negative <see cref="DatagramReceive"/> value).</summary>
        public readonly int[] Results;

        /// <summary>Each entry's remote IPv4 address (host order).</summary>
        public readonly uint[] Addresses;

        /// <summary>Each entry's remote UDP port.</summary>
        public readonly int[] Ports;

        /// <summary>Entries in use (0 to <see cref="Capacity"/>).</summary>
        public int Count;

        /// <summary>A batch of room for <paramref name="capacity"/> entries (at least 1).</summary>
        public DatagramBatch(int capacity)
        {
            if (capacity < 1)
            {
                capacity = 1;
            }

            Buffers = new byte[capacity][];
            Offsets = new int[capacity];
            Counts = new int[capacity];
            Results = new int[capacity];
            Addresses = new uint[capacity];
            Ports = new int[capacity];
        }

        /// <summary>Most entries the batch holds.</summary>
        public int Capacity
        {
            get { return Buffers.Length; }
        }

        /// <summary>Appends an entry; false (nothing changed) when the batch is full.</summary>
        [FastPath]
        public bool Add(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort)
        {
            int i = Count;
            if (i >= Buffers.Length)
            {
                return false;
            }

            Buffers[i] = buffer;
            Offsets[i] = offset;
            Counts[i] = count;
            Results[i] = DatagramReceive.None;
            Addresses[i] = remoteAddress;
            Ports[i] = remotePort;
            Count = i + 1;
            return true;
        }

        /// <summary>Empties the batch and lets go of its buffers.</summary>
        [FastPath]
        public void Clear()
        {
            for (int i = 0; i < Count; i++)
            {
                Buffers[i] = null;
            }

            Count = 0;
        }
    }
}
