using System.Net;
using System.Net.Sockets;
using NanoGate.Hal;

namespace NanoGate.Boards.Linux;

/// <summary>
/// A non-blocking UDP socket bound to one local address and port. Uses the SocketAddress
/// overloads so that receiving and sending allocate nothing per datagram.
/// </summary>
public sealed class UdpTransport : IDatagramTransport, IDisposable
{
    private readonly Socket _socket;
    private readonly SocketAddress _from = new(AddressFamily.InterNetwork);
    private readonly SocketAddress _to = new(AddressFamily.InterNetwork);

    public UdpTransport(uint localAddress, int localPort)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(new IPEndPoint(new IPAddress(HostToNetwork(localAddress)), localPort));
        LocalPort = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int LocalPort { get; }

    public int Receive(byte[] buffer, int offset, int count, out uint remoteAddress, out int remotePort)
    {
        remoteAddress = 0;
        remotePort = 0;

        // Readable, not Available: on Linux FIONREAD is the size of the first queued datagram, so
        // an empty one reads as "nothing waiting" and would block every datagram behind it.
        if (!_socket.Poll(0, SelectMode.SelectRead))
        {
            return DatagramReceive.None;
        }

        int n;
        try
        {
            n = _socket.ReceiveFrom(buffer.AsSpan(offset, count), SocketFlags.Truncated, _from);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.MessageSize or SocketError.ConnectionReset)
        {
            return e.SocketErrorCode == SocketError.MessageSize ? DatagramReceive.TooBig : DatagramReceive.None;
        }

        // sockaddr_in: family (2), port (2, network order), address (4, network order).
        Span<byte> raw = _from.Buffer.Span;
        remotePort = (raw[2] << 8) | raw[3];
        remoteAddress = ((uint)raw[4] << 24) | ((uint)raw[5] << 16) | ((uint)raw[6] << 8) | raw[7];

        // With MSG_TRUNC, recvfrom(2) returns the datagram's real length: longer than the buffer
        // means it was cut, and a cut datagram is dropped, never passed on.
        return n == 0 ? DatagramReceive.Empty : n > count ? DatagramReceive.TooBig : n;
    }

    public bool Send(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort)
    {
        Span<byte> raw = _to.Buffer.Span;
        raw[2] = (byte)(remotePort >> 8);
        raw[3] = (byte)remotePort;
        raw[4] = (byte)(remoteAddress >> 24);
        raw[5] = (byte)(remoteAddress >> 16);
        raw[6] = (byte)(remoteAddress >> 8);
        raw[7] = (byte)remoteAddress;
        try
        {
            return _socket.SendTo(buffer.AsSpan(offset, count), SocketFlags.None, _to) == count;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for a datagram (tests; the run loop waits on every descriptor at once).</summary>
    public bool WaitReadable(int timeoutMs) => _socket.Poll(timeoutMs * 1000, SelectMode.SelectRead);

    /// <summary>The socket's file descriptor, for <see cref="ReadinessWait"/>.</summary>
    public int FileDescriptor => (int)_socket.Handle;

    public void Dispose() => _socket.Dispose();

    private static long HostToNetwork(uint address) =>
        (uint)IPAddress.HostToNetworkOrder(unchecked((int)address));
}
