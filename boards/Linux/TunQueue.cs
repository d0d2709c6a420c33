using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NanoGate.Boards.Linux;

/// <summary>
/// The TUN device's transmit queue (the packets the kernel routed to the tunnel, waiting for the
/// run loop to read them). Its default of 500 packets is about 20 ms of a 250 Mbit/s TCP stream:
/// when the loop is scheduled late on a busy machine, the queue overflows and every packet lost
/// there costs TCP a retransmission (issue 19: 418 of 66,000 in a 3 s NanoGate<->NanoGate run).
/// </summary>
public static partial class TunQueue
{
    /// <summary>The queue length the linux board asks for.</summary>
    public const int Packets = 4096;

    private const uint SiocSIfTxQLen = 0x8943;

    /// <summary>Sets the interface's txqueuelen (SIOCSIFTXQLEN); false (and nothing changed) if refused.</summary>
    public static bool TrySet(string interfaceName, int packets)
    {
        ArgumentNullException.ThrowIfNull(interfaceName);
        if (interfaceName.Length is 0 or > 15)
        {
            return false;
        }

        // struct ifreq: char ifr_name[16]; int ifr_qlen; padding to 40 bytes.
        byte[] ifr = new byte[40];
        System.Text.Encoding.ASCII.GetBytes(interfaceName, 0, interfaceName.Length, ifr, 0);
        BitConverter.TryWriteBytes(ifr.AsSpan(16, 4), packets);
        using var control = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        return Ioctl((int)control.Handle, SiocSIfTxQLen, ifr) == 0;
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, byte[] argument);
}
