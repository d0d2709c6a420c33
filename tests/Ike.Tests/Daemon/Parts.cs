using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Tests.Exchanges;

namespace NanoGate.Ike.Tests.Daemon;

/// <summary>
/// The daemon's parts wired as <see cref="IkeDaemon"/> wires them, on the sim network, without the
/// daemon: each part's tests drive it directly and read the others' state.
/// </summary>
internal sealed class Parts : IIkeListener
{
    public const uint Local = 0xCB007102;   // 203.0.113.2
    public const uint Remote = 0xC6336402;  // 198.51.100.2

    public Parts(ExchangeMode mode = ExchangeMode.Main)
    {
        Network = new SimNetwork(Clock, new DeterministicRandom(3));
        Port500 = Network.Bind(Local, 500);
        Port4500 = Network.Bind(Local, 4500);
        PeerSocket = Network.Bind(Remote, 500);
        Peer = Gateway.Peer("branch", Remote, mode, DhGroup.Ecp256, Rig.Psk, "hq.example", "branch.example");
        Peers.Add(Peer);
        var random = new DeterministicRandom(7);
        Sas = new IkeSaTable(4, random);
        Payloads = new Phase1Payloads(Local, Peers, new DotNetCryptoProvider(), random, new IkeScratch()) { Jobs = new InlineJobRunner() };
        Tasks = new Phase1TaskTable(Payloads);
        Sender = new Retransmitter(Port500, Port4500, random);
    }

    public ManualClock Clock { get; } = new ManualClock();
    public SimNetwork Network { get; }
    public SimUdpSocket Port500 { get; }
    public SimUdpSocket Port4500 { get; }
    public SimUdpSocket PeerSocket { get; }
    public PeerConfig Peer { get; }
    public PeerTable Peers { get; } = new PeerTable();
    public IkeSaTable Sas { get; }
    public Phase1Payloads Payloads { get; }
    public Phase1TaskTable Tasks { get; }
    public Retransmitter Sender { get; }
    public List<string> Events { get; } = [];

    /// <summary>A new SA with the peer, at its address on port 500.</summary>
    public IkeSa NewSa(bool initiator, long nowMs = 0)
    {
        IkeSa sa = Sas.Create(Peer, initiator, Peer.Mode, initiator ? null : new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, nowMs)!;
        sa.PeerAddress = Remote;
        sa.PeerPort = IkeDaemon.IkePort;
        sa.LocalPort = IkeDaemon.IkePort;
        return sa;
    }

    public void OnNegotiating(IkeSa sa) => Events.Add("negotiating");
    public void OnEstablished(IkeSa sa) => Events.Add("established");
    public void OnFailed(IkeSa sa, uint peerAddress, Phase1FailureReason reason, string detail) => Events.Add("failed " + reason);
    public void OnDeleted(IkeSa sa) => Events.Add("deleted");
}
