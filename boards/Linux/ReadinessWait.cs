using System.Runtime.InteropServices;

namespace NanoGate.Boards.Linux;

/// <summary>
/// The host run loop's idle wait: poll(2) on every file descriptor the gateway reads (UDP 500,
/// UDP 4500, the TUN device) at once, so a datagram or a LAN packet on any of them ends the wait,
/// and nothing waiting on any of them lets the loop sleep. Allocation-free per wait: the pollfd
/// array is built once.
/// </summary>
public sealed partial class ReadinessWait
{
    private const short PollIn = 0x0001;

    // struct pollfd { int fd; short events; short revents; }: two ints per descriptor, events in
    // the low half of the second one (x86-64 and arm64 are little-endian).
    private readonly int[] _pollFds;

    /// <summary>Waits on <paramref name="fileDescriptors"/> (negative entries are ignored by poll).</summary>
    public ReadinessWait(params int[] fileDescriptors)
    {
        _pollFds = new int[fileDescriptors.Length * 2];
        for (int i = 0; i < fileDescriptors.Length; i++)
        {
            _pollFds[2 * i] = fileDescriptors[i];
            _pollFds[(2 * i) + 1] = PollIn;
        }
    }

    /// <summary>
    /// Blocks until one of the descriptors is readable or <paramref name="timeoutMs"/> passed;
    /// true when one is readable (an empty datagram counts: it must be read to be dropped).
    /// </summary>
    public bool Wait(int timeoutMs)
    {
        for (int i = 1; i < _pollFds.Length; i += 2)
        {
            _pollFds[i] = PollIn;
        }

        return Poll(ref _pollFds[0], (nuint)(_pollFds.Length / 2), timeoutMs) > 0;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref int fds, nuint count, int timeoutMs);
}
