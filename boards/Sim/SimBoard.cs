using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Boards.Sim;

/// <summary>
/// The simulated board: UDP 500 and 4500 on a <see cref="SimNetwork"/> at the WAN address, a
/// <see cref="SimLan"/> with simulated hosts, the network's manual clock, a seeded random source
/// (it says so: never for real keys), memory storage and captured LEDs. For tests and the demo.
/// </summary>
public sealed class SimBoard
{
    public SimBoard(SimNetwork network, string name, uint wanAddress, uint seed, ICryptoProvider? crypto = null, TextWriter? warnings = null)
    {
        Name = name;
        Network = network;
        var random = new DeterministicRandom(seed);
        Random = random;
        (warnings ?? System.Console.Error).WriteLine($"sim board {name}: {DeterministicRandom.Warning}");
        Crypto = crypto ?? new PortableCryptoProvider();
        Ike = network.Bind(wanAddress, 500);
        NatT = network.Bind(wanAddress, 4500);
        Services = network.Bind(wanAddress, ServicesPort);
        Icmp = new SimIcmpSocket(network.Bind(wanAddress, SimIcmpSocket.Port));
        WanAddress = wanAddress;
    }

    /// <summary>Power off: the board's UDP ports go away (a restarted gateway is a new board on the same address).</summary>
    public void PowerOff()
    {
        Network.Unbind(Ike.Local);
        Network.Unbind(Services.Local);
        Network.Unbind(NatT.Local);
        Network.Unbind(Icmp.Local);
    }

    public string Name { get; }

    public SimNetwork Network { get; }

    public uint WanAddress { get; }

    public IMonotonicClock Clock => Network.Clock;

    public IRandomSource Random { get; }

    public ICryptoProvider Crypto { get; }

    /// <summary>Diffie-Hellman off the run loop, deterministically: tests may hold it pending (<see cref="SimJobRunner.Hold"/>).</summary>
    public SimJobRunner Jobs { get; } = new();

    public SimUdpSocket Ike { get; }

    public SimUdpSocket NatT { get; }

    /// <summary>The local port of <see cref="Services"/> (an ephemeral port on a real board).</summary>
    public const int ServicesPort = 49152;

    /// <summary>The socket for the box's own clients (syslog export).</summary>
    public SimUdpSocket Services { get; }

    /// <summary>ICMP on the WAN address (ping without -a); answers echo requests by itself.</summary>
    public SimIcmpSocket Icmp { get; }

    public SimLan Lan { get; } = new();

    public CapturedLeds Leds { get; } = new();

    public MemoryStorage Storage { get; } = new();
}
