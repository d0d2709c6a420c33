using NanoGate.Hal;

namespace NanoGate.Pstn.Ip
{
    /// <summary>
    /// A UDP port (500 or 4500) of our PPP address, as the WAN transport IKE and ESP use
    /// (hal <see cref="IDatagramTransport"/>). Received datagrams wait in a ring of preallocated
    /// slots; a full ring drops and counts. Nothing is allocated per datagram.
    /// </summary>
    public sealed class PppDatagramTransport : IDatagramTransport
    {
        private readonly UdpOverPpp _stack;
        private readonly int _port;
        private readonly byte[][] _slots;
        private readonly int[] _lengths;
        private readonly uint[] _addresses;
        private readonly int[] _ports;
        private int _head;
        private int _count;

        internal PppDatagramTransport(UdpOverPpp stack, int port, int slots, int slotSize)
        {
            _stack = stack;
            _port = port;
            _slots = new byte[slots][];
            for (int i = 0; i < slots; i++)
            {
                _slots[i] = new byte[slotSize];
            }

            _lengths = new int[slots];
            _addresses = new uint[slots];
            _ports = new int[slots];
        }

        /// <inheritdoc/>
        public int LocalPort
        {
            get { return _port; }
        }

        /// <summary>Datagrams dropped because the ring was full.</summary>
        public long QueueFull { get; private set; }

        /// <inheritdoc/>
        [FastPath]
        public int Receive(byte[] buffer, int offset, int count, out uint remoteAddress, out int remotePort)
        {
            remoteAddress = 0;
            remotePort = 0;
            if (_count == 0)
            {
                return 0;
            }

            int slot = _head;
            _head = (_head + 1) % _slots.Length;
            _count--;
            int length = _lengths[slot];
            if (length > count)
            {
                return -1;
            }

            remoteAddress = _addresses[slot];
            remotePort = _ports[slot];
            byte[] data = _slots[slot];
            for (int i = 0; i < length; i++)
            {
                buffer[offset + i] = data[i];
            }

            return length;
        }

        /// <inheritdoc/>
        [FastPath]
        public bool Send(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort)
        {
            return _stack.Send(_port, buffer, offset, count, remoteAddress, remotePort);
        }

        [FastPath]
        internal void Enqueue(byte[] packet, int offset, int count, uint from, int fromPort)
        {
            if (_count == _slots.Length || count > _slots[0].Length)
            {
                QueueFull++;
                return;
            }

            int slot = (_head + _count) % _slots.Length;
            byte[] data = _slots[slot];
            for (int i = 0; i < count; i++)
            {
                data[i] = packet[offset + i];
            }

            _lengths[slot] = count;
            _addresses[slot] = from;
            _ports[slot] = fromPort;
            _count++;
        }
    }
}
