using NanoGate.Boards.Host;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Boards.Linux;

/// <summary>
/// The linux board: UDP 500 and 4500 on the WAN address, a TUN device as the LAN side (needs
/// CAP_NET_ADMIN, i.e. root), the monotonic Stopwatch clock, the OS CSPRNG, the crypto provider
/// chosen by the caller, the console on stdin/stdout, LEDs rendered as a text line, and a
/// directory as persistent storage.
/// </summary>
public sealed class LinuxBoard : IDisposable
{
    private readonly UdpTransport _ike;
    private readonly UdpTransport _natT;
    private readonly TunDevice _tun;
    private readonly ReadinessWait _wait;

    /// <summary>Opens everything; throws (with the OS reason) when a socket or the TUN device cannot be opened.</summary>
    public LinuxBoard(uint wanAddress, string tunName, ICryptoProvider crypto, string storageDirectory, Action<string> writeLine,
        int ikePort = 500, int natTPort = 4500)
    {
        Crypto = crypto;
        _ike = new UdpTransport(wanAddress, ikePort);
        try
        {
            _natT = new UdpTransport(wanAddress, natTPort);
            _tun = new TunDevice(tunName);
            TunQueue.TrySet(tunName, TunQueue.Packets);   // best effort: a longer queue only saves retransmissions
        }
        catch
        {
            _ike.Dispose();
            _natT?.Dispose();
            throw;
        }

        _wait = new ReadinessWait(_ike.FileDescriptor, _natT.FileDescriptor, _tun.FileDescriptor);
        Leds = new ConsoleLeds(writeLine);
        Storage = new DirectoryStorage(storageDirectory);
    }

    public IMonotonicClock Clock { get; } = new StopwatchClock();

    public IRandomSource Random { get; } = new SystemRandom();

    public ICryptoProvider Crypto { get; }

    public IDatagramTransport Ike => _ike;

    public IDatagramTransport NatT => _natT;

    public ILanPort Lan => _tun;

    public string TunName => _tun.Name;

    /// <summary>stdin/stdout; set by the caller (null: no console on stdio).</summary>
    public StdioSerialPort? Console { get; set; }

    public ConsoleLeds Leds { get; }

    public IStorage Storage { get; }

    /// <summary>
    /// The idle wait between passes (epoll): until a datagram arrives on 500 or 4500, a packet on
    /// the TUN device, <see cref="Wake"/> is called, or <paramref name="timeoutMs"/> passed.
    /// </summary>
    public void WaitForWork(int timeoutMs) => _wait.Wait(timeoutMs);

    /// <summary>Ends the run loop's idle wait from another thread (a finished background job).</summary>
    public void Wake() => _wait.Wake();

    public void Dispose()
    {
        _wait.Dispose();
        _ike.Dispose();
        _natT.Dispose();
        _tun.Dispose();
    }
}
