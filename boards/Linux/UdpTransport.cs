using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using NanoGate.Hal;

namespace NanoGate.Boards.Linux;

/// <summary>
/// A non-blocking UDP socket bound to one local address and port. Opened and bound through
/// System.Net.Sockets; each datagram is one recvfrom(2) or sendto(2) on the descriptor with
/// preallocated sockaddr_in buffers, so receiving and sending allocate nothing and cost one system
/// call per datagram.
/// </summary>
public sealed partial class UdpTransport : IDatagramTransport, IDisposable
{
    private const int MsgDontWait = 0x40;
    private const int MsgTrunc = 0x20;
    private const int FromSize = 16;         // sizeof(struct sockaddr_in)
    private const short AfInet = 2;
    private const int SolSocket = 1;
    private const int SoSndBufForce = 32;
    private const int SoRcvBufForce = 33;

    // ESP bursts (a TCP window of 1400-byte datagrams) outrun the default 208 KiB socket buffers
    // whenever the run loop is scheduled late, and every datagram lost there costs TCP a
    // retransmission (issue 19). 4 MiB each way: past net.core.rmem_max with the FORCE options
    // (root, as the board already is for the TUN device), else as large as the limit allows.
    private const int SocketBufferBytes = 4 << 20;

    private readonly Socket _socket;
    private readonly int _fd;
    private readonly byte[] _fromRaw = new byte[FromSize];
    private readonly byte[] _toRaw = new byte[FromSize];
    private readonly byte[] _one = new byte[1];
    private int _fromLength;

    public UdpTransport(uint localAddress, int localPort)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(new IPEndPoint(new IPAddress(HostToNetwork(localAddress)), localPort));
        LocalPort = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _fd = (int)_socket.Handle;
        Enlarge(SoRcvBufForce, SocketOptionName.ReceiveBuffer);
        Enlarge(SoSndBufForce, SocketOptionName.SendBuffer);
        _toRaw[0] = (byte)AfInet;          // sa_family in host order (little-endian hosts)
    }

    public int LocalPort { get; }

    private void Enlarge(int forceOption, SocketOptionName fallback)
    {
        try
        {
            _socket.SetRawSocketOption(SolSocket, forceOption, BitConverter.GetBytes(SocketBufferBytes));
        }
        catch (SocketException)
        {
            _socket.SetSocketOption(SocketOptionLevel.Socket, fallback, SocketBufferBytes);
        }
    }

    public int Receive(byte[] buffer, int offset, int count, out uint remoteAddress, out int remotePort)
    {
        remoteAddress = 0;
        remotePort = 0;
        if ((uint)offset > (uint)buffer.Length || (uint)count > (uint)(buffer.Length - offset))
        {
            return DatagramReceive.None;
        }

        // One recvfrom(2) per datagram, non-blocking: nothing waiting is EAGAIN, not an exception,
        // and an empty datagram is read (and reported) rather than stalling the ones behind it.
        // With MSG_TRUNC it returns the datagram's real length: longer than the buffer means it
        // was cut, and a cut datagram is dropped, never passed on.
        _fromLength = FromSize;
        nint n = count == 0
            ? RecvFrom(_fd, ref _one[0], 0, MsgDontWait | MsgTrunc, _fromRaw, ref _fromLength)
            : RecvFrom(_fd, ref buffer[offset], count, MsgDontWait | MsgTrunc, _fromRaw, ref _fromLength);
        if (n < 0)
        {
            // EAGAIN (nothing waiting), ECONNREFUSED (an ICMP error queued by an earlier send), EINTR.
            return DatagramReceive.None;
        }

        // sockaddr_in: family (2), port (2, network order), address (4, network order).
        remotePort = (_fromRaw[2] << 8) | _fromRaw[3];
        remoteAddress = ((uint)_fromRaw[4] << 24) | ((uint)_fromRaw[5] << 16) | ((uint)_fromRaw[6] << 8) | _fromRaw[7];
        return n == 0 ? DatagramReceive.Empty : n > count ? DatagramReceive.TooBig : (int)n;
    }

    public bool Send(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort)
    {
        if ((uint)offset > (uint)buffer.Length || (uint)count > (uint)(buffer.Length - offset))
        {
            return false;
        }

        _toRaw[2] = (byte)(remotePort >> 8);
        _toRaw[3] = (byte)remotePort;
        _toRaw[4] = (byte)(remoteAddress >> 24);
        _toRaw[5] = (byte)(remoteAddress >> 16);
        _toRaw[6] = (byte)(remoteAddress >> 8);
        _toRaw[7] = (byte)remoteAddress;
        nint n = count == 0
            ? SendTo(_fd, ref _one[0], 0, MsgDontWait, _toRaw, FromSize)
            : SendTo(_fd, ref buffer[offset], count, MsgDontWait, _toRaw, FromSize);
        return n == count;
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for a datagram (tests; the run loop waits on every descriptor at once).</summary>
    public bool WaitReadable(int timeoutMs) => _socket.Poll(timeoutMs * 1000, SelectMode.SelectRead);

    /// <summary>The socket's file descriptor, for <see cref="ReadinessWait"/>.</summary>
    public int FileDescriptor => _fd;

    public void Dispose() => _socket.Dispose();

    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    private static partial nint RecvFrom(int fd, ref byte buffer, nint count, int flags, byte[] from, ref int fromLength);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    private static partial nint SendTo(int fd, ref byte buffer, nint count, int flags, byte[] to, int toLength);

    private static long HostToNetwork(uint address) =>
        (uint)IPAddress.HostToNetworkOrder(unchecked((int)address));
}
