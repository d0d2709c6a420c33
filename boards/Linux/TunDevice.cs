using System.Runtime.InteropServices;
using NanoGate.Hal;

namespace NanoGate.Boards.Linux;

/// <summary>
/// The LAN side on Linux: a TUN device opened with IFF_TUN | IFF_NO_PI, so reads and writes are
/// plain IPv4 packets. Non-blocking; a read with nothing waiting returns 0.
/// </summary>
public sealed partial class TunDevice : ILanPort, IDisposable
{
    private const uint TunSetIff = 0x400454CA;     // _IOW('T', 202, int)
    private const short IffTun = 0x0001;
    private const short IffNoPi = 0x1000;
    private const int ORdwr = 0x0002;
    private const int ONonblock = 0x0800;
    private const int EAgain = 11;

    private int _fd;

    /// <summary>Opens (or creates) the TUN device <paramref name="name"/>; needs CAP_NET_ADMIN.</summary>
    public TunDevice(string name)
    {
        if (name.Length is 0 or > 15)
        {
            throw new ArgumentException("interface names are 1 to 15 characters", nameof(name));
        }

        _fd = Open("/dev/net/tun", ORdwr | ONonblock);
        if (_fd < 0)
        {
            throw new IOException("cannot open /dev/net/tun: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }

        // struct ifreq: char ifr_name[16]; short ifr_flags; padding to 40 bytes.
        byte[] ifr = new byte[40];
        System.Text.Encoding.ASCII.GetBytes(name, 0, name.Length, ifr, 0);
        ifr[16] = unchecked((byte)(IffTun | IffNoPi));
        ifr[17] = (byte)((IffTun | IffNoPi) >> 8);
        if (Ioctl(_fd, TunSetIff, ifr) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Close(_fd);
            throw new IOException($"cannot attach TUN device {name} (TUNSETIFF): {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        Name = name;
    }

    public string Name { get; }

    /// <summary>The device's file descriptor, for <see cref="ReadinessWait"/>.</summary>
    public int FileDescriptor => _fd;

    public int Receive(byte[] buffer, int offset, int count)
    {
        if (count == 0)
        {
            return 0;
        }

        nint n = Read(_fd, ref buffer[offset], count);
        if (n < 0)
        {
            return Marshal.GetLastPInvokeError() == EAgain ? 0 : -1;
        }

        return (int)n;
    }

    public bool Send(byte[] buffer, int offset, int count) => count > 0 && Write(_fd, ref buffer[offset], count) == count;

    public void Dispose()
    {
        if (_fd >= 0)
        {
            Close(_fd);
            _fd = -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, byte[] argument);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, ref byte buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, ref byte buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
