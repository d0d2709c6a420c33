using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using NanoGate.Hal;

namespace NanoGate.Boards.Linux;

/// <summary>
/// A non-blocking UDP socket bound to one local address and port. Opened and bound through
/// System.Net.Sockets; a single datagram is one recvfrom(2) or sendto(2) on the descriptor with
/// preallocated sockaddr_in buffers, and a batch (<see cref="IDatagramBatchTransport"/>) is one
/// recvmmsg(2) or sendmmsg(2) for up to <see cref="MaxBatch"/> datagrams over message headers
/// made once in native memory. Receiving and sending allocate nothing.
/// </summary>
public sealed partial class UdpTransport : IDatagramBatchTransport, IDisposable
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

    // recvmmsg/sendmmsg: MaxBatch mmsghdr, iovec, sockaddr_in and a staging buffer each, made once
    // in native memory. Staging costs a copy of each datagram; pinning the caller's buffers instead
    // (a GCHandle per entry and call, all 32 of a receive batch even when one datagram waits) made
    // an empty receive cost several times a recvfrom (measured ad hoc, issue 19). A staging
    // buffer holds any UDP datagram; only the pages datagrams reach are ever touched.
    private const int StagingBytes = 65536;
    private readonly unsafe MMsgHdr* _messages;
    private readonly unsafe IoVec* _iovecs;
    private readonly unsafe byte* _addresses;
    private readonly unsafe byte* _staging;
    private bool _disposed;

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
        unsafe
        {
            _messages = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)(MaxBatch * sizeof(MMsgHdr)));
            _iovecs = (IoVec*)NativeMemory.AllocZeroed((nuint)(MaxBatch * sizeof(IoVec)));
            _addresses = (byte*)NativeMemory.AllocZeroed((nuint)(MaxBatch * FromSize));
            _staging = (byte*)NativeMemory.Alloc((nuint)MaxBatch * StagingBytes);
            for (int i = 0; i < MaxBatch; i++)
            {
                _iovecs[i].Base = _staging + ((long)i * StagingBytes);
                _iovecs[i].Length = StagingBytes;
                _messages[i].Header.Name = _addresses + (i * FromSize);
                _messages[i].Header.Iov = _iovecs + i;
                _messages[i].Header.IovLength = 1;
            }
        }
    }

    /// <summary>Most datagrams one recvmmsg(2) or sendmmsg(2) moves; a larger batch takes several calls.</summary>
    public const int MaxBatch = 64;

    /// <summary>System calls made by <see cref="ReceiveBatch"/> and <see cref="SendBatch"/> (tests).</summary>
    public long BatchCalls { get; private set; }

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

    /// <summary>
    /// recvmmsg(2), non-blocking, into the batch's entries in order (up to <see cref="MaxBatch"/>);
    /// per entry the same results as <see cref="Receive"/>. The kernel writes each datagram into
    /// its staging buffer, which holds any UDP datagram, and MSG_TRUNC makes it report the real
    /// length, so a datagram longer than its entry is known and dropped; only what was received
    /// is copied into the entries.
    /// </summary>
    public unsafe int ReceiveBatch(DatagramBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int count = Valid(batch, 0);
        for (int i = 0; i < count; i++)
        {
            _messages[i].Header.NameLength = FromSize;
            _messages[i].Header.Flags = 0;
            _messages[i].Length = 0;
        }

        if (count == 0)
        {
            return DatagramReceive.None;
        }

        int n = RecvMmsg(_fd, _messages, (uint)count, MsgDontWait | MsgTrunc, null);
        BatchCalls++;

        // EAGAIN (nothing waiting), ECONNREFUSED (an ICMP error queued by an earlier send), EINTR.
        if (n <= 0)
        {
            return DatagramReceive.None;
        }

        for (int i = 0; i < n; i++)
        {
            byte* from = _addresses + (i * FromSize);
            batch.Ports[i] = (from[2] << 8) | from[3];
            batch.Addresses[i] = ((uint)from[4] << 24) | ((uint)from[5] << 16) | ((uint)from[6] << 8) | from[7];
            uint length = _messages[i].Length;
            if (length == 0)
            {
                batch.Results[i] = DatagramReceive.Empty;
            }
            else if ((_messages[i].Header.Flags & MsgTrunc) != 0 || length > (uint)batch.Counts[i])
            {
                batch.Results[i] = DatagramReceive.TooBig;
            }
            else
            {
                new ReadOnlySpan<byte>(_staging + ((long)i * StagingBytes), (int)length).CopyTo(batch.Buffers[i].AsSpan(batch.Offsets[i]));
                batch.Results[i] = (int)length;
            }
        }

        return n;
    }

    /// <summary>
    /// sendmmsg(2), non-blocking, the batch's entries in order: one call for up to
    /// <see cref="MaxBatch"/>; a datagram the kernel refuses (a full socket buffer: EAGAIN; port 0:
    /// EINVAL) is skipped and the ones behind it go out with the next call.
    /// </summary>
    public unsafe int SendBatch(DatagramBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int sent = 0;
        int done = 0;
        while (done < batch.Count)
        {
            int count = Valid(batch, done);
            if (count == 0)
            {
                done++;          // its buffer range is wrong: skip it
                continue;
            }

            for (int i = 0; i < count; i++)
            {
                int e = done + i;
                int length = batch.Counts[e];
                batch.Buffers[e].AsSpan(batch.Offsets[e], length).CopyTo(new Span<byte>(_staging + ((long)i * StagingBytes), StagingBytes));
                _iovecs[i].Length = (nuint)length;
                MMsgHdr* m = _messages + i;
                m->Header.NameLength = FromSize;
                m->Header.Flags = 0;
                uint to = batch.Addresses[e];
                int port = batch.Ports[e];
                byte* address = _addresses + (i * FromSize);
                address[0] = (byte)AfInet;
                address[1] = 0;
                address[2] = (byte)(port >> 8);
                address[3] = (byte)port;
                address[4] = (byte)(to >> 24);
                address[5] = (byte)(to >> 16);
                address[6] = (byte)(to >> 8);
                address[7] = (byte)to;
            }

            int n = SendMmsg(_fd, _messages, (uint)count, MsgDontWait);
            BatchCalls++;
            if (n <= 0)
            {
                done++;          // the first one was refused: skip it
                continue;
            }

            sent += n;
            done += n;
        }

        for (int i = 0; i < MaxBatch; i++)
        {
            _iovecs[i].Length = StagingBytes;
        }

        return sent;
    }

    // How many of the batch's entries from 'first' (at most MaxBatch) can be used as they are: the
    // run ends before an entry whose buffer range is wrong or that no UDP datagram fits.
    private static int Valid(DatagramBatch batch, int first)
    {
        int count = batch.Count - first;
        if (count > MaxBatch)
        {
            count = MaxBatch;
        }

        for (int i = 0; i < count; i++)
        {
            byte[] buffer = batch.Buffers[first + i];
            int offset = batch.Offsets[first + i];
            int length = batch.Counts[first + i];
            if (buffer == null || (uint)offset > (uint)buffer.Length || (uint)length > (uint)(buffer.Length - offset) || length > StagingBytes)
            {
                return i;
            }
        }

        return count;
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for a datagram (tests; the run loop waits on every descriptor at once).</summary>
    public bool WaitReadable(int timeoutMs) => _socket.Poll(timeoutMs * 1000, SelectMode.SelectRead);

    /// <summary>The socket's file descriptor, for <see cref="ReadinessWait"/>.</summary>
    public int FileDescriptor => _fd;

    public void Dispose()
    {
        _socket.Dispose();
        if (!_disposed)
        {
            _disposed = true;
            unsafe
            {
                NativeMemory.Free(_messages);
                NativeMemory.Free(_iovecs);
                NativeMemory.Free(_addresses);
                NativeMemory.Free(_staging);
            }
        }
    }

    // struct msghdr and struct mmsghdr on LP64 Linux (x86-64, arm64): sequential layout gives the
    // C padding (56 and 64 bytes).
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct MsgHdr
    {
        public byte* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static unsafe partial int RecvMmsg(int fd, MMsgHdr* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    private static unsafe partial int SendMmsg(int fd, MMsgHdr* messages, uint count, int flags);

    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    private static partial nint RecvFrom(int fd, ref byte buffer, nint count, int flags, byte[] from, ref int fromLength);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    private static partial nint SendTo(int fd, ref byte buffer, nint count, int flags, byte[] to, int toLength);

    private static long HostToNetwork(uint address) =>
        (uint)IPAddress.HostToNetworkOrder(unchecked((int)address));
}
