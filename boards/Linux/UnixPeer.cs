using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NanoGate.Boards.Linux;

/// <summary>
/// What the console socket asks the kernel: the file type at a path (lstat(2), so a regular file
/// or directory is never deleted in place of a stale socket), the user of the other end of a unix
/// socket (SO_PEERCRED), and our own effective user. Linux only, x86-64 and arm64.
/// </summary>
internal static partial class UnixPeer
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;
    private const uint SIfMt = 0xF000;
    private const uint SIfSock = 0xC000;

    /// <summary>True when <paramref name="path"/> exists and is a unix socket; <paramref name="exists"/> says whether anything is there.</summary>
    public static bool IsSocket(string path, out bool exists)
    {
        byte[] stat = new byte[256];
        exists = LStat(path, stat) == 0;
        if (!exists)
        {
            return false;
        }

        // struct stat: st_mode follows st_dev, st_ino and (x86-64 only) st_nlink.
        int modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        uint mode = BitConverter.ToUInt32(stat, modeOffset);
        return (mode & SIfMt) == SIfSock;
    }

    /// <summary>The user id of the process at the other end of a connected unix socket, or -1.</summary>
    public static int PeerUid(Socket socket)
    {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        byte[] cred = new byte[12];
        try
        {
            return socket.GetRawSocketOption(SolSocket, SoPeerCred, cred) == 12 ? BitConverter.ToInt32(cred, 4) : -1;
        }
        catch (SocketException)
        {
            return -1;
        }
    }

    /// <summary>Our effective user id.</summary>
    public static int EffectiveUid() => (int)GetEuid();

    /// <summary>Sets the file creation mask; returns the old one.</summary>
    public static uint SetUmask(uint mask) => Umask(mask);

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, byte[] buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
