using NanoGate.Hal;

namespace NanoGate.Boards.Sim;

/// <summary>
/// ICMP on the sim board's WAN address, as a raw IPv4/ICMP socket has it (GatewayBoard.Icmp): Send
/// takes an ICMP message, Receive gives whole IPv4 packets. The simulated internet carries the ICMP
/// message as a datagram to port <see cref="Port"/> of the address; like a host's kernel, the socket
/// answers echo requests itself (RFC 1122 §3.2.2.6) and hands the gateway only the rest.
/// </summary>
public sealed class SimIcmpSocket : IDatagramTransport
{
    /// <summary>The port the simulated internet files ICMP under (UDP never uses 0).</summary>
    public const int Port = 0;

    private const int Ttl = 64;
    private readonly SimUdpSocket _socket;
    // One MTU-sized message: ping sizes stop at the MTU (PingRequest), and a 64 KB buffer here
    // would show in the memory benchmark's GC delta as if the gateway held it.
    private readonly byte[] _message = new byte[2048];
    private ushort _ipId;

    internal SimIcmpSocket(SimUdpSocket socket) => _socket = socket;

    public Endpoint Local => _socket.Local;

    public int LocalPort => Port;

    /// <summary>Echo requests answered.</summary>
    public int Answered { get; private set; }

    public int Receive(byte[] buffer, int offset, int count, out uint remoteAddress, out int remotePort)
    {
        byte[] message = _message;
        while (true)
        {
            int n = _socket.Receive(message, 0, message.Length, out remoteAddress, out int port);
            remotePort = 0;
            if (n <= 0)
            {
                return n;
            }

            if (n >= 8 && message[0] == IcmpEcho.EchoRequest && IcmpEcho.Checksum(message, 0, n) == 0)
            {
                // The kernel's answer: same identifier, sequence and data, type 0.
                message[0] = IcmpEcho.EchoReply;
                message[2] = message[3] = 0;
                BigEndian.WriteUInt16(message, 2, IcmpEcho.Checksum(message, 0, n));
                _socket.Send(message, 0, n, remoteAddress, port);
                Answered++;
                continue;
            }

            int total = 20 + n;
            if (total > count)
            {
                return DatagramReceive.TooBig;
            }

            buffer[offset] = 0x45;
            buffer[offset + 1] = 0;
            BigEndian.WriteUInt16(buffer, offset + 2, (ushort)total);
            BigEndian.WriteUInt16(buffer, offset + 4, _ipId++);
            buffer[offset + 6] = 0;
            buffer[offset + 7] = 0;
            buffer[offset + 8] = Ttl;
            buffer[offset + 9] = 1;
            buffer[offset + 10] = buffer[offset + 11] = 0;
            Ipv4.Write(buffer, offset + 12, remoteAddress);
            Ipv4.Write(buffer, offset + 16, _socket.Local.Address);
            BigEndian.WriteUInt16(buffer, offset + 10, IcmpEcho.Checksum(buffer, offset, 20));
            Array.Copy(message, 0, buffer, offset + 20, n);
            return total;
        }
    }

    public bool Send(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort) =>
        _socket.Send(buffer, offset, count, remoteAddress, Port);
}
