using System.Runtime.InteropServices;

namespace NanoGate.Boards.Linux;

/// <summary>
/// The host run loop's idle wait: one epoll(7) set holding every file descriptor the gateway reads
/// (UDP 500, UDP 4500, the TUN device) and an eventfd(2) for <see cref="Wake"/>, so a datagram, a
/// LAN packet or another thread's wake-up ends the wait at once and nothing lets the loop sleep
/// for the whole timeout. Level-triggered: a descriptor the loop left unread wakes the next wait
/// again. Allocation-free per wait: the event buffer is made once.
/// </summary>
public sealed partial class ReadinessWait : IDisposable
{
    private const int EpollCtlAdd = 1;
    private const uint EpollIn = 0x001;
    private const int EpollCloexec = 0x80000;
    private const int EfdNonblock = 0x800;
    private const int EfdCloexec = 0x80000;
    private const int MaxEvents = 8;

    // struct epoll_event { uint32_t events; epoll_data_t data; } is packed on x86-64 (12 bytes) and
    // naturally aligned elsewhere (16 bytes); data holds the descriptor's index in the set.
    private static readonly int s_eventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int s_dataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    private readonly byte[] _events = new byte[MaxEvents * 16];
    private readonly byte[] _counter = new byte[8];
    private readonly byte[] _one = [1, 0, 0, 0, 0, 0, 0, 0];
    private readonly int _wakeIndex;
    private int _epoll;
    private int _wake;

    /// <summary>Waits on <paramref name="fileDescriptors"/> (negative entries are left out).</summary>
    public ReadinessWait(params int[] fileDescriptors)
    {
        ArgumentNullException.ThrowIfNull(fileDescriptors);
        _epoll = EpollCreate1(EpollCloexec);
        if (_epoll < 0)
        {
            throw new IOException($"epoll_create1 failed (errno {Marshal.GetLastPInvokeError()})");
        }

        _wake = EventFd(0, EfdNonblock | EfdCloexec);
        if (_wake < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Dispose();
            throw new IOException($"eventfd failed (errno {errno})");
        }

        _wakeIndex = fileDescriptors.Length;
        for (int i = 0; i <= fileDescriptors.Length; i++)
        {
            int fd = i == _wakeIndex ? _wake : fileDescriptors[i];
            if (fd < 0)
            {
                continue;
            }

            byte[] ev = new byte[16];
            BitConverter.TryWriteBytes(ev.AsSpan(0, 4), EpollIn);
            BitConverter.TryWriteBytes(ev.AsSpan(s_dataOffset, 8), (long)i);
            if (EpollCtl(_epoll, EpollCtlAdd, fd, ev) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                Dispose();
                throw new IOException($"epoll_ctl ADD fd {fd} failed (errno {errno})");
            }
        }
    }

    /// <summary>
    /// Blocks until one of the descriptors is readable, <see cref="Wake"/> was called, or
    /// <paramref name="timeoutMs"/> passed; true when something is ready (an empty datagram counts:
    /// it must be read to be dropped). A signal ends the wait early with false.
    /// </summary>
    public bool Wait(int timeoutMs)
    {
        int n = EpollWait(_epoll, ref _events[0], MaxEvents, timeoutMs);
        if (n <= 0)
        {
            return false;
        }

        for (int i = 0; i < n; i++)
        {
            if (BitConverter.ToInt64(_events, (i * s_eventSize) + s_dataOffset) == _wakeIndex)
            {
                // Reset the counter so the next wait sleeps again.
                Read(_wake, ref _counter[0], 8);
            }
        }

        return true;
    }

    /// <summary>Ends the current (or the next) wait; safe from any thread, allocates nothing.</summary>
    public void Wake()
    {
        if (_wake >= 0)
        {
            Write(_wake, ref _one[0], 8);
        }
    }

    public void Dispose()
    {
        if (_wake >= 0)
        {
            Close(_wake);
            _wake = -1;
        }

        if (_epoll >= 0)
        {
            Close(_epoll);
            _epoll = -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epfd, int op, int fd, byte[] evt);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int EpollWait(int epfd, ref byte events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventFd(uint initval, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, ref byte buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, ref byte buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
