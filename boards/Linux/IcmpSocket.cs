using System.Net;
using System.Net.Sockets;
using NanoGate.Hal;

namespace NanoGate.Boards.Linux;

/// <summary>
/// A raw ICMP socket on the WAN address (GatewayBoard.Icmp, for <c>ping</c> without -a): Send gives
/// the kernel an ICMP message, which puts the IPv4 header in front; Receive gives every ICMP
/// packet the host gets, IPv4 header included (raw(7)), the ping picks its own by identifier.
/// Needs root or CAP_NET_RAW (<see cref="TryOpen"/> returns null without). Receive looks at the
/// socket's queue first (FIONREAD), so the run loop's idle passes cost no exception and no allocation.
/// </summary>
public sealed class IcmpSocket : IDatagramTransport, IDisposable
{
    private readonly Socket _socket;
    private EndPoint _from = new IPEndPoint(IPAddress.Any, 0);

    private IcmpSocket(Socket socket) => _socket = socket;

    /// <summary>A raw ICMP socket bound to <paramref name="wanAddress"/>, or null when the process may not open one.</summary>
    public static IcmpSocket? TryOpen(uint wanAddress)
    {
        Socket? socket = null;
        try
        {
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp) { Blocking = false };
            socket.Bind(new IPEndPoint(IPAddress.Parse(Ipv4.Format(wanAddress)), 0));
            return new IcmpSocket(socket);
        }
        catch (SocketException)
        {
            socket?.Dispose();
            return null;
        }
    }

    public int LocalPort => 0;

    public int Receive(byte[] buffer, int offset, int count, out uint remoteAddress, out int remotePort)
    {
        remoteAddress = 0;
        remotePort = 0;
        try
        {
            if (_socket.Available == 0)
            {
                return 0;
            }

            int n = _socket.ReceiveFrom(buffer, offset, count, SocketFlags.None, ref _from);
            remoteAddress = Ipv4.Read(((IPEndPoint)_from).Address.GetAddressBytes(), 0);
            return n == 0 ? DatagramReceive.Empty : n;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
        {
            return DatagramReceive.TooBig;
        }
        catch (SocketException)
        {
            return 0;
        }
    }

    public bool Send(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort)
    {
        try
        {
            return _socket.SendTo(buffer, offset, count, SocketFlags.None, new IPEndPoint(IPAddress.Parse(Ipv4.Format(remoteAddress)), 0)) == count;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();
}
