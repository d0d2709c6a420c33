using System;
using System.Net;
using System.Net.Sockets;
using NanoGate.Hal;

namespace NanoGate.Boards.Esp32
{
    // UDP 500 / 4500 on the WAN interface over lwIP sockets (System.Net, DEVICE-FACTS §4).
    //
    // Non-blocking: Receive asks Socket.Poll(0, SelectRead) (native select) and calls ReceiveFrom
    // only when a datagram is waiting, so the run loop never parks in the socket. Not Available
    // (FIONREAD): an empty datagram can read as 0 bytes there and would never be taken off the queue.
    //
    // Allocation, and why it is accepted here (not measured; computed in DEVICE-FACTS §4):
    // ReceiveFrom(byte[], int, int, SocketFlags, ref EndPoint) writes the payload straight into the
    // caller's packet slot but allocates a new IPEndPoint and IPAddress for the sender on every
    // datagram, about 228 B. No managed call avoids that: Receive on a connected socket would, but
    // a gateway's port 500/4500 hears many peers. Accepted because (1) the datagrams that reach it
    // are IKE messages and ESP packets whose decryption costs the interpreter milliseconds each
    // (README "Facts measured": 30-150 kbit/s of ESP in C#), so a few hundred per second at most,
    // and 228 B of short-lived garbage per packet is tens of KB/s that nanoCLR's collector reclaims
    // between bursts; (2) everything else on this path is allocation-free: known peers are
    // recognised with IPEndPoint.Equals against a small table, so the sender's address is read
    // without GetAddressBytes (another new byte[]), and SendTo reuses the table's endpoints.
    // The way to remove the 228 B is a native receive into the slot that returns the address as
    // an integer, which belongs to the native component of the custom firmware image.

    /// <summary><see cref="IDatagramTransport"/> on a UDP socket bound to one WAN port (500 or 4500).</summary>
    public sealed class Esp32UdpTransport : IDatagramTransport
    {
        /// <summary>Peers whose endpoints are kept (address, port) for sending and recognising.</summary>
        public const int PeerSlots = 16;

        private readonly Socket _socket;
        private readonly int _port;
        private readonly EndPoint _any = new IPEndPoint(IPAddress.Any, 0);
        private readonly IPEndPoint[] _peer = new IPEndPoint[PeerSlots];
        private readonly uint[] _peerAddress = new uint[PeerSlots];
        private readonly int[] _peerPort = new int[PeerSlots];
        private int _nextPeer;

        /// <summary>Opens a UDP socket bound to <paramref name="port"/> on every local address (the WAN interface).</summary>
        public Esp32UdpTransport(int port)
        {
            _port = port;
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _socket.Bind(new IPEndPoint(IPAddress.Any, port));
        }

        /// <inheritdoc/>
        public int LocalPort
        {
            get { return _port; }
        }

        /// <summary>Datagrams that filled the whole buffer (lwIP cuts longer ones silently, so they are dropped).</summary>
        public int TooLong { get; private set; }

        /// <summary>Socket errors on receive or send.</summary>
        public int Errors { get; private set; }

        /// <inheritdoc/>
        public int Receive(byte[] buffer, int offset, int count, out uint remoteAddress, out int remotePort)
        {
            remoteAddress = 0;
            remotePort = 0;
            try
            {
                // Poll (select), not Available: an empty datagram leaves FIONREAD at 0 but is
                // readable, and left unread it would block every datagram behind it.
                if (!_socket.Poll(0, SelectMode.SelectRead))
                {
                    return DatagramReceive.None;
                }

                EndPoint from = _any;
                int n = _socket.ReceiveFrom(buffer, offset, count, SocketFlags.None, ref from);
                if (n >= count)
                {
                    TooLong++;
                    return DatagramReceive.TooBig;
                }

                IPEndPoint sender = from as IPEndPoint;
                if (n <= 0 || sender == null)
                {
                    return DatagramReceive.Empty;
                }

                int peer = Known(sender);
                if (peer < 0)
                {
                    peer = Remember(sender);
                }

                remoteAddress = _peerAddress[peer];
                remotePort = _peerPort[peer];
                return n;
            }
            catch (SocketException)
            {
                Errors++;
                return DatagramReceive.None;
            }
        }

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort)
        {
            try
            {
                return _socket.SendTo(buffer, offset, count, SocketFlags.None, EndPointFor(remoteAddress, remotePort)) == count;
            }
            catch (SocketException)
            {
                Errors++;
                return false;
            }
        }

        private int Known(IPEndPoint sender)
        {
            for (int i = 0; i < PeerSlots; i++)
            {
                if (_peer[i] != null && _peer[i].Equals(sender))
                {
                    return i;
                }
            }

            return -1;
        }

        private int Remember(IPEndPoint sender)
        {
            byte[] a = sender.Address.GetAddressBytes();
            uint address = ((uint)a[0] << 24) | ((uint)a[1] << 16) | ((uint)a[2] << 8) | a[3];
            return Store(address, sender.Port, sender);
        }

        private EndPoint EndPointFor(uint address, int port)
        {
            for (int i = 0; i < PeerSlots; i++)
            {
                if (_peer[i] != null && _peerAddress[i] == address && _peerPort[i] == port)
                {
                    return _peer[i];
                }
            }

            byte[] a = new byte[4];
            Ipv4.Write(a, 0, address);
            return _peer[Store(address, port, new IPEndPoint(new IPAddress(a), port))];
        }

        private int Store(uint address, int port, IPEndPoint endPoint)
        {
            int i = _nextPeer;
            _nextPeer = (_nextPeer + 1) % PeerSlots;
            _peer[i] = endPoint;
            _peerAddress[i] = address;
            _peerPort[i] = port;
            return i;
        }
    }
}
