using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Nat;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// One gateway on the sim board: an IkeDaemon on UDP 500 and 4500 of its address, with the run
/// loop's receive step (port 4500 demultiplexed with <see cref="Port4500Demux"/>, the marker
/// stripped) and a listener that records every event.
/// </summary>
public sealed class Gateway : IIkeListener
{
    private readonly byte[] _buffer = new byte[4096];

    public Gateway(SimNetwork network, string name, uint address, uint seed, ICryptoProvider? crypto = null)
    {
        Name = name;
        Address = address;
        Port500 = network.Bind(address, 500);
        Port4500 = network.Bind(address, 4500);
        Crypto = crypto ?? new DotNetCryptoProvider();
        Daemon = new IkeDaemon(address, Port500, Port4500, Crypto, new DeterministicRandom(seed), this, 16);
    }

    public string Name { get; }
    public uint Address { get; }
    public SimUdpSocket Port500 { get; }
    public SimUdpSocket Port4500 { get; }
    public IkeDaemon Daemon { get; }
    public ICryptoProvider Crypto { get; }

    /// <summary>Quick mode on the daemon, once <see cref="EnableQuickMode"/> ran.</summary>
    public QuickMode? Quick { get; private set; }

    /// <summary>The recording data path and quick mode listener of <see cref="Quick"/>.</summary>
    public RecordingIpsec? Ipsec { get; private set; }
    public List<string> Events { get; } = [];
    public List<Failure> Failures { get; } = [];
    public IkeSa? Established { get; private set; }
    public int KeepalivesReceived { get; private set; }

    /// <summary>A peer with one proposal (AES-256, SHA2-256, the group) and FQDN identities.</summary>
    public static PeerConfig Peer(string name, uint remote, ExchangeMode mode, DhGroup group, string psk, string localId, string remoteId)
    {
        var peer = new PeerConfig(name)
        {
            Mode = mode,
            RemoteAddress = remote,
            RemotePrefixLength = 32,
            PreSharedKey = System.Text.Encoding.ASCII.GetBytes(psk),
            LocalId = new Identity(IdentityType.Fqdn, localId),
            RemoteId = new Identity(IdentityType.Fqdn, remoteId),
        };
        peer.AddProposal(new IkeProposal(1) { Group = group });
        return peer;
    }

    /// <summary>Attaches quick mode with a recording data path of <paramref name="spiCapacity"/> SPIs.</summary>
    public QuickMode EnableQuickMode(uint seed, int spiCapacity = 16, ICryptoProvider? crypto = null)
    {
        Ipsec = new RecordingIpsec(spiCapacity, 0x1000u * (seed & 0xFFFF) + 0x100);
        Quick = new QuickMode(Daemon, crypto ?? Crypto, new DeterministicRandom(seed), Ipsec, Ipsec);
        return Quick;
    }

    /// <summary>The run loop's receive step.</summary>
    public void Pump(long nowMs)
    {
        int n;
        while ((n = Port500.Receive(_buffer, 0, _buffer.Length, out uint from, out int port)) != 0)
        {
            if (n > 0)
            {
                Daemon.HandleDatagram(_buffer, 0, n, from, port, 500, nowMs);
            }
        }

        while ((n = Port4500.Receive(_buffer, 0, _buffer.Length, out uint from, out int port)) != 0)
        {
            if (n < 0)
            {
                continue;
            }

            switch (Port4500Demux.Classify(_buffer, 0, n))
            {
                case Port4500Kind.Ike:
                    Daemon.HandleDatagram(_buffer, 4, n - 4, from, port, 4500, nowMs);
                    break;
                case Port4500Kind.Keepalive:
                    KeepalivesReceived++;
                    break;
            }
        }
    }

    public void OnNegotiating(IkeSa sa) => Events.Add("negotiating " + sa);

    public void OnEstablished(IkeSa sa)
    {
        Established = sa;
        Events.Add("established " + sa);
    }

    public void OnFailed(IkeSa sa, uint peerAddress, Phase1FailureReason reason, string detail)
    {
        Failures.Add(new Failure(reason, Phase1Failure.Text(reason), detail));
        Events.Add("failed " + Ipv4.Format(peerAddress) + ": " + Phase1Failure.Text(reason) + " (" + detail + ")");
    }

    public void OnDeleted(IkeSa sa) => Events.Add("deleted " + sa);

    public sealed record Failure(Phase1FailureReason Reason, string Text, string Detail);
}
